"""The legal reviewers' screens (views_review, XZCF-58): the queue's scope, order and filter; approving and
returning from the review page; a review of a draft that changed since the request is refused and changes
nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from fazhi.accounts.enums import Role
from fazhi.accounts.tests.factories import UserFactory
from fazhi.enforcement.enums import MajorReason, ReviewPoint, ReviewStatus
from fazhi.enforcement.services import cases as svc
from fazhi.enforcement.services import review as review_services
from fazhi.enforcement.tests import builders as b
from fazhi.records.models import Entry

D = dt.date
QUEUE = reverse("enforcement:review_queue")


def form_url(review):
    return reverse("enforcement:review_form", kwargs={"public_id": review.public_id})


def all_ok() -> dict:
    return {f"{p.value}_ok": "on" for p in ReviewPoint}


SEP_10 = D(2026, 9, 10)


def requested(enf, *, requested_on=SEP_10, **kw):
    """A notified major case whose latest draft has a pending review."""
    case = b.notified(enf, **kw)
    svc.case_mark_major(by=enf.d.officer_a, case=case, reasons=[MajorReason.COMPLEX])
    b.draft(enf, case)
    review = review_services.review_request(by=enf.d.officer_a, case=case, requested_on=requested_on)
    case.refresh_from_db()
    return case, review


@pytest.fixture
def reviewer_b(enf):
    return UserFactory(role=Role.LEGAL_REVIEWER, organisation=enf.d.org_b, username="reviewer_b")


def entries(case):
    return Entry.objects.filter(subject_id=str(case.public_id)).count()


def test_queue_scope_order_and_waiting_days(enf, client_for, reviewer_b):
    case_late, late = requested(enf, requested_on=D(2026, 9, 12))
    case_early, early = requested(enf, requested_on=D(2026, 9, 10), party_name="另一家公司")
    response = client_for(enf.d.reviewer_a).get(QUEUE)
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [r.pk for r, _days in rows] == [early.pk, late.pk]  # oldest first
    assert rows[0][1] == (timezone.localdate() - D(2026, 9, 10)).days
    page = response.content.decode()
    assert case_early.number in page and case_early.title in page and enf.body.name in page and "第 1 版" in page
    # a reviewer of body B does not see body A's reviews, nor open them
    other = client_for(reviewer_b)
    assert other.get(QUEUE).context["rows"] == []
    assert other.get(form_url(early)).status_code == 404
    # the legal affairs office sees every body's
    legal = client_for(enf.d.legal)
    assert len(legal.get(QUEUE).context["rows"]) == 2


def test_queue_filter_by_body_and_who_may_open_it(enf, client_for):
    requested(enf)
    legal = client_for(enf.d.legal)
    assert len(legal.get(QUEUE, {"body": str(enf.d.body_a.public_id)}).context["rows"]) == 1
    assert legal.get(QUEUE, {"body": str(enf.d.body_b.public_id)}).context["rows"] == []
    assert client_for(enf.d.officer_a).get(QUEUE).status_code == 403


def test_review_page_shows_the_draft_beside_the_case(enf, client_for):
    case, review = requested(enf)
    response = client_for(enf.d.reviewer_a).get(form_url(review))
    assert response.status_code == 200
    page = response.content.decode()
    assert "当事人销售过期食品12箱,有现场笔录、照片为证" in page  # the draft
    assert "经查,当事人销售超过保质期的食品" in page  # the case's facts
    assert enf.o1.name in page and case.notice.number in page
    assert "审核通过" in page and "退回修改" in page
    assert len(response.context["points"]) == 8
    assert not response.context["stale"]


def test_approve_from_the_form(enf, client_for):
    case, review = requested(enf)
    reviewer = client_for(enf.d.reviewer_a)
    response = reviewer.post(form_url(review), {**all_ok(), "opinion": "事实清楚,同意", "decided_on": "2026-09-11",
                                                "action": "approve"})
    assert response.status_code == 302 and response.url == QUEUE
    review.refresh_from_db()
    assert review.status == ReviewStatus.APPROVED and review.reviewer == enf.d.reviewer_a
    assert review.checklist["facts"] == {"ok": True, "note": ""}
    assert review_services.review_passed(case) == review
    assert reviewer.get(QUEUE).context["rows"] == []


def test_approve_with_a_point_unmet_is_refused(enf, client_for):
    case, review = requested(enf)
    before = entries(case)
    data = {**all_ok(), "discretion_note": "罚款偏重", "opinion": "", "decided_on": "2026-09-11", "action": "approve"}
    del data["discretion_ok"]
    response = client_for(enf.d.reviewer_a).post(form_url(review), data)
    assert response.status_code == 200
    assert "XZCF-58" in str(response.context["form"].non_field_errors())
    review.refresh_from_db()
    assert review.status == ReviewStatus.PENDING and entries(case) == before


def test_return_with_reasons(enf, client_for):
    case, review = requested(enf)
    reviewer = client_for(enf.d.reviewer_a)
    data = {**all_ok(), "discretion_note": "罚款数额与裁量基准不符", "decided_on": "2026-09-11", "action": "return"}
    del data["discretion_ok"]
    # no opinion: refused, nothing changes
    response = reviewer.post(form_url(review), {**data, "opinion": ""})
    assert response.status_code == 200 and "退回修改须写明审核意见和理由" in response.content.decode()
    review.refresh_from_db()
    assert review.status == ReviewStatus.PENDING
    response = reviewer.post(form_url(review), {**data, "opinion": "请按裁量基准调整罚款数额"})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.RETURNED and review.opinion == "请按裁量基准调整罚款数额"
    assert review.checklist["discretion"] == {"ok": False, "note": "罚款数额与裁量基准不符"}
    # the decided review reads back without buttons
    page = client_for(enf.d.reviewer_a).get(form_url(review))
    assert not page.context["decidable"] and "罚款数额与裁量基准不符" in page.content.decode()


def test_stale_review_is_refused_after_a_new_draft(enf, client_for):
    case, review = requested(enf)
    b.draft(enf, case, facts="补充了检验报告")  # version 2 invalidates the pending review of version 1
    review.refresh_from_db()
    assert review.status == ReviewStatus.INVALIDATED
    reviewer = client_for(enf.d.reviewer_a)
    page = reviewer.get(form_url(review))
    assert page.context["stale"] and not page.context["decidable"]
    assert "当前草稿为第 2 版" in page.content.decode()
    before = entries(case)
    response = reviewer.post(form_url(review), {**all_ok(), "opinion": "同意", "decided_on": "2026-09-11",
                                                "action": "approve"})
    assert response.status_code == 200
    assert "已失效" in response.content.decode() and "XZCF-58" in response.content.decode()
    review.refresh_from_db()
    assert review.status == ReviewStatus.INVALIDATED and review.reviewer is None
    assert entries(case) == before
    assert review_services.review_passed(case) is None


def test_a_post_without_a_button_changes_nothing(enf, client_for):
    case, review = requested(enf)
    response = client_for(enf.d.reviewer_a).post(form_url(review), {**all_ok(), "opinion": "同意",
                                                                     "decided_on": "2026-09-11"})
    assert response.status_code == 200 and "请选择“审核通过”或“退回修改”" in response.content.decode()
    review.refresh_from_db()
    assert review.status == ReviewStatus.PENDING


def test_menu_has_the_review_queue_for_reviewers_only(enf, client_for):
    link = f'href="{QUEUE}"'
    assert link in client_for(enf.d.reviewer_a).get(QUEUE).content.decode()
    assert link not in client_for(enf.d.officer_a).get(reverse("enforcement:case_list")).content.decode()
