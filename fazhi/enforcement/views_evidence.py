"""Evidence of a case (list, detail, streamed download, form upload), the resumable upload protocol, and the
officer's field screens (phone: open a case on site, add evidence from the camera, the on-site record).

The resumable protocol (tus-like, JSON):
* POST   /cases/<case>/uploads/          filename, size, kind, declared_type + the evidence's metadata
                                         → 201 {id, url, finish_url, chunk_size, offset: 0, size}
* HEAD / GET /cases/uploads/<upload>/    → header Upload-Offset (+ JSON {offset, size, status, …} on GET)
* PUT / PATCH /cases/uploads/<upload>/   header Upload-Offset, body ≤ chunk_size bytes
                                         → 204 + Upload-Offset; 201 + {evidence} when the last byte arrived;
                                           409 + Upload-Offset when the offset is not the one received so far;
                                           415 when the content is not the claimed type (the upload is rejected)
* POST   /cases/uploads/<upload>/finish/ → 201 {evidence}; 409 while incomplete (a truncated upload never becomes
                                           evidence)
The chunk body is read from the request stream in pieces (never `request.body`), so DATA_UPLOAD_MAX_MEMORY_SIZE
does not apply to it and the body is held in memory at most once, 1 MiB at a time.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core.errors import DomainError, PermissionDenied
from fazhi.core.listing import get_or_404
from fazhi.enforcement import forms_evidence as forms
from fazhi.enforcement.enums import UploadStatus
from fazhi.enforcement.services import evidence as services

SERVICE_ERRORS = (DomainError, ValidationError)
NO_STORE = {"Cache-Control": "no-store"}


def _case(request, public_id):
    return get_or_404(services.case_for_evidence, user=request.user, public_id=public_id)


def _error(exc: DomainError, status: int = 400, upload=None, **extra) -> JsonResponse:
    body = {**exc.as_dict(), "display": exc.display, **extra}
    headers = NO_STORE
    if upload is not None:
        upload.refresh_from_db()
        body["upload"] = _upload_json(upload)
        headers = _upload_headers(upload)
    return JsonResponse(body, status=403 if isinstance(exc, PermissionDenied) else status, headers=headers)


def _evidence_json(evidence) -> dict:
    return {"id": str(evidence.public_id), "title": evidence.title, "size": evidence.size,
            "sha256": evidence.sha256, "content_type": evidence.content_type,
            "url": reverse("enforcement:evidence_detail", args=[evidence.public_id]),
            "download_url": reverse("enforcement:evidence_download", args=[evidence.public_id])}


def _upload_json(upload) -> dict:
    return {"id": str(upload.public_id), "offset": upload.received, "size": upload.total_size,
            "status": upload.status, "rejected_reason": upload.rejected_reason, "chunk_size": services.CHUNK_SIZE,
            "url": reverse("enforcement:upload_detail", args=[upload.public_id]),
            "finish_url": reverse("enforcement:upload_finish", args=[upload.public_id]),
            "evidence": _evidence_json(upload.evidence) if upload.evidence_id else None}


def _upload_headers(upload) -> dict:
    return {**NO_STORE, "Upload-Offset": str(upload.received), "Upload-Length": str(upload.total_size)}


# --- evidence of a case ----------------------------------------------------------------------------------------------


@require_GET
def evidence_list(request, public_id):
    case = _case(request, public_id)
    return render(request, "enforcement/evidence_list.html", {
        "case": case, "evidence": services.evidence_list(user=request.user, case=case)})


@require_GET
def evidence_detail(request, public_id):
    evidence = get_or_404(services.evidence_get, user=request.user, public_id=public_id)
    return render(request, "enforcement/evidence_detail.html", {"evidence": evidence, "case": evidence.case})


@require_GET
def evidence_download(request, public_id):
    evidence = get_or_404(services.evidence_get, user=request.user, public_id=public_id)
    if not evidence.file:
        return HttpResponse(_("该证据没有文件"), status=404)
    handle = default_storage.open(evidence.file.name, "rb")
    response = FileResponse(handle, as_attachment=True, filename=evidence.original_name or None,
                            content_type=evidence.content_type or "application/octet-stream")
    response["X-Content-SHA256"] = evidence.sha256
    return response


@require_http_methods(["GET", "POST"])
def evidence_add(request, public_id):
    case = _case(request, public_id)
    form = forms.EvidenceAddForm(request.POST or None, request.FILES or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            evidence = services.evidence_add(by=request.user, case=case, file=form.cleaned_data["file"],
                                             **form.service_kwargs())
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("已保存证据“%(title)s”,SHA-256 %(sha)s") % {
                "title": evidence.title, "sha": evidence.sha256})
            return redirect("enforcement:evidence_list", public_id=case.public_id)
    return render(request, "enforcement/evidence_form.html", {"form": form, "case": case})


# --- the resumable upload --------------------------------------------------------------------------------------------


@require_POST
def upload_create(request, public_id):
    case = _case(request, public_id)
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            return JsonResponse({"code": "bad_json", "message": "请求内容不是有效的 JSON"}, status=400)
    else:
        data = request.POST
    form = forms.UploadCreateForm(data, case=case)
    if not form.is_valid():
        return JsonResponse({"code": "invalid", "message": "请检查填写的内容", "errors": form.errors}, status=400)
    try:
        upload = services.upload_create(by=request.user, case=case, filename=form.cleaned_data["filename"],
                                        size=form.cleaned_data["size"],
                                        declared_type=form.cleaned_data["declared_type"], **form.service_kwargs())
    except DomainError as exc:
        return _error(exc)
    return JsonResponse(_upload_json(upload), status=201, headers=_upload_headers(upload))


def _int_header(request, name: str) -> int | None:
    try:
        return int(request.headers.get(name, ""))
    except ValueError:
        return None


@require_http_methods(["GET", "HEAD", "PUT", "PATCH"])
def upload_detail(request, public_id):
    upload = get_or_404(services.upload_get, user=request.user, public_id=public_id)
    if request.method == "HEAD":
        return HttpResponse(status=200, headers=_upload_headers(upload))
    if request.method == "GET":
        return JsonResponse(_upload_json(upload), headers=_upload_headers(upload))
    offset, length = _int_header(request, "Upload-Offset"), _int_header(request, "Content-Length")
    if offset is None:
        return JsonResponse({"code": "offset_required", "message": "缺少 Upload-Offset"}, status=400)
    if length is None:
        return JsonResponse({"code": "length_required", "message": "缺少 Content-Length"}, status=411)
    try:
        services.upload_chunk(by=request.user, upload=upload, offset=offset, stream=request, length=length)
    except services.UploadOffsetMismatch as exc:
        return _error(exc, 409, upload=upload, offset=exc.offset)
    except services.UploadRejected as exc:
        return _error(exc, 415, upload=upload)
    except DomainError as exc:
        return _error(exc, 409 if exc.code in ("upload_incomplete", "chunk_missing") else 400, upload=upload)
    upload.refresh_from_db()
    if upload.status == UploadStatus.COMPLETE:
        return JsonResponse(_upload_json(upload), status=201, headers=_upload_headers(upload))
    return HttpResponse(status=204, headers=_upload_headers(upload))


@require_POST
def upload_finish(request, public_id):
    upload = get_or_404(services.upload_get, user=request.user, public_id=public_id)
    try:
        services.upload_finish(by=request.user, upload=upload)
    except services.UploadRejected as exc:
        return _error(exc, 415, upload=upload)
    except DomainError as exc:
        return _error(exc, 409, upload=upload)
    upload.refresh_from_db()
    return JsonResponse(_upload_json(upload), status=201, headers=_upload_headers(upload))


# --- field screens (phone) -------------------------------------------------------------------------------------------


@require_GET
def field_home(request):
    return render(request, "enforcement/field_home.html", {
        "cases": services.field_cases(user=request.user)[:50]})


@require_http_methods(["GET", "POST"])
def field_case_open(request):
    form = forms.FieldCaseOpenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_field_open(by=request.user, **form.service_kwargs())
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("已现场立案,案号 %(number)s") % {"number": case.number or case.title})
            return redirect("enforcement:field_evidence", public_id=case.public_id)
    return render(request, "enforcement/field_case_open.html", {"form": form})


@require_GET
def field_evidence(request, public_id):
    case = _case(request, public_id)
    form = forms.EvidenceMetaForm(case=case)
    return render(request, "enforcement/field_evidence.html", {
        "case": case, "form": form, "evidence": services.evidence_list(user=request.user, case=case),
        "create_url": reverse("enforcement:upload_create", args=[case.public_id]),
        "chunk_size": services.CHUNK_SIZE})


@require_http_methods(["GET", "POST"])
def field_onsite(request, public_id):
    case = _case(request, public_id)
    form = forms.OnsiteRecordForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.onsite_record_add(by=request.user, case=case, **form.service_kwargs())
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("已保存现场笔录"))
            return redirect("enforcement:field_home")
    return render(request, "enforcement/field_onsite.html", {"form": form, "case": case})
