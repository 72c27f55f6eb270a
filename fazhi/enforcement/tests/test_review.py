"""法制审核 (XZCF-58): a review binds to one draft version; the gate's edges, who may review, invalidation, and that
every refusal changes nothing."""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from fazhi.accounts.enums import Role
from fazhi.accounts.tests.factories import UserFactory
from fazhi.core.errors import DomainError, PermissionDenied
from fazhi.enforcement.enums import MajorReason, Outcome, RecusalSource, ReviewPoint, ReviewStatus
from fazhi.enforcement.models import Case, DraftDecision, LegalReview
from fazhi.enforcement.selectors.review import review_queue_for
from fazhi.enforcement.services import cases
from fazhi.enforcement.services import review as svc
from fazhi.enforcement.tests import builders
from fazhi.records.enums import Action
from fazhi.records.models import Entry

FILED = dt.date(2026, 3, 2)
REQUESTED = dt.date(2026, 4, 1)  # a Wednesday


# --- a filed case with drafts, through the case services -----------------------------------------------------

def filed_case(enf, *, is_major=True, officers=None) -> Case:
    case = builders.filed(enf, filed_on=FILED, officers=officers)
    if is_major:
        case = cases.case_mark_major(by=enf.d.officer_a, case=case, reasons=[MajorReason.COMPLEX])
    case.refresh_from_db()
    return case


def save_draft(enf, case: Case, *, fine="5000.00") -> DraftDecision:
    """A new draft version through draft_save, which invalidates older versions' reviews."""
    return builders.draft(enf, case, fine=Decimal(fine))


def raw_draft(case: Case, version: int) -> DraftDecision:
    """A draft row written without draft_save, to test the services' own guard against stale reviews."""
    return DraftDecision.objects.create(public_id=uuid.uuid4(), case=case, version=version, outcome=Outcome.PENALTY,
                                        facts_and_evidence="x", penalty_and_basis="x", compliance="x", remedies="x",
                                        content_sha256=f"{version:064d}", created_by=case.created_by)


def all_ok(**overrides) -> dict:
    checklist = {point.value: {"ok": True, "note": ""} for point in ReviewPoint}
    checklist.update(overrides)
    return checklist


def _snapshot():
    return (Entry.objects.count(), list(LegalReview.objects.order_by("pk").values()),
            list(DraftDecision.objects.order_by("pk").values_list("pk", flat=True)))


@contextlib.contextmanager
def refused(code: str | None = None, *, exc=DomainError, rule: str | None = "XZCF-58"):
    """The act is refused with `code` (and `rule`) and leaves the database as it was: no row, no record entry."""
    before = _snapshot()
    with pytest.raises(exc) as info:
        yield info
    if code is not None:
        assert info.value.code == code, info.value
    if rule is not None and exc is DomainError:
        assert info.value.rule == rule
    assert _snapshot() == before


@pytest.fixture
def case(enf):
    return filed_case(enf)


@pytest.fixture
def draft(case, enf):
    return save_draft(enf, case)


@pytest.fixture
def review(case, draft, enf):
    return svc.review_request(by=enf.d.officer_a, case=case, requested_on=REQUESTED)


def last_entry() -> Entry:
    return Entry.objects.order_by("-pk").first()


# --- review_request -------------------------------------------------------------------------------------------

def test_request_binds_to_the_latest_draft_and_is_recorded(enf, case, draft):
    second = save_draft(enf, case, fine="40000.00")
    review = svc.review_request(by=enf.d.officer_a, case=case, requested_on=REQUESTED)
    assert review.draft == second and review.status == ReviewStatus.PENDING
    assert review.requested_by == enf.d.officer_a and review.requested_on == REQUESTED
    entry = last_entry()
    assert entry.action == Action.CASE_REVIEW_REQUESTED
    assert entry.subject_type == "enforcement.Case" and entry.subject_id == str(case.public_id)
    assert entry.payload["draft_version"] == 2
    assert entry.payload["draft_sha256"] == second.content_sha256
    assert entry.payload["review_id"] == str(review.public_id)


def test_request_refused_when_the_case_is_not_major(enf):
    case = filed_case(enf, is_major=False)
    save_draft(enf, case)
    with refused("review_not_required"):
        svc.review_request(by=enf.d.officer_a, case=case, requested_on=REQUESTED)


def test_request_refused_without_a_draft(enf, case):
    with refused("no_draft"):
        svc.review_request(by=enf.d.officer_a, case=case, requested_on=REQUESTED)


@pytest.mark.parametrize("status", ["lead", "not_filed", "decided"])
def test_request_refused_when_the_case_is_not_open(enf, status):
    if status == "decided":
        case, _ = builders.decided(enf)
    else:
        case = builders.lead(enf, received_on=FILED)
        if status == "not_filed":
            case = cases.case_not_file(by=enf.d.officer_a, case=case, reason="不属于本机关管辖")
    assert case.status == status
    with refused("case_not_open"):
        svc.review_request(by=enf.d.officer_a, case=case, requested_on=REQUESTED)


def test_second_request_of_a_pending_or_approved_draft_refused(enf, case, review):
    with refused("review_exists"):
        svc.review_request(by=enf.d.officer_a, case=case, requested_on=REQUESTED)
    svc.review_approve(by=enf.d.reviewer_a, review=review, checklist=all_ok(), opinion="同意", decided_on=REQUESTED)
    with refused("review_exists"):
        svc.review_request(by=enf.d.head_a, case=case, requested_on=REQUESTED)


def test_request_after_a_return_needs_a_new_draft(enf, case, review):
    svc.review_return(by=enf.d.reviewer_a, review=review, checklist=all_ok(facts={"ok": False, "note": "证据不足"}),
                      opinion="事实不清,退回补充调查", decided_on=REQUESTED)
    with pytest.raises(DomainError) as err:  # asking again on the same draft until someone approves: no
        svc.review_request(by=enf.d.officer_a, case=case, requested_on=REQUESTED + dt.timedelta(days=1))
    assert err.value.code == "review_returned" and err.value.rule == "XZCF-58"
    raw_draft(case, 2)
    again = svc.review_request(by=enf.d.officer_a, case=case, requested_on=REQUESTED + dt.timedelta(days=1))
    assert again.status == ReviewStatus.PENDING and again.pk != review.pk and again.draft.version == 2


@pytest.mark.parametrize("who", ["reviewer_a", "legal", "admin_b", "volunteer"])
def test_request_refused_for_roles_and_bodies_that_do_not_handle_the_case(enf, case, draft, who):
    with refused(exc=PermissionDenied):
        svc.review_request(by=getattr(enf.d, who), case=case, requested_on=REQUESTED)


@pytest.mark.parametrize("who", ["officer_a", "admin_a", "head_a", "sysadmin"])
def test_request_allowed_for_the_handling_roles(enf, case, draft, who):
    assert svc.review_request(by=getattr(enf.d, who), case=case, requested_on=REQUESTED).pk


def test_request_dates(enf, case, draft):
    with refused("date_in_future", rule=None):
        svc.review_request(by=enf.d.officer_a, case=case, requested_on=timezone.localdate() + dt.timedelta(days=1))
    with refused("requested_before_filing", rule=None):
        svc.review_request(by=enf.d.officer_a, case=case, requested_on=FILED - dt.timedelta(days=1))
    assert svc.review_request(by=enf.d.officer_a, case=case, requested_on=FILED).pk  # the filing day itself


# --- review_approve / review_return ---------------------------------------------------------------------------

def test_approve_with_every_point_ok_is_recorded_with_the_draft(enf, case, draft, review):
    checklist = all_ok(discretion={"ok": True, "note": "罚款数额在裁量基准幅度内"})
    approved = svc.review_approve(by=enf.d.reviewer_a, review=review, checklist=checklist, opinion=" 同意 ",
                                  decided_on=REQUESTED)  # decided the day it was asked: allowed
    assert approved.status == ReviewStatus.APPROVED and approved.reviewer == enf.d.reviewer_a
    assert approved.opinion == "同意" and approved.checklist == checklist and approved.decided_on == REQUESTED
    assert svc.review_passed(case) == approved
    entry = last_entry()
    assert entry.action == Action.CASE_REVIEW_APPROVED
    assert entry.payload["checklist"] == checklist and entry.payload["opinion"] == "同意"
    assert entry.payload["draft_version"] == 1 and entry.payload["draft_sha256"] == draft.content_sha256


def test_review_passed_is_none_until_approved(enf, case, draft, review):
    assert svc.review_passed(case) is None
    assert svc.review_passed(filed_case(enf)) is None  # no draft at all


def test_approve_refused_unless_every_point_is_checked(enf, review):
    checklist = all_ok()
    del checklist[ReviewPoint.CRIME]
    with refused("checklist_incomplete") as info:
        svc.review_approve(by=enf.d.reviewer_a, review=review, checklist=checklist, opinion="同意",
                           decided_on=REQUESTED)
    assert str(ReviewPoint.CRIME.label) in info.value.message
    with refused("checklist_incomplete"):
        svc.review_approve(by=enf.d.reviewer_a, review=review, checklist=all_ok(crime={"note": "无"}),
                           opinion="同意", decided_on=REQUESTED)
    with refused("checklist_unknown_point"):
        svc.review_approve(by=enf.d.reviewer_a, review=review, checklist=all_ok(mood={"ok": True, "note": ""}),
                           opinion="同意", decided_on=REQUESTED)


def test_approve_refused_when_a_point_is_not_ok(enf, review):
    with refused("review_points_failed"):
        svc.review_approve(by=enf.d.reviewer_a, review=review,
                           checklist=all_ok(procedure={"ok": False, "note": "未告知听证权利"}), opinion="同意",
                           decided_on=REQUESTED)


def test_return_needs_failed_points_with_reasons_and_an_opinion(enf, case, review):
    failed = all_ok(procedure={"ok": False, "note": "未告知听证权利"})
    with refused("opinion_required"):
        svc.review_return(by=enf.d.reviewer_a, review=review, checklist=failed, opinion="  ", decided_on=REQUESTED)
    with refused("return_reason_required"):
        svc.review_return(by=enf.d.reviewer_a, review=review, checklist=all_ok(), opinion="退回",
                          decided_on=REQUESTED)
    with refused("checklist_reason_required"):
        svc.review_return(by=enf.d.reviewer_a, review=review, checklist=all_ok(procedure={"ok": False, "note": ""}),
                          opinion="退回", decided_on=REQUESTED)
    returned = svc.review_return(by=enf.d.reviewer_a, review=review, checklist=failed,
                                 opinion="程序违法,请补正后重新提请", decided_on=REQUESTED + dt.timedelta(days=2))
    assert returned.status == ReviewStatus.RETURNED and svc.review_passed(case) is None
    entry = last_entry()
    assert entry.action == Action.CASE_REVIEW_RETURNED
    assert entry.payload["reasons"] == [{"point": "procedure", "label": ReviewPoint.PROCEDURE.label,
                                         "note": "未告知听证权利"}]
    assert entry.payload["opinion"] == "程序违法,请补正后重新提请" and entry.payload["draft_version"] == 1



def test_the_ledger_keeps_the_chinese_label_whatever_the_ui_language(enf, case, review):
    failed = all_ok(procedure={"ok": False, "note": "未告知听证权利"})
    with translation.override("en"):
        assert str(ReviewPoint.PROCEDURE.label) != "执法程序是否合法"  # the English UI shows the translation
        svc.review_return(by=enf.d.reviewer_a, review=review, checklist=failed, opinion="退回",
                          decided_on=REQUESTED)
    assert last_entry().payload["reasons"][0]["label"] == "执法程序是否合法"

def test_a_decided_review_cannot_be_decided_again(enf, review):
    svc.review_approve(by=enf.d.reviewer_a, review=review, checklist=all_ok(), opinion="同意", decided_on=REQUESTED)
    with refused("review_decided"):
        svc.review_return(by=enf.d.legal, review=review, checklist=all_ok(facts={"ok": False, "note": "x"}),
                          opinion="退回", decided_on=REQUESTED)


def test_reviewer_who_is_a_case_officer_refused(enf, review):
    enf.o2.user = enf.d.reviewer_a
    enf.o2.save()
    with refused("reviewer_is_officer"):
        svc.review_approve(by=enf.d.reviewer_a, review=review, checklist=all_ok(), opinion="同意",
                           decided_on=REQUESTED)


def test_reviewer_who_left_the_case_is_still_refused(enf):
    """Recusal ends the assignment but not the fact that the officer took part in the case."""
    case = filed_case(enf, officers=[enf.o1, enf.o2, enf.o3])
    recusal = cases.recusal_request(by=enf.d.officer_a, case=case, officer=enf.o3, source=RecusalSource.OFFICER,
                                    reason="与当事人有亲属关系", requested_on=FILED)
    cases.recusal_decide(by=enf.d.head_a, recusal=recusal, granted=True, reason="情况属实", decided_on=FILED)
    save_draft(enf, case)
    review = svc.review_request(by=enf.d.officer_a, case=case, requested_on=REQUESTED)
    enf.o3.user = enf.d.reviewer_a
    enf.o3.save()
    with refused("reviewer_is_officer"):
        svc.review_approve(by=enf.d.reviewer_a, review=review, checklist=all_ok(), opinion="同意",
                           decided_on=REQUESTED)


@pytest.mark.parametrize("who", ["officer_a", "head_a", "admin_a", "volunteer"])
def test_only_reviewers_review(enf, review, who):
    with refused(exc=PermissionDenied):
        svc.review_approve(by=getattr(enf.d, who), review=review, checklist=all_ok(), opinion="同意",
                           decided_on=REQUESTED)


def test_legal_reviewer_of_another_organisation_refused_legal_office_allowed(enf, review):
    reviewer_b = UserFactory(role=Role.LEGAL_REVIEWER, organisation=enf.d.org_b, username="reviewer_b")
    with refused(exc=PermissionDenied):
        svc.review_approve(by=reviewer_b, review=review, checklist=all_ok(), opinion="同意", decided_on=REQUESTED)
    approved = svc.review_approve(by=enf.d.legal, review=review, checklist=all_ok(), opinion="同意",
                                  decided_on=REQUESTED)
    assert approved.reviewer == enf.d.legal


def test_decision_date_edges(enf, review):
    with refused("decided_before_request", rule=None):
        svc.review_approve(by=enf.d.reviewer_a, review=review, checklist=all_ok(), opinion="同意",
                           decided_on=REQUESTED - dt.timedelta(days=1))
    with refused("date_in_future", rule=None):
        svc.review_approve(by=enf.d.reviewer_a, review=review, checklist=all_ok(), opinion="同意",
                           decided_on=timezone.localdate() + dt.timedelta(days=1))
    today = timezone.localdate()
    assert svc.review_approve(by=enf.d.reviewer_a, review=review, checklist=all_ok(), opinion="同意",
                              decided_on=today).decided_on == today


# --- a review holds for one draft version ---------------------------------------------------------------------

def test_approval_of_a_stale_draft_refused(enf, case, review):
    save_draft(enf, case, fine="30000.00")  # invalidates the pending review
    with refused("review_stale"):
        svc.review_approve(by=enf.d.reviewer_a, review=review, checklist=all_ok(), opinion="同意",
                           decided_on=REQUESTED)


def test_pending_review_of_an_older_draft_refused_even_if_not_yet_invalidated(enf, case, review):
    """Defence in depth: a newer version that somehow skipped invalidation still makes the review stale."""
    raw_draft(case, 2)
    with refused("review_stale"):
        svc.review_approve(by=enf.d.reviewer_a, review=review, checklist=all_ok(), opinion="同意",
                           decided_on=REQUESTED)
    assert svc.review_passed(case) is None


def test_a_new_draft_invalidates_the_approval_which_stays_in_the_record(enf, case, draft, review):
    approved = svc.review_approve(by=enf.d.reviewer_a, review=review, checklist=all_ok(), opinion="同意",
                                  decided_on=REQUESTED)
    third_party = filed_case(enf)  # another case's reviews are not touched
    save_draft(enf, third_party)
    other = svc.review_request(by=enf.d.officer_a, case=third_party, requested_on=REQUESTED)
    entries = Entry.objects.count()

    second = save_draft(enf, case, fine="30000.00")

    approved.refresh_from_db()
    assert approved.status == ReviewStatus.INVALIDATED
    assert approved.invalidated_reason == "决定书草稿已修改为第2版"
    assert approved.reviewer == enf.d.reviewer_a and approved.opinion == "同意" and approved.checklist == all_ok()
    assert svc.review_passed(case) is None
    assert Entry.objects.count() == entries + 2  # the draft saved, and one invalidation
    entry = Entry.objects.get(action=Action.CASE_REVIEW_INVALIDATED)
    assert entry.action == Action.CASE_REVIEW_INVALIDATED
    assert entry.payload["previous_status"] == ReviewStatus.APPROVED
    assert entry.payload["draft_version"] == 1 and entry.payload["draft_sha256"] == draft.content_sha256
    assert entry.payload["new_draft_version"] == 2 and entry.payload["new_draft_sha256"] == second.content_sha256
    assert Entry.objects.filter(action=Action.CASE_REVIEW_APPROVED, payload__review_id=str(approved.public_id)).exists()
    other.refresh_from_db()
    assert other.status == ReviewStatus.PENDING
    # the new version can be reviewed and passes the gate
    fresh = svc.review_request(by=enf.d.officer_a, case=case, requested_on=REQUESTED + dt.timedelta(days=3))
    assert fresh.draft == second
    svc.review_approve(by=enf.d.legal, review=fresh, checklist=all_ok(), opinion="同意",
                       decided_on=REQUESTED + dt.timedelta(days=3))
    assert svc.review_passed(case) == fresh


def test_invalidate_counts_pending_and_approved_only(enf, case, draft):
    returned = svc.review_request(by=enf.d.officer_a, case=case, requested_on=REQUESTED)
    svc.review_return(by=enf.d.reviewer_a, review=returned, checklist=all_ok(basis={"ok": False, "note": "依据错误"}),
                      opinion="适用依据错误", decided_on=REQUESTED)
    raw_draft(case, 2)
    pending = svc.review_request(by=enf.d.officer_a, case=case, requested_on=REQUESTED)
    v3 = raw_draft(case, 3)
    assert svc.reviews_invalidate(case=case, draft=v3, by=enf.d.officer_a) == 1
    returned.refresh_from_db()
    pending.refresh_from_db()
    assert returned.status == ReviewStatus.RETURNED and pending.status == ReviewStatus.INVALIDATED
    assert svc.reviews_invalidate(case=case, draft=v3, by=enf.d.officer_a) == 0  # nothing left to invalidate


# --- the queue --------------------------------------------------------------------------------------------------

def test_review_queue_scoped_and_oldest_first(enf):
    older_case, newer_case = filed_case(enf), filed_case(enf)
    save_draft(enf, older_case)
    save_draft(enf, newer_case)
    newer = svc.review_request(by=enf.d.officer_a, case=newer_case, requested_on=REQUESTED)
    older = svc.review_request(by=enf.d.officer_a, case=older_case, requested_on=REQUESTED - dt.timedelta(days=5))
    done_case = filed_case(enf)
    save_draft(enf, done_case)
    done = svc.review_request(by=enf.d.officer_a, case=done_case, requested_on=REQUESTED)
    svc.review_approve(by=enf.d.reviewer_a, review=done, checklist=all_ok(), opinion="同意", decided_on=REQUESTED)
    reviewer_b = UserFactory(role=Role.LEGAL_REVIEWER, organisation=enf.d.org_b, username="reviewer_b")

    assert list(review_queue_for(enf.d.reviewer_a)) == [older, newer]
    assert list(review_queue_for(enf.d.legal)) == [older, newer]
    assert list(review_queue_for(enf.d.sysadmin)) == [older, newer]
    assert list(review_queue_for(reviewer_b)) == []
    assert list(review_queue_for(enf.d.officer_a)) == []
    assert list(review_queue_for(enf.d.volunteer)) == []
