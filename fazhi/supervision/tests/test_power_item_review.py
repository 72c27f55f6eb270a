"""Warnings for power items flagged for review when a law they cite is amended or repealed (the powers app
flags and records; supervision puts the warning on each department's workbench and keeps it current)."""

import datetime as dt
from pathlib import Path

import pytest

from fazhi.powers import services
from fazhi.powers.enums import LawStatus
from fazhi.supervision import services as supervision
from fazhi.supervision.enums import WarningKind
from fazhi.supervision.models import Warning
from fazhi.supervision.selectors import warnings_for

PENALTY = (Path(__file__).resolve().parents[2] / "powers" / "data" / "laws" / "行政处罚法(2021-01-22).md").read_text(
    encoding="utf-8")


@pytest.fixture
def penalty_law(district):
    return services.law_import(by=district.legal, text=PENALTY)


def cite(article, *, code, departments, by):
    """A published item citing `article`, through the powers services."""
    item = services.power_item_create(by=by, code=code, name=f"事项{code}", category="penalty",
                                      departments=departments, legal_bases=[(article, None, None)])
    return services.power_item_publish(by=by, item=item, reason="公布权责清单", effective_on=dt.date(2023, 6, 30))


@pytest.mark.django_db(transaction=True)
def test_flagged_items_appear_on_each_departments_workbench_after_commit(district):
    law = services.law_import(by=district.legal, text=PENALTY)
    item = cite(law.articles.get(number=9), code="P1", departments=[district.org_a, district.org_b],
                by=district.legal)
    services.law_status_change(by=district.legal, law=law, status=LawStatus.REPEALED, on=dt.date(2024, 1, 1),
                               reason="废止决定")
    warnings = Warning.objects.filter(kind=WarningKind.POWER_ITEM_REVIEW, resolved_at__isnull=True)
    assert {w.organisation for w in warnings} == {district.org_a, district.org_b}
    assert list(warnings_for(user=district.admin_a).filter(kind=WarningKind.POWER_ITEM_REVIEW)) == [
        warnings.get(organisation=district.org_a)]
    assert not warnings_for(user=district.officer_a).filter(kind=WarningKind.POWER_ITEM_REVIEW).exists()
    warning = warnings.get(organisation=district.org_a)
    assert warning.due_on == dt.date(2024, 1, 1) and "《中华人民共和国行政处罚法》已废止" in warning.trace

    # reviewed: the lead department confirms the item stands (the service clears the flag); the scan resolves
    # the warnings of both departments
    services.power_item_review_confirm(by=district.admin_a, item=item, reason="该事项已另有现行依据,无需调整")
    supervision.warnings_scan(on=dt.date(2024, 1, 2))
    assert not Warning.objects.filter(kind=WarningKind.POWER_ITEM_REVIEW, resolved_at__isnull=True).exists()
    assert set(Warning.objects.filter(kind=WarningKind.POWER_ITEM_REVIEW).values_list("resolution", flat=True)) \
        == {"已复核"}


def test_scan_picks_up_flagged_items_and_drops_departments_that_no_longer_hold_them(district, penalty_law):
    item = cite(penalty_law.articles.get(number=9), code="P1", departments=[district.org_a, district.org_b],
                by=district.legal)
    services.law_status_change(by=district.legal, law=penalty_law, status=LawStatus.AMENDED,
                               on=dt.date(2024, 1, 1), reason="修改决定")
    supervision.warnings_scan(on=dt.date(2024, 1, 2))  # on_commit never fires in this test: the scan does it
    assert Warning.objects.filter(kind=WarningKind.POWER_ITEM_REVIEW, resolved_at__isnull=True).count() == 2
    services.power_item_adjust(by=district.legal, item=item, reason="实施部门调整", effective_on=dt.date(2024, 1, 3),
                               departments=[district.org_a])
    item.refresh_from_db()
    assert item.needs_review  # the basis still cites the amended law
    supervision.warnings_scan(on=dt.date(2024, 1, 3))
    resolved = Warning.objects.get(kind=WarningKind.POWER_ITEM_REVIEW, organisation=district.org_b)
    assert resolved.resolution == "该单位已不再实施此事项"


def test_an_adjustment_to_bases_in_force_clears_the_flag_and_the_scan_resolves_the_warning(district, penalty_law):
    item = cite(penalty_law.articles.get(number=9), code="P1", departments=[district.org_a], by=district.legal)
    services.law_status_change(by=district.legal, law=penalty_law, status=LawStatus.AMENDED,
                               on=dt.date(2024, 1, 1), reason="修改决定")
    supervision.warnings_scan(on=dt.date(2024, 1, 2))
    warning = Warning.objects.get(kind=WarningKind.POWER_ITEM_REVIEW, resolved_at__isnull=True)
    assert "复核并调整执法依据后,预警自动解除" in warning.trace
    amended = services.law_import(by=district.legal, text=PENALTY, version="2024年修正")
    assert amended.status == LawStatus.IN_FORCE
    services.power_item_adjust(by=district.admin_a, item=item, reason="依据现行版本", effective_on=dt.date(2024, 1, 5),
                               legal_bases=[(amended.articles.get(number=9), None, None)])
    supervision.warnings_scan(on=dt.date(2024, 1, 6))
    warning.refresh_from_db()
    assert warning.resolved_at is not None and warning.resolution == "已复核"
