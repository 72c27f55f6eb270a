"""Import screens: list of jobs and importers, template download, upload, preview, confirm, progress."""

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core.errors import DomainError, PermissionDenied
from fazhi.core.exports import XLSX_CONTENT_TYPE, content_disposition
from fazhi.core.forms import ImportUploadForm
from fazhi.core.imports import registry, selectors, services
from fazhi.core.imports.workbook import template_bytes
from fazhi.core.models import ImportJob


def _importer_or_404(key: str, user):
    try:
        importer = registry.get(key)
    except KeyError:
        raise Http404 from None
    if not importer.allowed(user):
        raise Http404
    return importer


def _job_or_404(request, public_id) -> ImportJob:
    try:
        return selectors.import_job_get(user=request.user, public_id=public_id)
    except ImportJob.DoesNotExist:
        raise Http404 from None


def import_list(request):
    jobs = selectors.import_job_list(user=request.user)[:50]
    importers = registry.importers_for(request.user)
    titles = {i.key: i.title for i in registry.all_importers()}
    for job in jobs:
        job.importer_title = titles.get(job.importer_key, job.importer_key)
    return render(request, "core/imports/list.html", {"jobs": jobs, "importers": importers})


def import_template(request, key):
    importer = _importer_or_404(key, request.user)
    response = HttpResponse(template_bytes(importer), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(f"{importer.title}导入模板.xlsx")
    return response


def import_upload(request, key):
    importer = _importer_or_404(key, request.user)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.import_job_create(by=request.user, importer_key=key, upload=form.cleaned_data["file"])
        except PermissionDenied as exc:
            return HttpResponseForbidden(exc.message)
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            return redirect("core:import_detail", public_id=job.public_id)
    return render(request, "core/imports/upload.html", {"importer": importer, "form": form},
                  status=400 if form.errors else 200)


def import_detail(request, public_id):
    job = _job_or_404(request, public_id)
    try:
        importer = registry.get(job.importer_key)
    except KeyError:
        importer = None
    page = selectors.import_job_errors_page(job=job, page=request.GET.get("page"))
    can_commit = importer is not None and importer.allowed(request.user)
    return render(request, "core/imports/detail.html",
                  {"job": job, "importer": importer, "page": page, "can_commit": can_commit})


def import_progress(request, public_id):
    job = _job_or_404(request, public_id)
    response = render(request, "core/imports/_progress.html", {"job": job})
    if not job.is_running and request.headers.get("HX-Request"):
        # The run has ended: reload the whole page to show the result or the errors table.
        response["HX-Refresh"] = "true"
    return response


@require_POST
def import_commit(request, public_id):
    job = _job_or_404(request, public_id)
    try:
        job = services.import_job_confirm(by=request.user, job=job)
    except PermissionDenied as exc:
        return HttpResponseForbidden(exc.message)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if job.status == "committed":
            messages.success(request, _("导入完成:%(n)s 行") % {"n": job.total_rows})
    return redirect("core:import_detail", public_id=job.public_id)
