"""Word documents generated from a case's data (立案审批表, 行政处罚事先告知书, 听证通知书, 行政处罚决定书, 送达回证).

`document_render(case, kind)` builds the bytes (and refuses with DomainError("document_not_ready") when the rows
the document is made from do not exist yet); `document_generate(by=, case=, kind=)` is the service a download goes
through: it renders and records who took which document, with its number and the SHA-256 of the bytes delivered.
"""

from __future__ import annotations

import hashlib

from django.db import transaction

from fazhi.core.errors import DomainError, PermissionDenied
from fazhi.enforcement.documents.builders import BUILDERS, Rendered
from fazhi.enforcement.enums import DocumentKind
from fazhi.enforcement.ledger import record
from fazhi.enforcement.models import Case
from fazhi.orgs.scoping import scope_queryset
from fazhi.records.enums import Action

__all__ = ["Rendered", "document_generate", "document_render", "documents_ready"]


def document_render(case: Case, kind: str) -> Rendered:
    """The document of `kind` for `case`. Same rows, same bytes (docs/records.md: the digest is of these bytes)."""
    if kind not in BUILDERS:
        raise DomainError("unknown_document", f"未知的文书种类:{kind}", field="kind")
    return BUILDERS[DocumentKind(kind)](case)


def documents_ready(case: Case) -> list[Rendered]:
    """Every document that can be generated for the case now, in the order of the procedure."""
    out = []
    for kind in BUILDERS:
        try:
            out.append(document_render(case, kind))
        except DomainError as exc:
            if exc.code != "document_not_ready":
                raise
    return out


def ensure_visible(*, by, case: Case) -> None:
    """The services re-check scope: a user reaches only the cases of organisations they may see."""
    if not scope_queryset(Case.objects.filter(pk=case.pk), by).exists():
        raise PermissionDenied("无权查看该案件")


@transaction.atomic
def document_generate(*, by, case: Case, kind: str) -> tuple[str, bytes]:
    """Render a document for download and record it (Action.CASE_DOCUMENT_GENERATED: kind, title, number,
    sha256 and size of the bytes returned). Refused, and nothing recorded, when the data is not there yet."""
    ensure_visible(by=by, case=case)
    rendered = document_render(case, kind)
    record(case, by=by, action=Action.CASE_DOCUMENT_GENERATED, payload={
        "kind": rendered.kind, "title": rendered.title, "number": rendered.number, "filename": rendered.filename,
        "sha256": hashlib.sha256(rendered.data).hexdigest(), "size": len(rendered.data),
    })
    return rendered.filename, rendered.data
