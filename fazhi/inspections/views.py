"""Staff screens of random inspection (双随机一公开, rules.md §7): the department's overview of "one list, two pools,
one set of rules" (一单两库一细则), the item list, the inspector pool and the implementing rules.

The other screens live beside this module: views_objects (the object pool and conflicts of interest), views_plans
(annual plans), views_tasks (tasks, draws, publication), views_results (the officer's phone screens).

Thin: parse input with a form, call one selector (reads, already scoped to the user) or one service (writes),
render. What the user may not see is a 404, never data. Service errors become Chinese form errors with their rule id.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from fazhi.core.errors import DomainError
from fazhi.core.listing import get_or_404
from fazhi.inspections import forms
from fazhi.inspections.enums import PlanStatus, RegistrationStatus, TaskStatus
from fazhi.inspections.models import TaskDepartment
from fazhi.inspections.selectors import objects as object_selectors
from fazhi.inspections.selectors import pools as pool_selectors
from fazhi.inspections.selectors import tasks as task_selectors
from fazhi.inspections.services import plans as plan_services
from fazhi.orgs.enums import BodyStatus
from fazhi.orgs.models import EnforcementBody
from fazhi.personnel.selectors import today

SERVICE_ERRORS = (DomainError, ValidationError)


def _department(request):
    """The department the page is about: ?organisation=<public id> among those the user sees, else the user's own."""
    choice = forms.DepartmentChoiceForm(request.GET or None, user=request.user)
    return choice, choice.department()


def pool_of(organisation, category, *, start_on, end_on):
    """(eligible, ineligible) officers of the department for the category over the dates; (None, reason) when the
    department has no active body holding the category (no task part could take it)."""
    if not EnforcementBody.objects.filter(organisation=organisation, status=BodyStatus.ACTIVE,
                                          categories=category).exists():
        return None, _("%(org)s没有持有“%(cat)s”执法类别的执法主体") % {"org": organisation.name, "cat": category.name}
    part = TaskDepartment(organisation=organisation, category=category, is_lead=True)  # unsaved: what the pool reads
    return pool_selectors.inspector_pool(part, start_on=start_on, end_on=end_on), None


# --- the overview -------------------------------------------------------------------------------------------


def _eligible_count(organisation, day) -> int:
    officers: set[int] = set()
    for category in forms.department_categories(organisation):
        pool, _reason = pool_of(organisation, category, start_on=day, end_on=day)
        if pool is not None:
            officers.update(e.officer_id for e in pool[0])
    return len(officers)


@require_GET
def home(request):
    choice, department = _department(request)
    day = today()
    context = {"choice": choice, "department": department, "today": day}
    context["object_count"] = object_selectors.object_list(
        user=request.user, filters={"registration_status": RegistrationStatus.ACTIVE}).count()
    if department is not None:
        items = task_selectors.item_list(organisation=department)
        plan = (task_selectors.plan_list(user=request.user, filters={"organisation": str(department.public_id),
                                                                     "year": day.year}).first())
        tasks = task_selectors.task_list(user=request.user, filters={"organisation": str(department.public_id)})
        context.update({
            "item_count": items.count(),
            "inspector_count": _eligible_count(department, day),
            "rules": task_selectors.rules_current(department),
            "plan": plan,
            "open_tasks": list(tasks.filter(status__in=[TaskStatus.DRAFT, TaskStatus.DRAWN])
                               .order_by("start_on", "id")[:20]),
            "awaiting": list(tasks.filter(status=TaskStatus.ENDED).order_by("publish_due", "id")[:20]),
        })
    context["plan_statuses"] = PlanStatus
    return render(request, "inspections/home.html", context)


# --- the item list ------------------------------------------------------------------------------------------


@require_GET
def item_list(request):
    choice, department = _department(request)
    items = []
    if department is not None:
        items = list(task_selectors.item_list(organisation=department).prefetch_related(
            "legal_bases__article__law"))
    return render(request, "inspections/item_list.html", {"choice": choice, "department": department,
                                                          "items": items})


# --- the inspector pool -------------------------------------------------------------------------------------


@require_GET
def inspector_pool(request):
    form = forms.InspectorPoolForm(request.GET, user=request.user)
    eligible = ineligible = None
    reason = ""
    if form.is_valid():
        d = form.cleaned_data
        pool, reason = pool_of(d["organisation"], d["category"], start_on=d["start_on"], end_on=d["end_on"])
        if pool is not None:
            eligible, ineligible = pool
    return render(request, "inspections/inspector_pool.html", {
        "form": form, "eligible": eligible, "ineligible": ineligible, "reason": reason})


# --- implementing rules -------------------------------------------------------------------------------------


@require_GET
def rules_list(request):
    choice, department = _department(request)
    rules = task_selectors.rules_list(user=request.user, filters={"organisation": str(department.public_id)}
                                      if department is not None else {})
    return render(request, "inspections/rules_list.html", {"choice": choice, "department": department,
                                                           "rules": rules})


@require_GET
def rules_detail(request, public_id):
    rules = get_or_404(task_selectors.rules_get, user=request.user, public_id=public_id)
    versions = task_selectors.rules_list(user=request.user, filters={"organisation": str(rules.organisation.public_id)})
    return render(request, "inspections/rules_detail.html", {"rules": rules, "versions": versions})


@require_http_methods(["GET", "POST"])
def rules_create(request):
    form = forms.RulesForm(forms.posted(request), forms.posted_files(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            rules = plan_services.rules_issue(by=request.user, **form.cleaned_data)
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("已发布第%(version)s版抽查工作细则") % {"version": rules.version})
            return redirect("inspections:rules_detail", public_id=rules.public_id)
    return render(request, "inspections/rules_form.html", {"form": form})


@require_GET
def rules_file(request, public_id):
    rules = get_or_404(task_selectors.rules_get, user=request.user, public_id=public_id)
    if not rules.file:
        raise Http404
    name = f"{rules.organisation.name}{rules.title}(第{rules.version}版)"
    suffix = "." + rules.file.name.rsplit(".", 1)[-1] if "." in rules.file.name else ""
    try:
        handle = default_storage.open(rules.file.name, "rb")
    except OSError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, filename=name + suffix)
    if rules.file_sha256:
        response["X-Content-SHA256"] = rules.file_sha256
    return response
