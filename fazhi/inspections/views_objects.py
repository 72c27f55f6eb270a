"""Staff screens of the object pool (检查对象名录库) and of conflicts of interest (利害关系申报).

The pool is shared by every department: every internal role reads it; the office and the departments' administrators
keep it (MANAGE_OBJECT_POOL; the service re-checks). Bulk import goes through the core import framework (key
`inspection_objects`). A conflict declared between an officer and an object makes the officer step aside whenever
the object is drawn (GB58-RECUSAL).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from fazhi.core.errors import DomainError
from fazhi.core.exports import xlsx_response
from fazhi.core.listing import get_or_404, list_context, render_list
from fazhi.inspections import forms
from fazhi.inspections.models import InspectionResult
from fazhi.inspections.selectors import objects as selectors
from fazhi.inspections.selectors import tasks as task_selectors
from fazhi.inspections.services import objects as services
from fazhi.personnel.selectors import today

SERVICE_ERRORS = (DomainError, ValidationError)
IMPORTER_KEY = "inspection_objects"

OBJECT_EXPORT_HEADERS = [
    gettext_lazy("统一社会信用代码"), gettext_lazy("名称"), gettext_lazy("对象类别"), gettext_lazy("主体类型"),
    gettext_lazy("所属行业"), gettext_lazy("住所(经营场所)"), gettext_lazy("所属辖区"), gettext_lazy("辖区代码"),
    gettext_lazy("法定代表人(负责人)"), gettext_lazy("成立日期"), gettext_lazy("登记状态"),
    gettext_lazy("信用风险分类"), gettext_lazy("列入经营异常名录"), gettext_lazy("投诉举报次数"),
    gettext_lazy("最近检查日期"),
]


# --- the pool -----------------------------------------------------------------------------------------------


@require_GET
def object_list(request):
    form = forms.ObjectFilterForm(request.GET, user=request.user)
    queryset = selectors.object_list(user=request.user, filters=form.filters()).select_related("jurisdiction")
    context = list_context(request, queryset, form)
    context["importer_key"] = IMPORTER_KEY
    return render_list(request, "inspections/object_list.html", "inspections/_object_results.html", context)


@require_GET
def object_export(request):
    form = forms.ObjectFilterForm(request.GET, user=request.user)
    queryset = (selectors.object_list(user=request.user, filters=form.filters())
                .select_related("jurisdiction").order_by(*form.ordering()))

    def rows():
        for o in queryset.iterator(chunk_size=2000):
            yield [o.uscc, o.name, o.get_kind_display(), o.entity_type, o.industry, o.address,
                   o.jurisdiction.name if o.jurisdiction_id else "", o.jurisdiction.code if o.jurisdiction_id else "",
                   o.legal_representative, o.registered_on, o.get_registration_status_display(),
                   o.risk_grade, o.abnormal, o.complaint_count, o.last_inspected_on]

    return xlsx_response(filename=_("检查对象名录库_%(day)s.xlsx") % {"day": f"{today():%Y%m%d}"},
                         headers=[str(h) for h in OBJECT_EXPORT_HEADERS], rows=rows())


@require_GET
def object_detail(request, public_id):
    obj = get_or_404(selectors.object_get, user=request.user, public_id=public_id)
    visible_tasks = task_selectors.task_list(user=request.user, filters={})
    drawings = (obj.drawings.filter(task__in=visible_tasks)
                .select_related("task", "draw", "superseded_by").prefetch_related("team__officer")
                .order_by("-task__start_on", "-id"))
    results = (InspectionResult.objects.filter(drawn_object__object=obj, drawn_object__task__in=visible_tasks)
               .select_related("drawn_object__task", "power_item", "organisation", "case")
               .prefetch_related("inspectors").order_by("-inspected_on", "-id"))
    conflicts = selectors.object_conflicts(obj, user=request.user)
    return render(request, "inspections/object_detail.html", {
        "obj": obj, "drawings": drawings, "results": results, "conflicts": conflicts})


@require_http_methods(["GET", "POST"])
def object_create(request):
    form = forms.ObjectForm(forms.posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            obj = services.object_create(by=request.user, **form.cleaned_data)
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("已加入检查对象名录库:%(name)s") % {"name": obj.name})
            return redirect("inspections:object_detail", public_id=obj.public_id)
    return render(request, "inspections/object_form.html", {"form": form, "obj": None,
                                                            "importer_key": IMPORTER_KEY})


@require_http_methods(["GET", "POST"])
def object_edit(request, public_id):
    obj = get_or_404(selectors.object_get, user=request.user, public_id=public_id)
    form = forms.ObjectForm(forms.posted(request), obj=obj)
    if request.method == "POST" and form.is_valid():
        try:
            services.object_update(by=request.user, obj=obj, **form.changes())
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
            obj.refresh_from_db()
        else:
            messages.success(request, _("已保存"))
            return redirect("inspections:object_detail", public_id=obj.public_id)
    return render(request, "inspections/object_form.html", {"form": form, "obj": obj})


# --- conflicts of interest ----------------------------------------------------------------------------------


@require_GET
def conflict_list(request):
    form = forms.ConflictFilterForm(request.GET, user=request.user)
    queryset = selectors.conflict_list(user=request.user, filters=form.filters()).select_related(
        "officer__organisation", "object", "declared_by")
    context = list_context(request, queryset, form)
    return render_list(request, "inspections/conflict_list.html", "inspections/_conflict_results.html", context)


@require_http_methods(["GET", "POST"])
def conflict_create(request):
    initial = {}
    if request.GET.get("uscc"):
        initial["uscc"] = request.GET["uscc"]
    form = forms.ConflictForm(forms.posted(request), user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            conflict = services.conflict_declare(by=request.user, **form.service_kwargs())
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("已登记利害关系申报:%(officer)s — %(obj)s") % {
                "officer": conflict.officer.name, "obj": conflict.object.name})
            return redirect("inspections:conflict_list")
    return render(request, "inspections/conflict_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def conflict_withdraw(request, public_id):
    conflict = get_or_404(selectors.conflict_get, user=request.user, public_id=public_id)
    form = forms.ReasonForm(forms.posted(request), label=_("撤回理由"))
    if request.method == "POST" and form.is_valid():
        try:
            services.conflict_withdraw(by=request.user, conflict=conflict, reason=form.cleaned_data["reason"])
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("已撤回利害关系申报"))
            return redirect("inspections:conflict_list")
    return render(request, "inspections/conflict_withdraw.html", {"form": form, "conflict": conflict})
