"""The screens of every procedure step of a case after filing (rules.md §1, §3).

One registry, STEPS: a step's name in the URL → its label, form, service call, the case states it applies to and
whether only the head may take it. One generic view, `case_step`, shows the form (GET) and calls the one service
(POST); a refused act (DomainError) comes back on the form in Chinese with its rule id and changes nothing.
`steps_for(case, user)` gives the case page its buttons, each with the reason it is blocked — for the workflow's
transitions the guards' own reasons (e.g. "须经法制审核通过(XZCF-58)") so the user sees them before clicking.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from fazhi.accounts.middleware import rule_for
from fazhi.accounts.permissions import APPROVE_CASES
from fazhi.core.errors import DomainError
from fazhi.core.listing import get_or_404
from fazhi.core.workflow import ROLE_FORBIDDEN, Blocked
from fazhi.enforcement import forms_steps as f
from fazhi.enforcement.enums import OPEN_STATUSES, CaseStatus, CoerciveStatus, RecusalDecision, ReviewStatus
from fazhi.enforcement.models import Case
from fazhi.enforcement.selectors import cases as case_selectors
from fazhi.enforcement.services import cases as case_services
from fazhi.enforcement.services import coercion as coercion_services
from fazhi.enforcement.services import review as review_services
from fazhi.enforcement.workflow import case_workflow

SERVICE_ERRORS = (DomainError, ValidationError)
OPEN = frozenset(str(s) for s in OPEN_STATUSES)
# Where a seized thing may still be awaiting its disposal: from filing until the case is closed.
MEASURE_STATUSES = OPEN | {CaseStatus.DECIDED, CaseStatus.SERVED, CaseStatus.EXECUTED}
HEAD_ONLY = Blocked(gettext_lazy("须由本机关负责人办理"), code=ROLE_FORBIDDEN)


def _one(case: Case, name: str):
    """A reverse one-to-one of the case (notice, hearing, decision) or None."""
    return getattr(case, name, None)  # RelatedObjectDoesNotExist is an AttributeError


@dataclass(frozen=True)
class Step:
    """One procedure step. `call(by, case, data)` is its one service call; `transition` names the workflow
    transition it takes (its states, roles and guards then come from the workflow); otherwise `statuses` and
    `relevant(case)` say when it is offered, and `check(case)` why it would be refused now."""

    name: str
    label: Any
    form: type[f.StepForm]
    call: Callable[[Any, Case, dict], Any]
    statuses: frozenset[str] = frozenset()
    transition: str | None = None
    head_only: bool = False
    relevant: Callable[[Case], bool] | None = None
    check: Callable[[Case], Blocked | None] | None = None
    partial: str = ""
    submit: Any = gettext_lazy("确认")


def _case_call(service) -> Callable[[Any, Case, dict], Any]:
    return lambda by, case, data: service(by=by, case=case, **data)


def _measure_call(service) -> Callable[[Any, Case, dict], Any]:
    def call(by, case, data):
        data = dict(data)
        return service(by=by, measure=data.pop("measure"), **data)

    return call


def _recusal_decide(by, case, data):
    data = dict(data)
    return case_services.recusal_decide(by=by, recusal=data.pop("recusal"), **data)


# --- when a step is offered -------------------------------------------------------------------------------------


def _has_officers(case):
    return case.case_officers.filter(active=True).exists()


def _pending_recusal(case):
    return case.recusals.filter(decision=RecusalDecision.PENDING).exists()


def _notice_unserved(case):
    notice = _one(case, "notice")
    return notice is not None and notice.served_on is None


def _statement_open(case):
    notice = _one(case, "notice")
    return notice is not None and notice.served_on is not None and notice.statement_on is None


def _hearing_requestable(case):
    notice = _one(case, "notice")
    return (notice is not None and notice.hearing_right and notice.served_on is not None
            and notice.hearing_requested_on is None)


def _hearing_to_schedule(case):
    notice = _one(case, "notice")
    return notice is not None and notice.hearing_requested_on is not None and _one(case, "hearing") is None


def _hearing_to_hold(case):
    hearing = _one(case, "hearing")
    return hearing is not None and not hearing.held


def _open_pause(case):
    return case.pauses.filter(ended_on__isnull=True).first()


def _resumable(case):
    pause = _open_pause(case)
    return pause is not None and pause.reason != "hearing"  # the hearing's pause ends when it is held


def _fine_decided(case):
    decision = _one(case, "decision")
    return decision is not None and decision.fine_amount > 0


def _measures(case) -> QuerySet:
    return case.coercive_measures.exclude(status=CoerciveStatus.DISPOSED)


def _review_check(case) -> Blocked | None:
    if not case.is_major:
        return Blocked(_("本案未认定为重大执法决定,无需法制审核"), "XZCF-58")
    draft = review_services.latest_draft(case)
    if draft is None:
        return Blocked(_("尚无处罚决定书草稿,请先拟定草稿"), "XZCF-58")
    live = draft.reviews.filter(status__in=review_services.LIVE_STATUSES).first()
    if live is not None:
        return Blocked(_("第%(version)s版草稿已有%(status)s的法制审核")
                       % {"version": draft.version, "status": live.get_status_display()}, "XZCF-58")
    return None


STEP_LIST = [
    Step("assign_officer", gettext_lazy("指派办案人员"), f.AssignOfficerForm,
         _case_call(case_services.case_officer_assign), statuses=OPEN),
    Step("recusal_request", gettext_lazy("申请回避"), f.RecusalRequestForm,
         _case_call(case_services.recusal_request), statuses=OPEN, relevant=_has_officers),
    Step("recusal_decide", gettext_lazy("回避决定"), f.RecusalDecideForm, _recusal_decide,
         statuses=OPEN | {CaseStatus.DECIDED, CaseStatus.SERVED, CaseStatus.EXECUTED}, head_only=True,
         relevant=_pending_recusal),
    Step("onsite_record", gettext_lazy("制作现场笔录"), f.OnSiteRecordForm,
         _case_call(case_services.onsite_record_add), statuses=OPEN | {CaseStatus.LEAD}),
    Step("notice_issue", gettext_lazy("行政处罚事先告知"), f.NoticeIssueForm,
         _case_call(case_services.notice_issue), transition="notify"),
    Step("notice_serve", gettext_lazy("送达告知书"), f.ServeForm, _case_call(case_services.notice_serve),
         statuses=frozenset({CaseStatus.NOTIFIED}), relevant=_notice_unserved),
    Step("statement_record", gettext_lazy("登记陈述申辩(或放弃)"), f.StatementForm,
         _case_call(case_services.statement_record), statuses=frozenset({CaseStatus.NOTIFIED}),
         relevant=_statement_open),
    Step("hearing_request", gettext_lazy("登记听证申请"), f.HearingRequestForm,
         _case_call(case_services.hearing_request), statuses=frozenset({CaseStatus.NOTIFIED}),
         relevant=_hearing_requestable),
    Step("hearing_schedule", gettext_lazy("安排听证"), f.HearingScheduleForm,
         _case_call(case_services.hearing_schedule), statuses=frozenset({CaseStatus.NOTIFIED}),
         relevant=_hearing_to_schedule),
    Step("hearing_hold", gettext_lazy("登记听证举行"), f.HearingHoldForm, _case_call(case_services.hearing_hold),
         statuses=frozenset({CaseStatus.NOTIFIED}), relevant=_hearing_to_hold),
    Step("clock_pause", gettext_lazy("办案期限中止"), f.ClockPauseForm, _case_call(case_services.clock_pause),
         statuses=OPEN, relevant=lambda case: _open_pause(case) is None),
    Step("clock_resume", gettext_lazy("办案期限恢复计算"), f.ClockResumeForm,
         _case_call(case_services.clock_resume), statuses=OPEN, relevant=_resumable),
    Step("clock_extend", gettext_lazy("延长办案期限"), f.ClockExtendForm, _case_call(case_services.clock_extend),
         statuses=OPEN, head_only=True),
    Step("draft_save", gettext_lazy("拟定处理决定书草稿"), f.DraftForm, _case_call(case_services.draft_save),
         statuses=OPEN, partial="enforcement/steps/draft_save.html", submit=gettext_lazy("保存为新版本")),
    Step("mark_major", gettext_lazy("认定重大执法决定/须集体讨论"), f.MarkMajorForm,
         _case_call(case_services.case_mark_major), statuses=OPEN),
    Step("discussion_record", gettext_lazy("登记集体讨论"), f.DiscussionForm,
         _case_call(case_services.discussion_record), statuses=OPEN),
    Step("review_request", gettext_lazy("提请法制审核"), f.ReviewRequestForm,
         _case_call(review_services.review_request), statuses=OPEN, relevant=lambda case: case.is_major,
         check=_review_check, partial="enforcement/steps/review_request.html"),
    Step("decide", gettext_lazy("作出处理决定"), f.DecideForm, _case_call(case_services.case_decide),
         transition="decide", head_only=True, partial="enforcement/steps/decide.html"),
    Step("decision_serve", gettext_lazy("送达处理决定书"), f.ServeForm, _case_call(case_services.decision_serve),
         transition="serve"),
    Step("payment_record", gettext_lazy("登记罚款缴纳"), f.PaymentForm, _case_call(case_services.payment_record),
         transition="pay", relevant=_fine_decided, partial="enforcement/steps/payment_record.html"),
    Step("execute", gettext_lazy("登记执行完毕"), f.ExecuteForm, _case_call(case_services.case_execute),
         transition="execute"),
    Step("close", gettext_lazy("结案"), f.CloseForm, _case_call(case_services.case_close), transition="close"),
    Step("not_file", gettext_lazy("不予立案"), f.NotFileForm, _case_call(case_services.case_not_file),
         transition="not_file"),
    Step("coercion_apply", gettext_lazy("实施行政强制措施"), f.CoercionApplyForm,
         _case_call(coercion_services.coercion_apply), statuses=OPEN),
    Step("coercion_testing", gettext_lazy("登记检测、鉴定期间"), f.CoercionTestingForm,
         _measure_call(coercion_services.coercion_testing_record), statuses=MEASURE_STATUSES,
         relevant=lambda case: _measures(case).filter(testing_started_on__isnull=True).exists()),
    Step("coercion_extend", gettext_lazy("延长强制措施期限"), f.CoercionExtendForm,
         _measure_call(coercion_services.coercion_extend), statuses=MEASURE_STATUSES, head_only=True,
         relevant=lambda case: _measures(case).filter(extension_days=0).exists()),
    Step("coercion_dispose", gettext_lazy("强制措施处理"), f.CoercionDisposeForm,
         _measure_call(coercion_services.coercion_dispose), statuses=MEASURE_STATUSES,
         relevant=lambda case: _measures(case).exists()),
]
STEPS = {step.name: step for step in STEP_LIST}


# --- judging a step for a case and a user -----------------------------------------------------------------------


@dataclass(frozen=True)
class Judgement:
    offered: bool  # the step applies to the case as it is now
    blocked: Blocked | None = None  # why taking it now would be refused (None: nothing known against it)
    unavailable_reason: str = ""  # why it is not offered

    @property
    def role_refused(self) -> bool:
        return self.blocked is not None and self.blocked.code == ROLE_FORBIDDEN


def _is_head(user) -> bool:
    return APPROVE_CASES.allows(user)


def judge(step: Step, case: Case, user, *, options: list | None = None) -> Judgement:
    """Whether `step` is offered for `case` now and, if so, what would refuse `user` taking it: the head-only rule,
    then (for a transition) the workflow's roles and guards, then the step's own check. `options`: the workflow's
    available() for the case and user, when the caller already has them."""
    if step.transition:
        if options is None:
            options = case_workflow.available(case, user)
        option = next((o for o in options if o.name == step.transition), None)
        if option is None:
            return Judgement(False, unavailable_reason=_("案件当前状态为“%(status)s”,不能%(step)s")
                             % {"status": case.get_status_display(), "step": step.label})
        if step.relevant and not step.relevant(case):
            return Judgement(False, unavailable_reason=_("本案当前无需%(step)s") % {"step": step.label})
        if step.head_only and not _is_head(user):
            return Judgement(True, HEAD_ONLY)
        return Judgement(True, option.blocked)
    if case.status not in step.statuses:
        return Judgement(False, unavailable_reason=_("案件当前状态为“%(status)s”,不能%(step)s")
                         % {"status": case.get_status_display(), "step": step.label})
    if step.relevant and not step.relevant(case):
        return Judgement(False, unavailable_reason=_("本案当前无需%(step)s") % {"step": step.label})
    if step.head_only and not _is_head(user):
        return Judgement(True, HEAD_ONLY)
    return Judgement(True, step.check(case) if step.check else None)


def step_url(case: Case, name: str) -> str:
    return reverse("enforcement:case_step", kwargs={"public_id": case.public_id, "step": name})


def steps_for(case: Case, user) -> list[dict]:
    """The steps offered for the case now, in procedure order, as buttons: name, label, url, allowed, and — when
    not allowed — the reason in Chinese and the rule id behind it."""
    rule = rule_for("enforcement:case_step")
    if rule is None or not rule.allows(user):
        return []  # the step screens are not this user's to open (the route table decides)
    result = []
    options = case_workflow.available(case, user)
    for step in STEP_LIST:
        judgement = judge(step, case, user, options=options)
        if not judgement.offered:
            continue
        blocked = judgement.blocked
        result.append({
            "name": step.name,
            "label": str(step.label),
            "url": step_url(case, step.name),
            "allowed": blocked is None,
            "blocked_reason": str(blocked.reason_zh) if blocked else None,
            "rule_id": blocked.rule_id if blocked else None,
        })
    return result


# --- the view ---------------------------------------------------------------------------------------------------


def _service_data(cleaned: dict) -> dict:
    """Querysets of multiple choices become lists: the services take lists of rows."""
    return {k: list(v) if isinstance(v, QuerySet) else v for k, v in cleaned.items()}


def _initial_from_query(step: Step, request) -> dict:
    """The payment screen computes the XZCF-72 surcharge for the day given in ?paid_on= (today otherwise)."""
    if step.name != "payment_record" or request.method != "GET":
        return {}
    field = f.PaymentForm.base_fields["paid_on"]
    try:
        day = field.clean(request.GET.get("paid_on"))
    except ValidationError:
        return {}
    return {"paid_on": day}


def _extra_context(step: Step, case: Case, form) -> dict:
    """What a step's partial shows beside its form."""
    if step.name == "draft_save":
        latest = review_services.latest_draft(case)
        approved = review_services.review_passed(case) if latest else None
        pending = latest.reviews.filter(status=ReviewStatus.PENDING).first() if latest else None
        return {"latest_draft": latest, "approved_review": approved, "pending_review": pending,
                "notice": _one(case, "notice")}
    if step.name in ("decide", "review_request"):
        latest = review_services.latest_draft(case)
        return {"latest_draft": latest, "approved_review": review_services.review_passed(case) if latest else None,
                "notice": _one(case, "notice")}
    if step.name == "payment_record":
        decision = _one(case, "decision")
        if form.is_bound:
            paid_on = getattr(form, "cleaned_data", {}).get("paid_on")
        else:
            paid_on = form.initial.get("paid_on")
        paid_on = paid_on or f.today()
        surcharge, days = case_services.late_surcharge(fine=decision.fine_amount, payment_due=decision.payment_due,
                                                       paid_on=paid_on)
        return {"decision": decision, "paid_on": paid_on, "surcharge": surcharge, "late_days": days,
                "total": decision.fine_amount + surcharge}
    return {}


@require_http_methods(["GET", "POST"])
def case_step(request, public_id, step):
    case = get_or_404(case_selectors.case_get, user=request.user, public_id=public_id)
    spec = STEPS.get(step)
    if spec is None:
        raise Http404
    judgement = judge(spec, case, request.user)
    context = {"case": case, "step": spec, "judgement": judgement, "form": None}
    if not judgement.offered or judgement.role_refused:
        # Not offered now, or not this user's to take: nothing is called, nothing changes.
        status = 403 if judgement.role_refused else (409 if request.method == "POST" else 200)
        return render(request, "enforcement/case_step.html", context, status=status)
    form = spec.form(request.POST or None, case=case, user=request.user, initial=_initial_from_query(spec, request))
    if request.method == "POST" and form.is_valid():
        try:
            spec.call(request.user, case, _service_data(form.cleaned_data))
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("已办理:%(step)s") % {"step": spec.label})
            return redirect("enforcement:case_detail", public_id=case.public_id)
        case.refresh_from_db()
    context.update(form=form, **_extra_context(spec, case, form))
    return render(request, "enforcement/case_step.html", context)
