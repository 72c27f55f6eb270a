"""Staff screens of annual inspection plans (年度抽查计划): written and submitted by the department, acknowledged
or returned by the office (the level above). The plan page shows each step with the reason it is blocked now."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from fazhi.accounts.middleware import rule_for
from fazhi.core.errors import DomainError
from fazhi.core.listing import get_or_404, list_context, render_list
from fazhi.inspections import forms
from fazhi.inspections.enums import PlanStatus
from fazhi.inspections.selectors import tasks as selectors
from fazhi.inspections.services import plans as services

SERVICE_ERRORS = (DomainError, ValidationError)

# transition name → route of its screen
PLAN_STEPS = {"submit": "inspections:plan_submit", "acknowledge": "inspections:plan_acknowledge",
              "return": "inspections:plan_return"}


@require_GET
def plan_list(request):
    form = forms.PlanFilterForm(request.GET, user=request.user)
    queryset = selectors.plan_list(user=request.user, filters=form.filters()).select_related("organisation")
    context = list_context(request, queryset, form)
    return render_list(request, "inspections/plan_list.html", "inspections/_plan_results.html", context)


def plan_steps(plan, user) -> list[dict]:
    """The plan's next steps with the reason each is blocked (route rule, then the workflow's guards)."""
    steps = []
    for option in services.plan_workflow.available(plan, user):
        route = PLAN_STEPS.get(option.name)
        rule = rule_for(route) if route else None
        if rule is None or not rule.allows(user):
            continue
        steps.append({"name": option.name, "label": option.label_zh, "allowed": option.allowed,
                      "blocked_reason": option.blocked.reason_zh if option.blocked else "",
                      "rule_id": option.blocked.rule_id if option.blocked else "",
                      "url": reverse(route, args=[plan.public_id])})
    return steps


def _timeline(request, plan):
    from fazhi.records.models import Entry
    from fazhi.records.selectors import subject_timeline

    try:
        return subject_timeline(user=request.user, subject_type="inspections.InspectionPlan",
                                subject_id=str(plan.public_id))
    except Entry.DoesNotExist:
        return []


@require_GET
def plan_detail(request, public_id):
    plan = get_or_404(selectors.plan_get, user=request.user, public_id=public_id)
    return render(request, "inspections/plan_detail.html", {
        "plan": plan, "items": plan.items.order_by("code"), "tasks": plan.tasks.order_by("start_on", "id"),
        "steps": plan_steps(plan, request.user), "items_timeline": _timeline(request, plan),
        "editable": plan.status in (PlanStatus.DRAFT, PlanStatus.RETURNED)})


@require_http_methods(["GET", "POST"])
def plan_create(request):
    choice = forms.DepartmentChoiceForm(request.GET or None, user=request.user)
    department = choice.department()
    if department is None:
        raise Http404
    form = forms.PlanForm(forms.posted(request), organisation=department)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(by=request.user, organisation=department, **form.service_kwargs())
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("已编制%(year)s年度抽查计划") % {"year": plan.year})
            return redirect("inspections:plan_detail", public_id=plan.public_id)
    return render(request, "inspections/plan_form.html", {"form": form, "choice": choice, "department": department,
                                                          "plan": None})


@require_http_methods(["GET", "POST"])
def plan_edit(request, public_id):
    plan = get_or_404(selectors.plan_get, user=request.user, public_id=public_id)
    form = forms.PlanForm(forms.posted(request), organisation=plan.organisation, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(by=request.user, plan=plan, **form.service_kwargs())  # unchanged fields are ignored
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
            plan.refresh_from_db()
        else:
            messages.success(request, _("已保存"))
            return redirect("inspections:plan_detail", public_id=plan.public_id)
    return render(request, "inspections/plan_form.html", {"form": form, "plan": plan,
                                                          "department": plan.organisation})


def _plan_step(request, public_id, *, name, title, call, form_class=None, success):
    plan = get_or_404(selectors.plan_get, user=request.user, public_id=public_id)
    data = request.POST if request.method == "POST" else None
    form = form_class(data) if form_class else forms.FazhiForm(data)
    if request.method == "POST" and form.is_valid():
        try:
            call(plan, form.cleaned_data)
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
            plan.refresh_from_db()
        else:
            messages.success(request, success)
            return redirect("inspections:plan_detail", public_id=plan.public_id)
    return render(request, "inspections/plan_step.html", {"plan": plan, "form": form, "title": title, "name": name})


@require_http_methods(["GET", "POST"])
def plan_submit(request, public_id):
    return _plan_step(request, public_id, name="submit", title=_("报送年度抽查计划"), success=_("已报送"),
                      call=lambda plan, data: services.plan_submit(by=request.user, plan=plan))


@require_http_methods(["GET", "POST"])
def plan_acknowledge(request, public_id):
    return _plan_step(request, public_id, name="acknowledge", title=_("年度抽查计划备案"), success=_("已备案"),
                      call=lambda plan, data: services.plan_acknowledge(by=request.user, plan=plan))


class _ReturnForm(forms.ReasonForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, label=_("退回原因"), **kwargs)


@require_http_methods(["GET", "POST"])
def plan_return(request, public_id):
    return _plan_step(request, public_id, name="return", title=_("退回年度抽查计划"), success=_("已退回"),
                      form_class=_ReturnForm,
                      call=lambda plan, data: services.plan_return(by=request.user, plan=plan,
                                                                   reason=data["reason"]))
