"""Staff screens of inspection tasks: the list (filters, sort, pages, xlsx), creating and changing a task (one
department, or several for a joint inspection), the task page, and each act on it — the draw (with its witnesses),
a redraw or a manual addition (each with its reason), publishing the drawn list, the notices (and their .docx), the
end of the task and the publication of its results — plus the draw's page and its pool snapshot.

The task page lists every act with the reason it is blocked now, so the user sees it before clicking; the service
still decides (and its refusal comes back on the act's form with the rule id, changing nothing).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from fazhi.accounts.middleware import rule_for
from fazhi.core.errors import DomainError
from fazhi.core.exports import content_disposition, xlsx_response
from fazhi.core.listing import get_or_404, list_context, render_list
from fazhi.inspections import access, forms
from fazhi.inspections.documents import notice_docx, notice_filename
from fazhi.inspections.enums import ExclusionReason, TaskStatus
from fazhi.inspections.models import Draw, InspectionResult
from fazhi.inspections.selectors import tasks as selectors
from fazhi.inspections.services import draws as draw_services
from fazhi.inspections.services import tasks as services
from fazhi.inspections.services.tasks import missing_results
from fazhi.orgs.scoping import organisation_ids_visible_to
from fazhi.personnel.selectors import today

SERVICE_ERRORS = (DomainError, ValidationError)
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXCLUSIONS_SHOWN = 500
DRAWN_PAGE_SIZE = 100
SUPERSEDED_SHOWN = 200

TASK_EXPORT_HEADERS = [
    gettext_lazy("任务编号"), gettext_lazy("任务名称"), gettext_lazy("任务类型"), gettext_lazy("牵头部门"),
    gettext_lazy("参与部门"), gettext_lazy("年度"), gettext_lazy("检查开始日期"), gettext_lazy("检查结束日期"),
    gettext_lazy("状态"), gettext_lazy("抽查名单公示日期"), gettext_lazy("实际结束日期"), gettext_lazy("结果公示期限"),
    gettext_lazy("结果公示日期"), gettext_lazy("逾期公示"),
]
DRAWN_EXPORT_HEADERS = [
    gettext_lazy("抽取顺序"), gettext_lazy("抽取批次"), gettext_lazy("统一社会信用代码"), gettext_lazy("名称"),
    gettext_lazy("抽取时信用风险分类"), gettext_lazy("住所(经营场所)"), gettext_lazy("所属辖区"),
    gettext_lazy("检查组成员"), gettext_lazy("检查状态"), gettext_lazy("检查通知日期"), gettext_lazy("检查日期"),
    gettext_lazy("有效"),
]


def _task(request, public_id):
    return get_or_404(selectors.task_get, user=request.user, public_id=public_id)


def _team_text(drawn) -> str:
    by_org: dict[str, list[str]] = {}
    for member in drawn.team.all():
        by_org.setdefault(member.organisation.name, []).append(f"{member.officer.name}({member.certificate_number})")
    return ";".join(f"{org}:{'、'.join(names)}" for org, names in by_org.items())


# --- the list -----------------------------------------------------------------------------------------------


@require_GET
def task_list(request):
    form = forms.TaskFilterForm(request.GET, user=request.user)
    context = list_context(request, selectors.task_list(user=request.user, filters=form.filters()), form)
    day = today()
    page = context["page"]
    page.object_list = list(page.object_list)
    for task in page.object_list:
        task.overdue = bool(task.status == TaskStatus.ENDED and task.publish_due and task.publish_due < day)
    return render_list(request, "inspections/task_list.html", "inspections/_task_results.html", context)


@require_GET
def task_export(request):
    form = forms.TaskFilterForm(request.GET, user=request.user)
    queryset = (selectors.task_list(user=request.user, filters=form.filters()).order_by(*form.ordering())
                .prefetch_related("departments__organisation"))

    def rows():
        for task in queryset.iterator(chunk_size=500):
            yield [task.number, task.title, task.get_kind_display(), task.lead_organisation.name,
                   "、".join(p.organisation.name for p in task.departments.all()), task.year, task.start_on,
                   task.end_on, task.get_status_display(), task.drawn_list_published_on, task.ended_on,
                   task.publish_due, task.published_on, task.publication_late]

    return xlsx_response(filename=_("抽查任务_%(day)s.xlsx") % {"day": f"{today():%Y%m%d}"},
                         headers=[str(h) for h in TASK_EXPORT_HEADERS], rows=rows())


# --- creating and changing a task ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def task_create(request):
    choice = forms.DepartmentChoiceForm(request.GET or None, user=request.user)
    department = choice.department()
    if department is None:
        raise Http404
    form = forms.TaskForm(forms.posted(request), lead_organisation=department)
    if request.method == "POST" and form.is_valid():
        try:
            task = services.task_create(by=request.user, lead_organisation=department, **form.service_kwargs())
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("已创建抽查任务 %(number)s") % {"number": task.number})
            return redirect("inspections:task_detail", public_id=task.public_id)
    return render(request, "inspections/task_form.html", {"form": form, "choice": choice, "department": department,
                                                          "task": None})


@require_http_methods(["GET", "POST"])
def task_edit(request, public_id):
    task = _task(request, public_id)
    form = forms.TaskForm(forms.posted(request), lead_organisation=task.lead_organisation, task=task)
    if request.method == "POST" and form.is_valid():
        try:
            services.task_update(by=request.user, task=task, **form.service_kwargs())
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
            task.refresh_from_db()
        else:
            messages.success(request, _("已保存"))
            return redirect("inspections:task_detail", public_id=task.public_id)
    return render(request, "inspections/task_form.html", {"form": form, "task": task,
                                                          "department": task.lead_organisation})


# --- the task page ------------------------------------------------------------------------------------------


@dataclass
class Act:
    name: str
    label: str
    url: str
    allowed: bool
    reason: str = ""


def _who_blocks(check, user, organisation_ids) -> str:
    """The access check's refusal for the first department it refuses in, or "" when it allows any of them."""
    reasons = []
    for organisation_id in organisation_ids:
        try:
            check(user, organisation_id)
        except DomainError as exc:
            reasons.append(exc.message)
        else:
            return ""
    return reasons[0] if reasons else _("无权办理")


def task_acts(task, user, *, unnotified: int, results_count: int, missing: int) -> list[Act]:
    """Every act on the task, each allowed or with the reason it is blocked (state first, then who may act)."""
    status = task.status
    # after a redraw or an addition the published list is out of date and is offered for publication again
    list_outdated = selectors.drawn_list_outdated(task)
    plan_block = _who_blocks(access.check_may_plan, user, [task.lead_organisation_id])
    record_block = _who_blocks(access.check_may_record, user, [p.organisation_id for p in task.departments.all()])
    states = {
        "task_edit": None if status == TaskStatus.DRAFT else _("只有待抽取的任务可以修改"),
        "task_draw": None if status == TaskStatus.DRAFT else _("已经抽取;如需重新抽取,请使用“重新抽取”并说明理由"),
        "task_redraw": (_("尚未抽取") if status == TaskStatus.DRAFT
                        else _("已有检查结果,不能重新抽取") if status == TaskStatus.DRAWN and results_count
                        else None if status == TaskStatus.DRAWN else _("任务已结束,不能重新抽取")),
        "task_add_object": (None if status == TaskStatus.DRAWN
                            else _("尚未抽取") if status == TaskStatus.DRAFT else _("任务已结束,不能增补对象")),
        "task_publish_list": (_("尚未抽取") if status == TaskStatus.DRAFT
                              else _("抽查名单已于%(day)s公示") % {"day": f"{task.drawn_list_published_on:%Y-%m-%d}"}
                              if task.drawn_list_published_on and not list_outdated else None),
        "task_notices": (_("尚未抽取") if status == TaskStatus.DRAFT
                         else _("任务已结束") if status != TaskStatus.DRAWN
                         else _("抽中对象均已通知") if not unnotified else None),
        "task_end": (_("尚未抽取") if status == TaskStatus.DRAFT
                     else _("任务已结束") if status != TaskStatus.DRAWN
                     else _("尚有%(n)s项检查结果未录入,录完后才能结束检查") % {"n": missing} if missing else None),
        "task_publish_results": (
            _("检查结束后才能公示结果") if status in (TaskStatus.DRAFT, TaskStatus.DRAWN)
            else _("结果已于%(day)s公示") % {"day": f"{task.published_on:%Y-%m-%d}"} if status == TaskStatus.PUBLISHED
            else _("尚有%(n)s项检查结果未录入") % {"n": missing} if missing else None),
    }
    labels = {
        "task_edit": _("修改任务"), "task_draw": _("随机抽取"), "task_redraw": _("重新抽取"),
        "task_add_object": _("人工增补对象"), "task_publish_list": _("公示抽查名单"), "task_notices": _("检查通知"),
        "task_end": _("结束检查"), "task_publish_results": _("公示检查结果"),
    }
    # acts whose phase is over are not offered at all (a published task shows no greyed-out wall)
    over = {
        TaskStatus.DRAFT: set(),
        TaskStatus.DRAWN: {"task_edit", "task_draw"},
        TaskStatus.ENDED: {"task_edit", "task_draw", "task_redraw", "task_add_object", "task_notices", "task_end"},
        TaskStatus.PUBLISHED: set(states),
    }.get(status, set())
    if task.drawn_list_published_on and not list_outdated:
        over = over | {"task_publish_list"}
    acts = []
    for name, state_block in states.items():
        if name in over:
            continue
        route = f"inspections:{name}"
        rule = rule_for(route)
        if rule is None or not rule.allows(user):
            continue
        who = record_block if name == "task_notices" else plan_block
        reason = state_block or who
        acts.append(Act(name=name, label=labels[name], url=reverse(route, args=[task.public_id]),
                        allowed=not reason, reason=reason or ""))
    return acts


def _exclusion_summary(draw) -> list[tuple[str, int]]:
    rows = draw.exclusions.values("reason").annotate(n=Count("id")).order_by("reason")
    labels = dict(ExclusionReason.choices)
    return [(labels.get(r["reason"], r["reason"]), r["n"]) for r in rows]


def _timeline(request, task):
    from fazhi.records.models import Entry
    from fazhi.records.selectors import subject_timeline

    try:
        return subject_timeline(user=request.user, subject_type="inspections.InspectionTask",
                                subject_id=str(task.public_id))
    except Entry.DoesNotExist:
        return []


@require_GET
def task_detail(request, public_id):
    task = _task(request, public_id)
    current = selectors.task_drawn_objects(task)
    page = Paginator(current.prefetch_related("results"), DRAWN_PAGE_SIZE).get_page(request.GET.get("page"))
    drawn = list(page.object_list)
    superseded = selectors.task_drawn_objects(task, current=False).filter(is_current=False)
    draws = list(task.draws.select_related("drawn_by").order_by("seq"))
    for draw in draws:
        draw.exclusion_summary = _exclusion_summary(draw)
    results_count = InspectionResult.objects.filter(drawn_object__task=task).count()
    missing = missing_results(task)[0] if task.status != TaskStatus.DRAFT else 0
    items_per_object = sum(len(part.items.all()) for part in task.departments.all())
    for d in drawn:
        d.results_done = len(d.results.all())
    due, due_reason = selectors.task_publication(task)
    day = today()
    return render(request, "inspections/task_detail.html", {
        "task": task, "parts": task.departments.all(), "draws": draws, "drawn": drawn, "page": page,
        "superseded": list(superseded[:SUPERSEDED_SHOWN]), "superseded_count": superseded.count(),
        "acts": task_acts(task, request.user, unnotified=current.filter(notice_sent_on=None).count(),
                          results_count=results_count, missing=missing),
        "due": due, "due_reason": due_reason, "missing": missing, "items_per_object": items_per_object,
        "overdue": bool(task.status == TaskStatus.ENDED and task.publish_due and task.publish_due < day),
        "today": day, "timeline": _timeline(request, task),
    })


# --- acts on a task -----------------------------------------------------------------------------------------


def _act(request, task, *, form, template_title, submit, call, success, extra=None):
    """One act's form: GET shows it, POST calls the one service; a refusal comes back on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            result = call(form.cleaned_data)
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
            task.refresh_from_db()
        else:
            messages.success(request, success(result) if callable(success) else success)
            return redirect("inspections:task_detail", public_id=task.public_id)
    return render(request, "inspections/task_act.html", {"task": task, "form": form, "title": template_title,
                                                         "submit": submit, **(extra or {})},
                  status=400 if form.is_bound and form.errors else 200)


@require_http_methods(["GET", "POST"])
def task_draw(request, public_id):
    task = _task(request, public_id)
    return _act(request, task, form=forms.DrawForm(forms.posted(request)), template_title=_("随机抽取"),
                submit=_("抽取"),
                call=lambda d: draw_services.task_draw(by=request.user, task=task, witnesses=d["witnesses"]),
                success=lambda draw: _("已随机抽取 %(n)s 个检查对象,随机种子 %(seed)s") % {
                    "n": draw.objects_drawn, "seed": draw.seed},
                extra={"explain": "draw"})


@require_http_methods(["GET", "POST"])
def task_redraw(request, public_id):
    task = _task(request, public_id)
    return _act(request, task, form=forms.RedrawForm(forms.posted(request)), template_title=_("重新抽取"),
                submit=_("重新抽取"),
                call=lambda d: draw_services.task_redraw(by=request.user, task=task, reason=d["reason"],
                                                    witnesses=d["witnesses"]),
                success=lambda draw: _("已重新抽取(第%(seq)s次),原抽取结果保留并标记为已替代") % {"seq": draw.seq},
                extra={"explain": "redraw"})


@require_http_methods(["GET", "POST"])
def task_add_object(request, public_id):
    task = _task(request, public_id)
    return _act(request, task, form=forms.AddObjectForm(forms.posted(request)), template_title=_("人工增补对象"),
                submit=_("增补"),
                call=lambda d: draw_services.task_object_add(by=request.user, task=task, obj=d["obj"], reason=d["reason"],
                                                        witnesses=d["witnesses"]),
                success=_("已增补检查对象,增补理由已记录"), extra={"explain": "addition"})


@require_http_methods(["GET", "POST"])
def task_publish_list(request, public_id):
    task = _task(request, public_id)
    return _act(request, task, form=forms.DayForm(forms.posted(request), label=_("公示日期")),
                template_title=_("公示抽查名单"), submit=_("公示"),
                call=lambda d: services.drawn_list_publish(by=request.user, task=task, published_on=d["on"]),
                success=_("抽查名单已公示"))


@require_http_methods(["GET", "POST"])
def task_notices(request, public_id):
    """GET ?drawn=<id>: the 检查通知书 of one drawn object (.docx); otherwise the form that records notices sent."""
    task = _task(request, public_id)
    if request.method == "GET" and request.GET.get("drawn"):
        return _notice_download(task, request.GET["drawn"])
    form = forms.NoticesForm(forms.posted(request), task=task)
    drawn = list(selectors.task_drawn_objects(task))
    return _act(request, task, form=form, template_title=_("检查通知"), submit=_("登记已通知"),
                call=lambda d: services.notices_send(by=request.user, task=task, sent_on=d["on"],
                                                     drawn_objects=list(d["drawn_objects"]) or None),
                success=lambda n: _("已登记 %(n)s 个对象的检查通知") % {"n": n},
                extra={"explain": "notices", "drawn": drawn})


def _notice_download(task, drawn_id):
    try:
        drawn = selectors.task_drawn_objects(task).get(public_id=drawn_id)
    except (ValidationError, ObjectDoesNotExist) as exc:
        raise Http404 from exc
    response = HttpResponse(notice_docx(drawn), content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(notice_filename(drawn))
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def task_end(request, public_id):
    task = _task(request, public_id)
    return _act(request, task, form=forms.DayForm(forms.posted(request), label=_("检查结束日期")),
                template_title=_("结束检查"), submit=_("结束检查"),
                call=lambda d: services.task_end(by=request.user, task=task, ended_on=d["on"]),
                success=_("检查已结束;请在公示期限内公示检查结果"), extra={"explain": "end"})


@require_http_methods(["GET", "POST"])
def task_publish_results(request, public_id):
    task = _task(request, public_id)
    due, due_reason = selectors.task_publication(task)
    return _act(request, task, form=forms.DayForm(forms.posted(request), label=_("公示日期")),
                template_title=_("公示检查结果"), submit=_("公示"),
                call=lambda d: services.results_publish(by=request.user, task=task, published_on=d["on"]),
                success=_("检查结果已公示"), extra={"due": due, "due_reason": due_reason})


# --- drawn objects, draws -----------------------------------------------------------------------------------


@require_GET
def drawn_export(request, public_id):
    task = _task(request, public_id)
    everything = request.GET.get("all") == "1"
    queryset = selectors.task_drawn_objects(task, current=not everything)

    def rows():
        for d in queryset:
            yield [d.position, d.draw.seq, d.object.uscc, d.object.name, d.risk_grade, d.object.address,
                   d.object.jurisdiction.name if d.object.jurisdiction_id else "", _team_text(d),
                   d.get_status_display(), d.notice_sent_on, d.inspected_on, d.is_current]

    return xlsx_response(filename=_("抽中对象_%(number)s.xlsx") % {"number": task.number},
                         headers=[str(h) for h in DRAWN_EXPORT_HEADERS], rows=rows())


def _draw(request, public_id) -> Draw:
    def get(*, user, public_id):
        draw = Draw.objects.select_related("task", "drawn_by").get(public_id=public_id)
        selectors.task_get(user=user, public_id=draw.task.public_id)  # the task must be visible
        return draw

    return get_or_404(get, user=request.user, public_id=public_id)


@require_GET
def draw_detail(request, public_id):
    draw = _draw(request, public_id)
    exclusions = list(draw.exclusions.select_related("object", "officer", "organisation")[:EXCLUSIONS_SHOWN])
    # a declared conflict's content belongs to the officer's department (conflict_list is scoped the same way):
    # a partner department of a joint task sees that the officer stepped aside, not why
    visible = organisation_ids_visible_to(request.user)
    for e in exclusions:
        if visible is not None and e.reason == ExclusionReason.CONFLICT and e.organisation_id not in visible:
            e.detail = _("与抽中对象存在利害关系,依规回避(申报内容由其所在部门掌握)")
    drawn = Paginator(draw.drawn_objects.select_related("object", "superseded_by").prefetch_related(
        "team__officer", "team__organisation").order_by("position"), DRAWN_PAGE_SIZE).get_page(request.GET.get("page"))
    departments = (draw.inspector_pool or {}).get("departments", [])
    return render(request, "inspections/draw_detail.html", {
        "draw": draw, "task": draw.task, "drawn": drawn, "exclusions": exclusions,
        "exclusion_summary": _exclusion_summary(draw), "exclusions_total": draw.exclusions.count(),
        "exclusions_shown": EXCLUSIONS_SHOWN, "departments": departments,
        "strata": _strata_rows(draw.strata)})


def _strata_rows(strata) -> list[dict]:
    """The recorded strata ({grade: {pool, ratio, drawn}}) as rows in grade order."""
    return [{"grade": grade, **value} for grade, value in sorted((strata or {}).items()) if isinstance(value, dict)]


@require_GET
def draw_snapshot(request, public_id):
    draw = _draw(request, public_id)
    if not draw.pool_file:
        raise Http404
    try:
        handle = default_storage.open(draw.pool_file.name, "rb")
    except OSError as exc:  # a snapshot missing from storage: the replay names it; the download is a 404
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True,
                            filename=f"{draw.task.number}-draw{draw.seq}-pool.txt.gz",
                            content_type="application/gzip")
    response["X-Pool-Digest"] = draw.pool_digest
    return response
