"""法制审核 of major enforcement decisions (XZCF-58; GB118 "重大执法决定法制审核").

A review binds to one version of the draft decision (STYLE.md, after UK LITE's countersignatures): it can be decided
only while that version is the latest, and saving a new version invalidates a pending or approved review of an older
one — the approval stays in the record and on its row, marked invalidated with the reason. The head may decide a
major case only when `review_passed(case)` returns a review.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from fazhi.accounts.enums import Role
from fazhi.core.errors import DomainError, PermissionDenied
from fazhi.enforcement.enums import OPEN_STATUSES, ReviewPoint, ReviewStatus, zh
from fazhi.enforcement.ledger import record
from fazhi.enforcement.models import Case, DraftDecision, LegalReview
from fazhi.enforcement.workflow import latest_draft
from fazhi.orgs.scoping import can_see_organisation
from fazhi.records.enums import Action

RULE = "XZCF-58"
# Who may ask for a review: the roles that handle the case's body's cases (HANDLE_CASES).
REQUEST_ROLES = frozenset({Role.OFFICER, Role.BODY_ADMIN, Role.HEAD, Role.SYSTEM_ADMIN})
# Reviews of these statuses hold (or may still come to hold) for their draft.
LIVE_STATUSES = (ReviewStatus.PENDING, ReviewStatus.APPROVED)


def _record(*, case: Case, by, action: Action, payload: dict) -> None:
    record(case, by=by, action=action, payload=payload)  # the case's body's ledger, like every act on the case


def _is_admin(user) -> bool:
    return bool(user.is_superuser or user.role == Role.SYSTEM_ADMIN)


def _check_date(day: dt.date, *, field: str, label: str) -> None:
    if not isinstance(day, dt.date):
        raise DomainError("date_required", f"请填写{label}", field=field)
    if day > timezone.localdate():
        raise DomainError("date_in_future", f"{label}不能晚于今天", field=field)


def _draft_payload(draft: DraftDecision) -> dict:
    return {"draft_id": str(draft.public_id), "draft_version": draft.version, "draft_sha256": draft.content_sha256}


def _check_requester(by, case: Case) -> None:
    if not getattr(by, "is_authenticated", False) or not (by.is_superuser or by.role in REQUEST_ROLES):
        raise PermissionDenied("只有办案单位的执法人员、管理员或负责人可以提请法制审核")
    if not _is_admin(by) and by.organisation_id != case.organisation_id:
        raise PermissionDenied("只能为本单位的案件提请法制审核")


def _check_reviewer(by, case: Case) -> None:
    """A legal reviewer reviews its own organisation's cases, the legal affairs office any case in its jurisdiction;
    nobody reviews a case they investigated (the review is a check by someone other than the investigators)."""
    if not getattr(by, "is_authenticated", False):
        raise PermissionDenied("请先登录")
    if _is_admin(by):
        pass
    elif by.role == Role.LEGAL_OFFICE:
        if not can_see_organisation(by, case.organisation_id):
            raise PermissionDenied("只能审核本辖区的案件")
    elif by.role == Role.LEGAL_REVIEWER:
        if by.organisation_id != case.organisation_id:
            raise PermissionDenied("法制审核人员只能审核本单位的案件")
    else:
        raise PermissionDenied("只有法制审核人员或司法局(法制办)工作人员可以进行法制审核")
    if case.case_officers.filter(officer__user=by).exists():
        raise DomainError("reviewer_is_officer", "本案办案人员不得担任本案的法制审核人员", rule=RULE)


def _clean_checklist(checklist) -> dict[str, dict]:
    """Every ReviewPoint answered with {"ok": bool, "note": str}; a point that is not ok says why."""
    if not isinstance(checklist, dict):
        raise DomainError("checklist_required", "请逐项填写审核要点", field="checklist", rule=RULE)
    unknown = sorted(set(checklist) - set(ReviewPoint.values))
    if unknown:
        raise DomainError("checklist_unknown_point", f"未知的审核要点:{'、'.join(unknown)}", field="checklist",
                          rule=RULE)
    missing = [str(point.label) for point in ReviewPoint if point.value not in checklist]
    if missing:
        raise DomainError("checklist_incomplete", f"以下审核要点尚未审核:{';'.join(missing)}", field="checklist",
                          rule=RULE)
    cleaned = {}
    for point in ReviewPoint:
        answer = checklist[point.value]
        ok = answer.get("ok") if isinstance(answer, dict) else None
        if not isinstance(ok, bool):
            raise DomainError("checklist_incomplete", f"审核要点“{point.label}”未勾选是否符合", field="checklist",
                              rule=RULE)
        note = answer.get("note") or ""
        if not isinstance(note, str):
            raise DomainError("checklist_bad_note", f"审核要点“{point.label}”的说明应为文字", field="checklist")
        note = note.strip()
        if not ok and not note:
            raise DomainError("checklist_reason_required", f"审核要点“{point.label}”不符合的,须写明理由",
                              field="checklist", rule=RULE)
        cleaned[point.value] = {"ok": ok, "note": note}
    return cleaned


def _failed_points(checklist: dict[str, dict]) -> list[dict]:
    return [{"point": point.value, "label": zh(point.label), "note": checklist[point.value]["note"]}
            for point in ReviewPoint if not checklist[point.value]["ok"]]


@transaction.atomic
def review_request(*, by, case: Case, requested_on: dt.date) -> LegalReview:
    """Ask for the legal review of the case's latest draft decision (XZCF-58). Refused when the case is not major,
    has no draft, is no longer open, or the latest draft already has a pending or approved review."""
    case = Case.objects.select_for_update(of=("self",)).select_related("organisation", "body").get(pk=case.pk)
    _check_requester(by, case)
    if case.status not in OPEN_STATUSES:
        raise DomainError("case_not_open", f"案件状态为“{case.get_status_display()}”,不能提请法制审核", rule=RULE)
    if not case.is_major:
        raise DomainError("review_not_required", "本案未认定为重大执法决定,无需法制审核", rule=RULE)
    draft = latest_draft(case)
    if draft is None:
        raise DomainError("no_draft", "尚无处罚决定书草稿,不能提请法制审核", rule=RULE)
    _check_date(requested_on, field="requested_on", label="提请日期")
    if case.filed_on and requested_on < case.filed_on:
        raise DomainError("requested_before_filing", "提请日期不能早于立案日期", field="requested_on")
    existing = LegalReview.objects.filter(draft=draft, status__in=LIVE_STATUSES).first()
    if existing is not None:
        raise DomainError("review_exists",
                          f"第{draft.version}版草稿已有{existing.get_status_display()}的法制审核,不能重复提请",
                          rule=RULE)
    if LegalReview.objects.filter(draft=draft, status=ReviewStatus.RETURNED).exists():
        raise DomainError("review_returned",
                          f"第{draft.version}版草稿的法制审核已退回,须按审核意见修改决定书草稿后重新提请", rule=RULE)
    review = LegalReview(case=case, draft=draft, requested_by=by, requested_on=requested_on)
    review.full_clean()
    review.save()
    _record(case=case, by=by, action=Action.CASE_REVIEW_REQUESTED,
            payload={"review_id": str(review.public_id), "requested_on": requested_on,
                     "major_reasons": list(case.major_reasons or []), **_draft_payload(draft)})
    return review


def _decide(*, by, review: LegalReview, checklist, opinion: str, decided_on: dt.date, approve: bool) -> LegalReview:
    # Lock the review row only (of=self): joined body and organisation rows stay free for other cases' writers.
    review = (LegalReview.objects.select_for_update(of=("self",))
              .select_related("case", "case__organisation", "case__body", "draft").get(pk=review.pk))
    case = review.case
    _check_reviewer(by, case)
    latest = latest_draft(case)
    if review.status == ReviewStatus.INVALIDATED or (
            review.status == ReviewStatus.PENDING and (latest is None or latest.pk != review.draft_id)):
        version = latest.version if latest else review.draft.version
        raise DomainError("review_stale",
                          f"该审核针对第{review.draft.version}版草稿,草稿已修改为第{version}版,审核已失效,"
                          "请对最新草稿重新提请", rule=RULE)
    if review.status != ReviewStatus.PENDING:
        raise DomainError("review_decided", f"该法制审核已{review.get_status_display()},不能再次审核", rule=RULE)
    cleaned = _clean_checklist(checklist)
    opinion = (opinion or "").strip()
    failed = _failed_points(cleaned)
    if approve and failed:
        raise DomainError("review_points_failed",
                          f"以下审核要点不符合,不能审核通过:{'、'.join(p['label'] for p in failed)}",
                          field="checklist", rule=RULE)
    if not approve:
        if not failed:
            raise DomainError("return_reason_required", "退回修改须至少有一项审核要点不符合并写明理由",
                              field="checklist", rule=RULE)
        if not opinion:
            raise DomainError("opinion_required", "退回修改须写明审核意见和理由", field="opinion", rule=RULE)
    _check_date(decided_on, field="decided_on", label="审核日期")
    if decided_on < review.requested_on:
        raise DomainError("decided_before_request", "审核日期不能早于提请日期", field="decided_on")
    review.status = ReviewStatus.APPROVED if approve else ReviewStatus.RETURNED
    review.reviewer = by
    review.checklist = cleaned
    review.opinion = opinion
    review.decided_on = decided_on
    review.full_clean()
    review.save(update_fields=["status", "reviewer", "checklist", "opinion", "decided_on", "updated_at"])
    payload = {"review_id": str(review.public_id), "decided_on": decided_on, "checklist": cleaned,
               "opinion": opinion, **_draft_payload(review.draft)}
    if not approve:
        payload["reasons"] = failed
    _record(case=case, by=by, action=Action.CASE_REVIEW_APPROVED if approve else Action.CASE_REVIEW_RETURNED,
            payload=payload)
    return review


@transaction.atomic
def review_approve(*, by, review: LegalReview, checklist: dict, opinion: str, decided_on: dt.date) -> LegalReview:
    """Approve the review of the latest draft: every ReviewPoint checked and all of them ok (XZCF-58)."""
    return _decide(by=by, review=review, checklist=checklist, opinion=opinion, decided_on=decided_on, approve=True)


@transaction.atomic
def review_return(*, by, review: LegalReview, checklist: dict, opinion: str, decided_on: dt.date) -> LegalReview:
    """Return the draft for correction: every ReviewPoint checked, the failed ones with their reasons, and an
    opinion. A returned case cannot be decided until a new draft passes a new review (XZCF-58)."""
    return _decide(by=by, review=review, checklist=checklist, opinion=opinion, decided_on=decided_on, approve=False)


@transaction.atomic
def reviews_invalidate(*, case: Case, draft: DraftDecision, by) -> int:
    """A new draft version was saved: every pending or approved review of an older version becomes invalidated,
    each with its own record entry. The rows keep their reviewer, checklist and opinion (the approval stays in the
    record). Returns how many were invalidated."""
    reason = f"决定书草稿已修改为第{draft.version}版"
    stale = list(LegalReview.objects.select_for_update(of=("self",)).select_related("draft")
                 .filter(case=case, status__in=LIVE_STATUSES, draft__version__lt=draft.version)
                 .order_by("created_at", "pk"))
    for review in stale:
        previous = review.status
        review.status = ReviewStatus.INVALIDATED
        review.invalidated_reason = reason
        review.save(update_fields=["status", "invalidated_reason", "updated_at"])
        _record(case=case, by=by, action=Action.CASE_REVIEW_INVALIDATED,
                payload={"review_id": str(review.public_id), "previous_status": previous, "reason": reason,
                         **_draft_payload(review.draft), "new_draft_version": draft.version,
                         "new_draft_sha256": draft.content_sha256})
    return len(stale)


def review_passed(case: Case) -> LegalReview | None:
    """The approved review of the case's latest draft, or None: the XZCF-58 gate before the head decides."""
    draft = latest_draft(case)
    if draft is None:
        return None
    return (LegalReview.objects.filter(draft=draft, status=ReviewStatus.APPROVED)
            .select_related("reviewer").order_by("-decided_on", "-pk").first())
