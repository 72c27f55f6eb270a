"""Public pages of random inspection (双随机一公开 — the "one public"): acknowledged plans, public tasks with their
drawn objects and results, a search of published results by entity name or USCC, and each draw's evidence with
the files an auditor needs to replay it. No login; every field shown comes from fazhi.disclosure.inspections
(explicit public dataclasses); anything not yet published is a 404."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.disclosure import inspections

PAGE_SIZE = 30
DRAWN_PAGE_SIZE = 100
ALL = [("", _("全部"))]


class _InspectionFilterForm(forms.Form):
    department = forms.UUIDField(label=_("部门"), required=False, widget=forms.Select)
    year = forms.TypedChoiceField(label=_("年度"), required=False, coerce=int, empty_value=None)

    def __init__(self, data, *, departments, years):
        super().__init__(data)
        self.fields["department"].widget.choices = ALL + [(d.public_id, d.name) for d in departments]
        self.fields["year"].choices = ALL + [(y, str(y)) for y in years]

    def filters(self) -> dict:
        self.is_valid()
        return {k: (str(v) if k == "department" else v) for k, v in self.cleaned_data.items() if v not in (None, "")}


class TaskFilterForm(_InspectionFilterForm):
    q = forms.CharField(label=_("关键词"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("任务名称或编号")}))
    field_order = ["q", "department", "year"]


class ResultSearchForm(_InspectionFilterForm):
    q = forms.CharField(label=_("检查对象"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search",
                                                      "placeholder": _("名称或统一社会信用代码")}))
    field_order = ["q", "department", "year"]


def _page(request, rows):
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def inspection_plan_list(request):
    form = _InspectionFilterForm(request.GET, departments=inspections.plan_departments(),
                                 years=inspections.plan_years())
    page = _page(request, inspections.plan_list(filters=form.filters()))
    return render(request, "disclosure/inspection_plan_list.html", {
        "form": form, "page": page, "rows": inspections.public_plans(page.object_list),
    })


def inspection_task_list(request):
    form = TaskFilterForm(request.GET, departments=inspections.task_departments(), years=inspections.task_years())
    page = _page(request, inspections.task_list(filters=form.filters()))
    return render(request, "disclosure/inspection_task_list.html", {
        "form": form, "page": page, "rows": inspections.task_summaries(page.object_list),
    })


def inspection_task_detail(request, key: str):
    """A public task by its public id or number: its departments and items, the draws, and the drawn objects (once
    the list is published) page by page, each with its results (once they are published)."""
    task = inspections.task_lookup(key)
    if task is None:
        raise Http404
    page = Paginator(inspections.task_drawn_queryset(task), DRAWN_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "disclosure/inspection_task_detail.html", {
        "task": inspections.public_task(task), "draws": inspections.task_draws(task), "page": page,
        "drawn": inspections.public_drawn_objects(page.object_list, task),
    })


def inspection_result_search(request):
    form = ResultSearchForm(request.GET, departments=inspections.result_departments(),
                            years=inspections.task_years())
    filters = form.filters()
    page = _page(request, inspections.result_search(filters=filters))
    return render(request, "disclosure/inspection_result_search.html", {
        "form": form, "page": page, "rows": inspections.public_results(page.object_list), "searched": bool(filters),
    })


def inspection_draw_detail(request, public_id):
    """A draw's evidence. ?format=json: the draw's public JSON (what scripts/replay_draw.py reads); ?verify=1: the
    draw checked against its ledger entry and the published ledger heads."""
    draw = inspections.draw_lookup(public_id)
    if draw is None:
        raise Http404
    if request.GET.get("format") == "json":
        response = HttpResponse(inspections.draw_json(draw), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="draw-{draw.public_id}.json"'
        return response
    url = reverse("disclosure:inspection_draw_detail", args=[draw.public_id])
    shown = inspections.public_draw(draw)
    page = Paginator(inspections.draw_drawn_queryset(draw), DRAWN_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "disclosure/inspection_draw_detail.html", {
        "d": shown, "strata": inspections.strata_rows(shown.strata),
        "page": page, "drawn": inspections.public_drawn_objects(page.object_list, draw.task),
        "verification": inspections.verify_draw(draw) if request.GET.get("verify") else None,
        "json_url": f"{url}?format=json",
        "snapshot_url": reverse("disclosure:inspection_draw_snapshot", args=[draw.public_id]),
        "snapshot_name": inspections.draw_snapshot_name(draw),
        "json_name": f"draw-{draw.public_id}.json",
    })


def inspection_draw_snapshot(request, public_id):
    """The pool snapshot as stored (gzip); the SHA-256 of its decompressed text is the recorded pool digest."""
    draw = inspections.draw_lookup(public_id)
    if draw is None or not draw.pool_file:
        raise Http404
    try:
        handle = draw.pool_file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, filename=inspections.draw_snapshot_name(draw),
                            content_type="application/gzip")
    response["X-Pool-SHA256"] = draw.pool_digest
    return response


def inspection_replay_script(request):
    """The standalone checker (scripts/replay_draw.py, Python 3 standard library only) that recomputes a draw from
    its published snapshot and JSON: the same file the platform ships, so anyone can read what it does."""
    path = Path(settings.BASE_DIR, "scripts", "replay_draw.py")
    return FileResponse(path.open("rb"), as_attachment=True, filename="replay_draw.py",
                        content_type="text/x-python; charset=utf-8")
