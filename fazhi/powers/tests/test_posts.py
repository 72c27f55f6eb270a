"""Posts (执法岗位) and the responsibility-decomposition indicators."""

import datetime as dt

import pytest

from fazhi.core.errors import DomainError
from fazhi.personnel.enums import CertificateStatus, StaffType
from fazhi.personnel.tests.factories import CertificateFactory, OfficerFactory
from fazhi.powers import selectors, services
from fazhi.powers.tests.items_fixtures import make_item, publish
from fazhi.records.models import Entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def staffed(district, library):
    """Body A: 3 published items, 2 posts; post 1 holds items 1-2 and a certified officer; post 2 only an officer
    whose certificate expired; a third officer has no post; an auxiliary officer is not counted."""
    items = [publish(make_item(district, library, code=f"A-{n}", name=f"事项{n}"), district.legal) for n in (1, 2, 3)]
    certified = OfficerFactory(organisation=district.org_a, name="持证人")
    CertificateFactory(officer=certified, valid_from=dt.date(2023, 1, 1), valid_to=dt.date(2099, 12, 31))
    expired = OfficerFactory(organisation=district.org_a, name="证件过期")
    CertificateFactory(officer=expired, valid_from=dt.date(2010, 1, 1), valid_to=dt.date(2015, 12, 31))
    idle = OfficerFactory(organisation=district.org_a, name="未定岗")
    OfficerFactory(organisation=district.org_a, name="协管员", staff_type=StaffType.AUXILIARY)
    p1 = services.post_create(by=district.admin_a, body=district.body_a, name="食品安全监管岗",
                              power_items=items[:2], officers=[certified])
    p2 = services.post_create(by=district.admin_a, body=district.body_a, name="综合岗", officers=[expired])
    return items, (certified, expired, idle), (p1, p2)


def test_indicators_per_body_and_district(district, staffed):
    result = selectors.decomposition_indicators(user=district.legal, on=dt.date(2026, 1, 1))
    row = next(r for r in result["bodies"] if r["body"] == district.body_a)
    assert (row["items"], row["items_without_post"]) == (3, 1)
    assert (row["posts"], row["posts_without_certified"]) == (2, 1)
    assert row["posts_without_certified_names"] == ["综合岗"]
    assert (row["officers"], row["officers_without_post"]) == (3, 1)
    assert row["staffing_rate"] == 50.0 and row["item_coverage_rate"] == 66.7
    b = next(r for r in result["bodies"] if r["body"] == district.body_b)
    assert b["staffing_rate"] is None and b["items"] == 0
    assert result["district"]["posts"] == 2 and result["district"]["staffing_rate"] == 50.0


def test_a_suspended_certificate_does_not_staff_a_post(district, staffed):
    _, (certified, _, _), _ = staffed
    certified.certificates.update(status=CertificateStatus.SUSPENDED)
    row = selectors.decomposition_indicators(user=district.legal, body=district.body_a)["bodies"][0]
    assert row["posts_without_certified"] == 2


def test_indicators_are_scoped(district, staffed):
    result = selectors.decomposition_indicators(user=district.admin_b)
    assert [r["body"] for r in result["bodies"]] == [district.body_b]


def test_post_takes_only_its_organisations_officers_and_items(district, library, staffed):
    other_item = publish(make_item(district, library, code="B-1", departments=[district.org_b]), district.legal)
    outsider = OfficerFactory(organisation=district.org_b)
    with pytest.raises(DomainError) as exc:
        services.post_create(by=district.legal, body=district.body_a, name="岗", officers=[outsider])
    assert exc.value.code == "officer_not_of_body"
    with pytest.raises(DomainError) as exc:
        services.post_create(by=district.legal, body=district.body_a, name="岗", power_items=[other_item])
    assert exc.value.code == "item_not_of_body"
    with pytest.raises(DomainError) as exc:
        services.post_create(by=district.admin_b, body=district.body_a, name="岗")
    assert exc.value.code == "permission_denied"


def test_post_update_is_recorded_with_its_changes(district, staffed):
    items, (_, _, idle), (p1, _) = staffed
    services.post_update(by=district.admin_a, post=p1, officers=list(p1.officers.all()) + [idle],
                         power_items=items)
    entry = Entry.objects.filter(subject_id=str(p1.public_id)).order_by("-seq").first()
    assert entry.action == "post.changed"
    assert entry.payload["changes"]["power_items"] == [["A-1", "A-2"], ["A-1", "A-2", "A-3"]]
    assert entry.ledger.key == district.body_a.ledger_key
