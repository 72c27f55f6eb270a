"""The workbench's enforcement tasks: an officer's own cases, a head's decisions, reviews, overdue cases."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from fazhi.enforcement.enums import ReviewPoint
from fazhi.enforcement.models import MajorCatalogueItem
from fazhi.enforcement.selectors.work import tasks_for
from fazhi.enforcement.services import review as rv
from fazhi.enforcement.tests import builders as b


def test_tasks_by_role(enf, client_for):
    enf.o1.user = enf.d.officer_a
    enf.o1.save()
    MajorCatalogueItem.objects.create(body=enf.body, title="罚款五千元以上", min_fine=Decimal("5000"))
    overdue = b.filed(enf, filed_on=dt.date(2026, 6, 1))  # due 2026-08-31
    case = b.notified(enf, party_name="待审核公司", filed_on=dt.date(2026, 9, 1))  # due 2026-11-30
    b.draft(enf, case)
    rv.review_request(by=enf.d.officer_a, case=case, requested_on=dt.date(2026, 9, 10))

    officer = tasks_for(user=enf.d.officer_a)
    assert officer["my_case_count"] == 2 and officer["overdue_count"] == 1
    assert list(officer["overdue"]) == [overdue]
    assert "review_count" not in officer and "to_decide_count" not in officer
    head = tasks_for(user=enf.d.head_a)
    assert head["to_decide_count"] == 1
    assert tasks_for(user=enf.d.reviewer_a)["review_count"] == 1
    assert tasks_for(user=enf.d.legal)["review_count"] == 1
    assert tasks_for(user=enf.d.admin_b)["overdue_count"] == 0  # another body's cases are not counted

    page = client_for(enf.d.reviewer_a).get(reverse("web:workbench")).content.decode()
    assert "待审核公司" in page and 'data-testid="review-count"' in page


def test_a_reviewed_case_leaves_the_queue(enf):
    MajorCatalogueItem.objects.create(body=enf.body, title="罚款五千元以上", min_fine=Decimal("5000"))
    case = b.notified(enf)
    b.draft(enf, case)
    review = rv.review_request(by=enf.d.officer_a, case=case, requested_on=dt.date(2026, 9, 10))
    rv.review_approve(by=enf.d.reviewer_a, review=review, checklist={p: {"ok": True, "note": ""} for p in ReviewPoint},
                      opinion="同意", decided_on=dt.date(2026, 9, 11))
    assert tasks_for(user=enf.d.reviewer_a)["review_count"] == 0


def test_cases_with_a_deadline_come_before_those_without(enf):
    enf.o1.user = enf.d.officer_a
    enf.o1.save()
    no_date = b.filed(enf, filed_on=dt.date(2026, 11, 1), party_name="期限待计算公司")  # due in 2027: not computable
    dated = b.filed(enf, filed_on=dt.date(2026, 9, 10), party_name="期限明确公司")  # due 2026-12-09
    assert list(tasks_for(user=enf.d.officer_a)["my_cases"]) == [dated, no_date]
