"""Enforcement settings: prefixes feed the numbering engine, the catalogue makes cases major, thresholds decide the
hearing right; each change is recorded and scoped."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from fazhi.core.errors import DomainError
from fazhi.core.numbering_models import NumberPrefix
from fazhi.enforcement.models import HearingThreshold, MajorCatalogueItem
from fazhi.enforcement.services import settings as svc
from fazhi.enforcement.tests import builders as b
from fazhi.records.models import Entry


def test_prefix_set_feeds_case_numbers_and_is_recorded(enf):
    svc.prefix_set(by=enf.d.admin_a, organisation=enf.org, kind="case", prefix="赛市监案")
    case = b.filed(enf)
    assert case.number == "赛市监案立〔2026〕1号"
    assert Entry.objects.filter(action="numbering.prefix_set").count() == 1


def test_body_admin_cannot_set_another_organisations_prefix(enf):
    with pytest.raises(DomainError):
        svc.prefix_set(by=enf.d.admin_b, organisation=enf.org, kind="", prefix="X")
    assert NumberPrefix.objects.get(scope=str(enf.org.public_id), kind="").prefix == "赛市监"


def test_catalogue_needs_a_criterion_and_makes_matching_drafts_major(enf):
    with pytest.raises(DomainError) as err:
        svc.catalogue_item_add(by=enf.d.admin_a, body=enf.body, title="其他", published_on=dt.date(2026, 1, 5))
    assert err.value.rule == "XZCF-58"
    svc.catalogue_item_add(by=enf.d.admin_a, body=enf.body, title="吊销许可证件的", penalty_kinds=["revoke_licence"],
                           published_on=dt.date(2026, 1, 5))
    case = b.notified(enf, kinds=("revoke_licence",), fine=Decimal("0"))
    b.draft(enf, case, kinds=("revoke_licence",), fine=Decimal("0"))
    case.refresh_from_db()
    assert case.is_major


def test_threshold_only_by_the_office(enf):
    with pytest.raises(DomainError):
        svc.threshold_set(by=enf.d.admin_a, category=None, party_type="person", min_fine=1, min_confiscation=1,
                          basis="x")
    svc.threshold_set(by=enf.d.legal, category=enf.d.market, party_type="person", min_fine="5000",
                      min_confiscation="5000", basis="本区市场监管领域较大数额标准")
    assert HearingThreshold.objects.get(category=enf.d.market, party_type="person").min_fine == Decimal("5000")


def test_settings_pages(enf, client_for):
    client = client_for(enf.d.admin_a)
    page = client.get(reverse("enforcement:settings"))
    assert page.status_code == 200 and "赛市监" in page.content.decode()
    response = client.post(reverse("enforcement:catalogue_add") + f"?organisation={enf.org.public_id}",
                           {"body": str(enf.body.public_id), "title": "罚款五万元以上的", "min_fine": "50000",
                            "published_on": "2026-01-05"})
    assert response.status_code == 302 and MajorCatalogueItem.objects.count() == 1
    assert client_for(enf.d.admin_b).get(reverse("enforcement:catalogue_remove",
                                                  args=[MajorCatalogueItem.objects.get().public_id])).status_code == 404
    assert client_for(enf.d.admin_a).get(reverse("enforcement:threshold_set")).status_code == 403
