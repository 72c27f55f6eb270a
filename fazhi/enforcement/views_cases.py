"""Staff screens of enforcement cases: the list (filters, sort, pages, xlsx), the case page, registering a lead
and filing a case.

Thin: parse input with a form, call one selector (reads, already scoped to the user) or one service (writes),
render. Another body's case is a 404, never data. Service errors become Chinese form errors with their rule id.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from fazhi.accounts.permissions import sees_full_id_numbers
from fazhi.core.errors import DomainError
from fazhi.core.exports import xlsx_response
from fazhi.core.listing import get_or_404, list_context, render_list
from fazhi.core.validators import mask_id_number
from fazhi.enforcement import forms
from fazhi.enforcement.enums import OPEN_STATUSES, CaseStatus, DocumentKind, MajorReason, PartyType
from fazhi.enforcement.selectors import cases as selectors
from fazhi.enforcement.services import cases as services
from fazhi.enforcement.views_steps import steps_for
from fazhi.personnel.selectors import today

SERVICE_ERRORS = (DomainError, ValidationError)

CASE_EXPORT_HEADERS = [
    gettext_lazy("案号"), gettext_lazy("案由"), gettext_lazy("执法主体"), gettext_lazy("程序"), gettext_lazy("状态"),
    gettext_lazy("案源"), gettext_lazy("案源登记日期"), gettext_lazy("执法类别"), gettext_lazy("当事人"),
    gettext_lazy("证件号码/统一社会信用代码"), gettext_lazy("立案日期"), gettext_lazy("决定期限"),
    gettext_lazy("是否超期"), gettext_lazy("决定日期"), gettext_lazy("结案日期"),
]


def party_id_shown(case, user) -> str:
    """A natural person's ID number is masked unless the role needs it; a USCC is public and never masked."""
    if case.party_type == PartyType.PERSON and not sees_full_id_numbers(user):
        return mask_id_number(case.party_id_number)
    return case.party_id_number


def is_overdue(case, day) -> bool:
    return bool(case.decision_due and case.status in OPEN_STATUSES and case.decision_due < day)


# --- the list -----------------------------------------------------------------------------------------------


def case_list(request):
    form = forms.CaseFilterForm(request.GET, user=request.user)
    context = list_context(request, selectors.case_list(user=request.user, filters=form.filters()), form)
    day = today()
    page = context["page"]
    page.object_list = list(page.object_list)
    for case in page.object_list:
        case.overdue = is_overdue(case, day)
    return render_list(request, "enforcement/case_list.html", "enforcement/case_list_rows.html", context)


def case_export(request):
    form = forms.CaseFilterForm(request.GET, user=request.user)
    queryset = selectors.case_list(user=request.user, filters=form.filters()).order_by(*form.ordering())
    day = today()
    user = request.user

    def rows():
        for case in queryset.iterator(chunk_size=1000):
            yield [
                case.number, case.title, case.body.name, case.get_procedure_display(), case.get_status_display(),
                case.get_lead_source_display(), case.lead_received_on, case.category.name, case.party_name,
                party_id_shown(case, user), case.filed_on, case.decision_due, is_overdue(case, day), case.decided_on,
                case.closed_on,
            ]

    return xlsx_response(filename=_("执法案件_%(day)s.xlsx") % {"day": f"{day:%Y%m%d}"},
                         headers=[str(h) for h in CASE_EXPORT_HEADERS], rows=rows())


# --- the case page ------------------------------------------------------------------------------------------


def _one(case, name):
    """A one-to-one row of the case (notice, hearing, decision) or None."""
    try:
        return getattr(case, name)
    except Exception:  # noqa: BLE001 - RelatedObjectDoesNotExist of whichever model
        return None


def _clock(case):
    """The XZCF-60 clock with its trace, or the DomainError that explains why it cannot be computed now."""
    if not case.filed_on:
        return None
    try:
        return selectors.case_clock(case, strict=True)
    except DomainError as exc:
        return exc


def _timeline(request, case):
    from fazhi.records.models import Entry
    from fazhi.records.selectors import subject_timeline

    try:
        return subject_timeline(user=request.user, subject_type="enforcement.Case", subject_id=str(case.public_id))
    except Entry.DoesNotExist:
        return []


def _documents(case, notice, hearing, decision) -> list[tuple[str, str]]:
    """The Word documents the case's record can fill now: (kind, label)."""
    have = {
        DocumentKind.FILING_APPROVAL: bool(case.filed_on),
        DocumentKind.PENALTY_NOTICE: notice is not None,
        DocumentKind.HEARING_NOTICE: hearing is not None,
        DocumentKind.PENALTY_DECISION: decision is not None,
        DocumentKind.SERVICE_RECEIPT: case.services.exists(),
    }
    return [(kind.value, kind.label) for kind, present in have.items() if present]


def case_detail(request, public_id):
    case = get_or_404(selectors.case_get, user=request.user, public_id=public_id)
    day = today()
    clock = _clock(case)
    days_left = clock.days_left(day) if clock is not None and not isinstance(clock, DomainError) else None
    notice, hearing, decision = _one(case, "notice"), _one(case, "hearing"), _one(case, "decision")
    drafts = list(case.drafts.select_related("created_by").prefetch_related("reviews__reviewer",
                                                                            "reviews__requested_by"))
    return render(request, "enforcement/case_detail.html", {
        "case": case,
        "today": day,
        "party_id": party_id_shown(case, request.user),
        "clock": clock if not isinstance(clock, DomainError) else None,
        "clock_error": clock if isinstance(clock, DomainError) else None,
        "major_reasons": [MajorReason(r).label for r in case.major_reasons if r in MajorReason.values],
        "days_left": days_left,
        "overdue": is_overdue(case, day),
        "overdue_days": -days_left if days_left is not None and days_left < 0 else 0,
        "steps": steps_for(case, request.user),
        "officers": case.case_officers.select_related("officer", "certificate").order_by("-active", "role", "id"),
        "recusals": case.recusals.select_related("officer", "decided_by"),
        "pauses": case.pauses.all(),
        "extensions": case.extensions.select_related("approved_by", "collective_discussion"),
        "legal_bases": case.legal_bases.select_related("law"),
        "evidence": case.evidence.select_related("collected_by"),
        "onsite_records": case.onsite_records.prefetch_related("officers"),
        "notice": notice,
        "hearing": hearing,
        "documents": _documents(case, notice, hearing, decision),
        "publication": _one(decision, "publication") if decision is not None else None,
        "drafts": drafts,
        "latest_draft": drafts[-1] if drafts else None,
        "discussions": case.discussions.select_related("created_by"),
        "decision": decision,
        "services": case.services.all(),
        "payments": case.payments.all(),
        "coercive_measures": case.coercive_measures.prefetch_related("officers"),
        "items": _timeline(request, case),
    })


# --- registering a lead, filing -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def case_create(request):
    form = forms.CaseLeadForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_lead_register(by=request.user, **form.cleaned_data)
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("已登记案源:%(title)s") % {"title": case.title})
            return redirect("enforcement:case_detail", public_id=case.public_id)
    return render(request, "enforcement/case_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def case_file(request, public_id):
    case = get_or_404(selectors.case_get, user=request.user, public_id=public_id)
    form = forms.CaseFileForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_file(by=request.user, case=case, **form.service_kwargs())
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
            case.refresh_from_db()
        else:
            messages.success(request, _("已立案,案号 %(number)s") % {"number": case.number})
            return redirect("enforcement:case_detail", public_id=case.public_id)
    return render(request, "enforcement/case_file_form.html", {
        "form": form, "case": case, "fileable": case.status == CaseStatus.LEAD,
    })
