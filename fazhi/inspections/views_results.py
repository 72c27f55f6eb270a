"""The inspector's screens, phone first: my drawn objects, one drawn object with its items and their results, and
recording one item's result on site (outcome, findings, the drawn inspectors, photos from the camera; a referred
finding opens a case). The result form keeps a draft on the phone while offline (enforcement/draft.js)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from fazhi.core.errors import DomainError
from fazhi.core.listing import get_or_404
from fazhi.inspections import access, forms
from fazhi.inspections.enums import TaskStatus
from fazhi.inspections.models import ResultPhoto
from fazhi.inspections.selectors import results as selectors
from fazhi.inspections.services import results as services
from fazhi.personnel.models import Officer

SERVICE_ERRORS = (DomainError, ValidationError)


@require_GET
def my_inspections(request):
    drawn = list(selectors.my_inspections(user=request.user)[:200])
    return render(request, "inspections/my_inspections.html", {
        "drawn": drawn, "has_officer": Officer.objects.filter(user=request.user).exists()})


def _may_record(user, part) -> bool:
    try:
        access.check_may_record(user, part.organisation_id)
    except DomainError:
        return False
    return True


@require_GET
def drawn_object_detail(request, public_id):
    drawn = get_or_404(selectors.drawn_object_get, user=request.user, public_id=public_id)
    rows = selectors.drawn_object_items(drawn)
    recordable = drawn.is_current and drawn.task.status == TaskStatus.DRAWN
    items = [{"part": part, "item": item, "result": result,
              "may_record": recordable and result is None and _may_record(request.user, part),
              "team": [m for m in drawn.team.all() if m.organisation_id == part.organisation_id]}
             for part, item, result in rows]
    return render(request, "inspections/drawn_object_detail.html", {
        "drawn": drawn, "task": drawn.task, "obj": drawn.object, "items": items, "recordable": recordable})


@require_http_methods(["GET", "POST"])
def result_create(request, public_id):
    drawn = get_or_404(selectors.drawn_object_get, user=request.user, public_id=public_id)
    rows = selectors.drawn_object_items(drawn)
    wanted = request.GET.get("item") or request.POST.get("item")
    row = next(((part, item, result) for part, item, result in rows if str(item.public_id) == wanted), None)
    if row is None:
        raise Http404
    part, item, result = row
    if result is not None:
        messages.info(request, _("该事项已录入检查结果"))
        return redirect("inspections:drawn_object_detail", public_id=drawn.public_id)
    team = [m for m in drawn.team.all() if m.organisation_id == part.organisation_id]
    form = forms.ResultForm(forms.posted(request), forms.posted_files(request), team=team, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            recorded = services.result_record(by=request.user, drawn_object=drawn, power_item=item,
                                              **form.service_kwargs())
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
        else:
            if recorded.case_id:
                messages.success(request, _("已录入检查结果,并移送立案:%(title)s") % {"title": recorded.case.title})
            else:
                messages.success(request, _("已录入检查结果"))
            return redirect("inspections:drawn_object_detail", public_id=drawn.public_id)
    return render(request, "inspections/result_form.html", {
        "form": form, "drawn": drawn, "task": drawn.task, "obj": drawn.object, "part": part, "item": item,
        "recordable": drawn.is_current and drawn.task.status == TaskStatus.DRAWN},
        status=400 if form.is_bound and form.errors else 200)


@require_GET
def result_photo(request, pk):
    """A photo of a result the user may see (its drawn object's task is visible), served inline."""
    def get(*, user, pk):
        photo = ResultPhoto.objects.select_related("result__drawn_object").get(pk=pk)
        selectors.drawn_object_get(user=user, public_id=photo.result.drawn_object.public_id)
        return photo

    photo = get_or_404(get, user=request.user, pk=pk)
    try:
        handle = default_storage.open(photo.file.name, "rb")
    except (OSError, ObjectDoesNotExist) as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=photo.content_type or "application/octet-stream")
    response["X-Content-SHA256"] = photo.sha256
    response["Cache-Control"] = "private, max-age=3600"
    return response
