"""The legal reviewers' screens (法制审核, XZCF-58): the queue of pending reviews and the review page, where the
draft decision is read beside the case's facts, evidence, officers and notice, the eight review points are
checked, and the review is approved or returned with reasons. The review services decide; a refused act (e.g. a
review of a draft that has since changed, review_stale) comes back on the form and changes nothing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from fazhi.core.errors import DomainError
from fazhi.core.listing import get_or_404, list_context, render_list
from fazhi.enforcement import forms_review
from fazhi.enforcement.enums import MajorReason, NoPenaltyReason, PenaltyKind, ReviewPoint, ReviewStatus
from fazhi.enforcement.models import LegalReview
from fazhi.enforcement.selectors import cases as case_selectors
from fazhi.enforcement.services import review as review_services
from fazhi.orgs.scoping import scope_queryset

SERVICE_ERRORS = (DomainError, ValidationError)


def review_queue(request):
    """Pending reviews the user may decide, oldest request first, with the days each has waited."""
    form = forms_review.ReviewQueueFilterForm(request.GET, user=request.user)
    queryset = case_selectors.review_queue(user=request.user)
    body = form.cleaned_data.get("body")
    if body:
        queryset = queryset.filter(case__body__public_id=body)
    context = list_context(request, queryset, form)
    day = timezone.localdate()
    context["rows"] = [(review, (day - review.requested_on).days) for review in context["page"].object_list]
    return render_list(request, "enforcement/review_queue.html", "enforcement/_review_queue_results.html", context)


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _review_get(*, user, public_id) -> LegalReview:
    """One review of a case the user may see (404 otherwise); the services re-check who may decide it."""
    qs = LegalReview.objects.select_related("case", "case__body", "case__category", "case__power_item", "draft",
                                            "requested_by", "reviewer")
    return scope_queryset(qs, user, org_field="case__organisation").get(public_id=public_id)


@require_http_methods(["GET", "POST"])
def review_form(request, public_id):
    review = get_or_404(_review_get, user=request.user, public_id=public_id)
    case = review.case
    form = forms_review.ReviewForm(request.POST or None, initial={"decided_on": timezone.localdate()})
    action = request.POST.get("action")
    if request.method == "POST" and action not in (forms_review.APPROVE, forms_review.RETURN):
        form.add_error(None, _("请选择“审核通过”或“退回修改”"))
    elif request.method == "POST" and form.is_valid():
        service = review_services.review_approve if action == forms_review.APPROVE else review_services.review_return
        try:
            service(by=request.user, review=review, checklist=form.checklist(),
                    opinion=form.cleaned_data["opinion"], decided_on=form.cleaned_data["decided_on"])
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
            review.refresh_from_db()
        else:
            messages.success(request, _("法制审核已通过") if action == forms_review.APPROVE
                             else _("已退回修改,理由已记录"))
            return redirect("enforcement:review_queue")
    latest = review_services.latest_draft(case)
    stale = review.status == ReviewStatus.INVALIDATED or (
        review.status == ReviewStatus.PENDING and (latest is None or latest.pk != review.draft_id))
    return render(request, "enforcement/review_form.html", {
        "review": review,
        "case": case,
        "draft": review.draft,
        "latest_draft": latest,
        "stale": stale,
        "decidable": review.status == ReviewStatus.PENDING and not stale,
        "form": form,
        "points": form.points(),
        "officers": case.case_officers.select_related("officer", "certificate").order_by("-active", "-role", "id"),
        "evidence": case.evidence.select_related("collected_by"),
        "onsite_records": case.onsite_records.prefetch_related("officers"),
        "legal_bases": case.legal_bases.select_related("law"),
        "notice": getattr(case, "notice", None),
        "hearing": getattr(case, "hearing", None),
        "discussions": case.discussions.all(),
        "checklist_done": [(p, review.checklist.get(p.value) or {}) for p in ReviewPoint] if review.checklist else [],
        "major_reasons": [_label(MajorReason, r) for r in case.major_reasons or []],
        "draft_kinds": [_label(PenaltyKind, k) for k in review.draft.penalty_kinds or []],
        "no_penalty_reason": _label(NoPenaltyReason, review.draft.no_penalty_reason),
    })
