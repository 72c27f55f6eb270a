"""Downloading a case's Word documents and its case file (卷宗) archive. Thin: find the case through the scoped
selector (another body's case is a 404), call one service, stream the result."""

from __future__ import annotations

import io
import os

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from fazhi.core.errors import DomainError
from fazhi.core.listing import get_or_404
from fazhi.enforcement.documents import document_generate
from fazhi.enforcement.enums import DocumentKind
from fazhi.enforcement.selectors.cases import case_get
from fazhi.enforcement.services.archive import case_file_export

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@require_GET
def document_download(request, public_id, kind):
    """One document as a .docx download; recorded (who, which document, its number and digest)."""
    if kind not in DocumentKind.values:
        raise Http404
    case = get_or_404(case_get, user=request.user, public_id=public_id)
    try:
        filename, data = document_generate(by=request.user, case=case, kind=kind)
    except DomainError as exc:
        messages.error(request, exc.display)
        return redirect("enforcement:case_detail", public_id=case.public_id)
    return FileResponse(io.BytesIO(data), as_attachment=True, filename=filename, content_type=DOCX)


@require_GET
def case_file_download(request, public_id):
    """The whole case file as one zip, streamed from a temporary file that is unlinked as soon as it is open (the
    open handle keeps its bytes until the response is done)."""
    case = get_or_404(case_get, user=request.user, public_id=public_id)
    filename, path = case_file_export(by=request.user, case=case)
    handle = open(path, "rb")  # noqa: SIM115 - FileResponse closes it when the download ends
    os.unlink(path)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type="application/zip")
