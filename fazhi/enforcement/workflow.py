"""The penalty procedure as one state machine (DESIGN.md mechanism 4; rules.md §1).

    lead ──file──▶ investigating ──notify──▶ notified ──decide──▶ decided ──serve──▶ served ──pay/execute──▶ executed
      └─not_file─▶ not_filed       └────────decide (no penalty, not established, transfer)──┘          close ◀─┘

The services in fazhi.enforcement.services.cases call `case_workflow.transition(case, name, by=, payload=)`
after their own input checks; the guards below are the gates the statute sets on the case's recorded state, so
that `case_workflow.available(case, user)` can show a user, before they act, why a step is blocked and which rule
blocks it. Guards that judge the submitted input (a date, an amount) are declared `checks_input=True`.
"""

from __future__ import annotations

from fazhi.accounts.enums import Role
from fazhi.core.workflow import Blocked, Transition, Workflow, guard
from fazhi.enforcement.enums import CaseStatus, Outcome, ReviewStatus
from fazhi.enforcement.ledger import SUBJECT_CASE, case_ledger
from fazhi.records.enums import Action
from fazhi.records.services import append

HANDLE = {Role.SYSTEM_ADMIN, Role.BODY_ADMIN, Role.OFFICER, Role.HEAD}
APPROVE = {Role.SYSTEM_ADMIN, Role.HEAD}


def latest_draft(case):
    return case.drafts.order_by("-version").first()


@guard("draft_exists")
def draft_exists(case, ctx):
    if latest_draft(case) is None:
        return Blocked("尚未拟定处理决定书草稿", code="draft_missing")
    return None


@guard("notice_before_penalty")
def notice_before_penalty(case, ctx):
    """XZCF-44: no penalty without a served notice of the proposed penalty."""
    draft = latest_draft(case)
    if draft is None or draft.outcome != Outcome.PENALTY:
        return None
    notice = getattr(case, "notice", None) if hasattr(case, "notice") else None
    if notice is None:
        return Blocked("作出行政处罚决定前须告知拟处罚内容及当事人的陈述、申辩、听证权利", "XZCF-44",
                       code="notice_missing")
    if notice.served_on is None:
        return Blocked("行政处罚事先告知书尚未送达当事人", "XZCF-44", code="notice_not_served")
    return None


@guard("hearing_held_if_requested")
def hearing_held_if_requested(case, ctx):
    """XZCF-63/64: a requested hearing is held before the decision."""
    notice = getattr(case, "notice", None) if hasattr(case, "notice") else None
    if notice is None or notice.hearing_requested_on is None:
        return None
    hearing = case.hearing if hasattr(case, "hearing") else None
    if hearing is None or not hearing.held:
        return Blocked("当事人已申请听证,听证结束前不得作出决定", "XZCF-63", code="hearing_pending")
    return None


@guard("legal_review_passed")
def legal_review_passed(case, ctx):
    """XZCF-58: a major case is decided only after a passed legal review of the draft being decided."""
    if not case.is_major:
        return None
    draft = latest_draft(case)
    if draft is None:
        return None  # draft_exists speaks
    if not draft.reviews.filter(status=ReviewStatus.APPROVED).exists():
        if case.reviews.filter(status=ReviewStatus.INVALIDATED).exists() and not draft.reviews.exists():
            return Blocked(f"决定书草稿已修改(第{draft.version}版),原法制审核意见已失效,须重新提请法制审核",
                           "XZCF-58", code="review_required")
        return Blocked("重大执法决定须经法制审核通过后方可作出决定", "XZCF-58", code="review_required")
    return None


@guard("collective_discussion_held")
def collective_discussion_held(case, ctx):
    """XZCF-57: complex or major cases are decided by the heads' collective discussion."""
    if case.needs_collective_discussion and not case.discussions.exists():
        return Blocked("本案须经行政机关负责人集体讨论决定", "XZCF-57", code="discussion_required")
    return None


@guard("fine_outstanding")
def fine_settled_before_closing(case, ctx):
    """XZCF-67: a served fine is paid (or enforced) before the case closes."""
    if case.status == CaseStatus.SERVED and case.outcome == Outcome.PENALTY:
        decision = case.decision if hasattr(case, "decision") else None
        if decision is not None and decision.fine_amount and decision.fine_amount > 0:
            return Blocked("罚款尚未缴纳或执行完毕,不能结案", "XZCF-67", code="fine_outstanding")
    return None


@guard("closable_after_decision")
def closable_after_decision(case, ctx):
    """A decided case closes without service only when it was transferred to the judiciary."""
    if case.status == CaseStatus.DECIDED and case.outcome != Outcome.TRANSFER_JUDICIARY:
        return Blocked("处理决定书尚未送达当事人", "XZCF-61", code="not_served")
    return None


@guard("decision_outcome_allows_skipping_notice")
def no_penalty_without_notice(case, ctx):
    """From the investigation straight to a decision only when no penalty is imposed (XZCF-44)."""
    if case.status != CaseStatus.INVESTIGATING:
        return None
    draft = latest_draft(case)
    if draft is not None and draft.outcome == Outcome.PENALTY:
        return Blocked("给予行政处罚的,须先告知拟处罚内容", "XZCF-44", code="notice_missing")
    return None


def _stamp_outcome(case, payload):
    if payload.get("outcome"):
        case.outcome = payload["outcome"]
    if payload.get("decided_on"):
        case.decided_on = payload["decided_on"]


def _stamp_closed(case, payload):
    case.closed_on = payload["closed_on"]


def _stamp_not_filed(case, payload):
    case.not_filed_reason = payload["reason"]


def _ledger(case):
    return case_ledger(case)


case_workflow = Workflow(
    field="status",
    subject_type=SUBJECT_CASE,
    subject_label_zh="案件",
    ledger=_ledger,
    append=append,
    transitions=[
        Transition("file", source={CaseStatus.LEAD}, target=CaseStatus.INVESTIGATING, label_zh="立案",
                   roles=HANDLE, record_action=Action.CASE_FILED),
        Transition("not_file", source={CaseStatus.LEAD}, target=CaseStatus.NOT_FILED, label_zh="不予立案",
                   roles=HANDLE, record_action=Action.CASE_NOT_FILED, effect=_stamp_not_filed),
        Transition("notify", source={CaseStatus.INVESTIGATING}, target=CaseStatus.NOTIFIED,
                   label_zh="行政处罚事先告知", roles=HANDLE, record_action=Action.CASE_NOTICE_ISSUED),
        Transition("decide", source={CaseStatus.INVESTIGATING, CaseStatus.NOTIFIED}, target=CaseStatus.DECIDED,
                   label_zh="作出处理决定", roles=APPROVE,
                   guards=[draft_exists, no_penalty_without_notice, notice_before_penalty,
                           hearing_held_if_requested, legal_review_passed, collective_discussion_held],
                   record_action=Action.CASE_DECIDED, effect=_stamp_outcome),
        Transition("serve", source={CaseStatus.DECIDED}, target=CaseStatus.SERVED, label_zh="送达处理决定书",
                   roles=HANDLE, record_action=Action.CASE_SERVED),
        Transition("pay", source={CaseStatus.SERVED}, target=CaseStatus.EXECUTED, label_zh="登记罚款缴纳",
                   roles=HANDLE, record_action=Action.CASE_PAID),
        Transition("execute", source={CaseStatus.SERVED}, target=CaseStatus.EXECUTED, label_zh="执行完毕",
                   roles=HANDLE, record_action=Action.CASE_EXECUTED),
        Transition("close", source={CaseStatus.DECIDED, CaseStatus.SERVED, CaseStatus.EXECUTED},
                   target=CaseStatus.CLOSED, label_zh="结案", roles=HANDLE,
                   guards=[closable_after_decision, fine_settled_before_closing],
                   record_action=Action.CASE_CLOSED, effect=_stamp_closed),
    ],
)
