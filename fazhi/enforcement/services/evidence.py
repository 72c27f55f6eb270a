"""Evidence of a case: photos, documents, audio and body-camera video of several GB (issue 5, the whole-process
record), and the officer's acts on site that the field screens call.

Guarantees:
* A file is never whole in memory: an upload arrives in chunks of at most CHUNK_SIZE, each stored as its own object
  `uploads/<upload id>/<offset:016d>` in default storage (local disk or S3 alike, no local path is kept), and the
  chunks are stream-joined into the evidence file while its SHA-256 is computed.
* Resumable: a chunk is accepted only at the offset received so far (`UploadOffsetMismatch` otherwise, which carries
  the current offset); a broken chunk stores nothing and the client sends it again.
* Type checked by content (`filetype`, the file's first bytes): it must be a type of the evidence kind and agree with
  the claimed extension and declared MIME type; an .exe renamed .jpg is rejected — the upload is marked rejected with
  the reason, its chunks deleted, nothing enters the ledger.
* Evidence exists only complete: a truncated upload never creates one. The Evidence row and its ledger entry
  CASE_EVIDENCE_ADDED (which carries the file's digest and size) are written in one transaction.

Reads (scoped, another body's rows are a 404) are at the end of this module.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import os
import tempfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from fazhi.core.errors import DomainError, PermissionDenied
from fazhi.enforcement.enums import CaseStatus, EvidenceKind, LeadSource, UploadStatus
from fazhi.enforcement.ledger import record
from fazhi.enforcement.models import Case, CaseOfficer, Evidence, OnSiteRecord, Upload
from fazhi.enforcement.services import cases
from fazhi.orgs.scoping import scope_queryset
from fazhi.personnel.models import Officer
from fazhi.records.enums import Action
from fazhi.records.files import FileDigest

CHUNK_SIZE = 8 * 1024 * 1024  # the largest chunk body a PUT may carry
READ_SIZE = 1024 * 1024  # how much is read from a request or a stored object at a time
HEAD_SIZE = 8192  # filetype looks at no more than this many first bytes
MAX_SIZE = getattr(settings, "FAZHI_EVIDENCE_MAX_BYTES", 20 * 1024 ** 3)
# Cases on which evidence may be added: filed, not closed (a lead is not yet a case; XZCF-54).
FILED_STATUSES = (CaseStatus.INVESTIGATING, CaseStatus.NOTIFIED, CaseStatus.DECIDED, CaseStatus.SERVED,
                  CaseStatus.EXECUTED)

# What content each kind of evidence may be (filetype's extension names). A 书证 is a document or its scan.
PHOTO_TYPES = frozenset({"jpg", "png", "heic", "webp", "gif", "bmp", "tif", "avif"})
VIDEO_TYPES = frozenset({"mp4", "m4v", "mov", "3gp", "avi", "mkv", "webm", "wmv", "mpg", "flv"})
AUDIO_TYPES = frozenset({"mp3", "wav", "m4a", "aac", "amr", "ogg", "flac", "aiff"})
DOCUMENT_TYPES = frozenset({"pdf", "docx", "xlsx", "jpg", "png", "tif"})
KIND_TYPES = {
    EvidenceKind.PHOTO: PHOTO_TYPES,
    EvidenceKind.VIDEO: VIDEO_TYPES,
    EvidenceKind.AUDIO: AUDIO_TYPES,
    EvidenceKind.DOCUMENT: DOCUMENT_TYPES,
    EvidenceKind.OTHER: PHOTO_TYPES | VIDEO_TYPES | AUDIO_TYPES | DOCUMENT_TYPES | {"zip"},
}
# Other spellings of an extension a file may be named with.
ALIASES = {"jpeg": "jpg", "jpe": "jpg", "tiff": "tif", "heif": "heic", "qt": "mov", "mpeg": "mpg", "oga": "ogg",
           "aif": "aiff"}
# One ISO base-media container: which name filetype gives depends on the brand a camera writes, so a phone's .mp4
# may read as mov/m4v and an iPhone's .mov as mp4 — the same content either way.
ISO_VIDEO = frozenset({"mp4", "m4v", "mov", "3gp"})


class UploadOffsetMismatch(DomainError):
    """A chunk sent at another offset than the one received so far (HTTP 409 with the current offset)."""

    def __init__(self, offset: int):
        self.offset = offset
        super().__init__("upload_offset_mismatch", f"分片位置不符,服务器已接收 {offset} 字节,请从该位置续传",
                         field="offset")


class UploadRejected(DomainError):
    """The upload's content is not its claimed type: it is now rejected (HTTP 415)."""


# --- who may, on which case ----------------------------------------------------------------------------------------


def _check_handler(by, case: Case) -> None:
    """HANDLE_CASES roles of the case's own organisation (the system administrator anywhere)."""
    cases.check_may_act(by, case)


def _check_filed(case: Case) -> None:
    if case.status not in FILED_STATUSES:
        raise DomainError("case_not_filed", f"案件当前状态为“{case.get_status_display()}”,立案后、结案前才能调查取证",
                          rule="XZCF-54")


def _check_collected(*, case: Case, collected_on, collected_by) -> None:
    if not isinstance(collected_on, dt.date):
        raise DomainError("date_required", "请填写取证日期", field="collected_on")
    if collected_on > timezone.localdate():
        raise DomainError("date_in_future", "取证日期不能晚于今天", field="collected_on")
    earliest = case.violation_on or case.lead_received_on
    if earliest and collected_on < earliest:
        raise DomainError("date_order", f"取证日期不能早于{'违法行为发生日期' if case.violation_on else '案源登记日期'}"
                          f"({earliest.isoformat()})", field="collected_on")
    if collected_by is not None and collected_by.organisation_id != case.organisation_id:
        raise DomainError("collector_other_body", "取证人须为本单位执法人员", field="collected_by")


# --- type checked by content ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckedType:
    extension: str  # with the dot, as stored: ".jpg"
    mime: str


def claimed_extension(filename: str) -> str:
    """The extension a file name claims, lower case and without aliases ("" when it claims none)."""
    base = os.path.basename(filename or "")
    if "." not in base:
        return ""
    ext = base.rsplit(".", 1)[-1].lower()
    return ALIASES.get(ext, ext)


def _same_type(claimed: str, detected: str) -> bool:
    return claimed == detected or (claimed in ISO_VIDEO and detected in ISO_VIDEO)


def check_claim(*, kind: str, filename: str) -> None:
    """Before a byte is sent: the claimed extension must be one of the kind's types."""
    if kind not in KIND_TYPES:
        raise DomainError("kind_invalid", "请选择证据类型", field="kind")
    claimed = claimed_extension(filename)
    allowed = KIND_TYPES[kind]
    if claimed and not any(_same_type(claimed, t) for t in allowed):
        raise DomainError("type_not_allowed",
                          f"“{EvidenceKind(kind).label}”不接受 .{claimed} 文件(可接受:{'、'.join(sorted(allowed))})",
                          field="file")


def check_content(*, head: bytes, kind: str, filename: str, declared_type: str = "") -> CheckedType:
    """The file's type from its first bytes. It must be a type of `kind`, the type the file name claims, and of the
    declared MIME type's family (image/video/audio/application); otherwise DomainError("type_mismatch")."""
    check_claim(kind=kind, filename=filename)
    guess = filetype.guess(head[:HEAD_SIZE]) if head else None
    if guess is None:
        raise DomainError("type_unknown", "无法从文件内容识别文件类型,不能作为该类证据上传", field="file")
    detected = guess.extension
    claimed = claimed_extension(filename)
    if not any(_same_type(detected, t) for t in KIND_TYPES[kind]):
        raise DomainError("type_mismatch",
                          f"文件内容为 {detected} 类型,不是“{EvidenceKind(kind).label}”可接受的类型", field="file")
    if claimed and not _same_type(claimed, detected):
        raise DomainError("type_mismatch", f"文件名声称为 .{claimed},但文件内容为 {detected} 类型", field="file")
    declared = (declared_type or "").split(";", 1)[0].strip().lower()
    if declared and declared != "application/octet-stream" and declared.split("/", 1)[0] != guess.mime.split("/")[0]:
        raise DomainError("type_mismatch", f"声明的文件类型为 {declared},但文件内容为 {guess.mime}", field="file")
    return CheckedType(extension=f".{detected}", mime=guess.mime)


# --- streaming ------------------------------------------------------------------------------------------------------


class _PiecesReader(io.RawIOBase):
    """A read-only, non-seekable file over an iterator of byte pieces: what default_storage.save() streams from (the
    local disk writes it in chunks; S3 uploads it in parts). Nothing but one piece is held at a time."""

    def __init__(self, pieces):
        super().__init__()
        self._pieces = iter(pieces)
        self._piece = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not len(self._piece):
            try:
                self._piece = memoryview(next(self._pieces))
            except StopIteration:
                return 0
        n = min(len(buffer), len(self._piece))
        buffer[:n] = self._piece[:n]
        self._piece = self._piece[n:]
        return n


class _StreamFile(File):
    DEFAULT_CHUNK_SIZE = READ_SIZE


class _Digest:
    """SHA-256 and size of the pieces that pass through `feed`."""

    def __init__(self):
        self.sha = hashlib.sha256()
        self.size = 0

    def feed(self, pieces):
        for piece in pieces:
            self.sha.update(piece)
            self.size += len(piece)
            yield piece

    @property
    def hexdigest(self) -> str:
        return self.sha.hexdigest()


def _save_stream(name: str, pieces) -> str:
    """Write the pieces to default storage under exactly `name` (which must be free)."""
    reader = io.BufferedReader(_PiecesReader(pieces), buffer_size=READ_SIZE)
    saved = default_storage.save(name, _StreamFile(reader, name=name))
    if saved != name:  # the storage chose another name: someone wrote there meanwhile
        default_storage.delete(saved)
        raise DomainError("storage_conflict", "存储位置冲突,请重试")
    return saved


def _evidence_name(evidence: Evidence, original_name: str) -> str:
    return evidence.file.field.generate_filename(evidence, original_name)


def _record_evidence(*, by, evidence: Evidence, upload: Upload | None, sha256: str):
    """The ledger entry CASE_EVIDENCE_ADDED (the case's body's ledger) with the stored file's digest as computed while
    it was written to storage (passed as a FileDigest, so a multi-GB file is not read a second time inside the
    transaction; `records_verify --check-files` re-reads stored files against the record)."""
    entry = record(
        evidence.case, by=by, action=Action.CASE_EVIDENCE_ADDED,
        payload={"evidence_id": str(evidence.public_id), "kind": evidence.kind, "title": evidence.title,
                 "collected_on": evidence.collected_on.isoformat(), "location": evidence.location,
                 "collected_by": evidence.collected_by.name if evidence.collected_by else "",
                 "original_name": evidence.original_name, "content_type": evidence.content_type,
                 "size": evidence.size, "sha256": evidence.sha256,
                 "upload_id": str(upload.public_id) if upload else None},
        files=[FileDigest(name=evidence.file.name, sha256=sha256, size=evidence.size, stored=True)])
    return entry


# --- the simple path: one form upload of a small file ---------------------------------------------------------------


@transaction.atomic
def evidence_add(*, by, case: Case, file, kind: str, title: str, collected_on: dt.date, description: str = "",
                 location: str = "", collected_by: Officer | None = None) -> Evidence:
    """Add one piece of evidence from a form upload (`file` is Django's UploadedFile: in memory when small, a temp
    file when big). Same checks and record as a resumable upload; the file is streamed to storage once while its
    SHA-256 is computed."""
    _check_handler(by, case)
    _check_filed(case)
    _check_collected(case=case, collected_on=collected_on, collected_by=collected_by)
    if not (title or "").strip():
        raise DomainError("title_required", "请填写证据名称", field="title")
    if file is None or not file.size:
        raise DomainError("file_required", "请选择文件", field="file")
    if file.size > MAX_SIZE:
        raise DomainError("file_too_big", "文件过大", field="file")
    file.seek(0)
    head = file.read(HEAD_SIZE)
    checked = check_content(head=head, kind=kind, filename=file.name,
                            declared_type=getattr(file, "content_type", "") or "")
    evidence = Evidence(case=case, kind=kind, title=title.strip(), description=description, collected_on=collected_on,
                        location=location, collected_by=collected_by, original_name=os.path.basename(file.name)[:255],
                        content_type=checked.mime, extension=checked.extension, created_by=by)
    digest = _Digest()
    name = _evidence_name(evidence, evidence.original_name)
    file.seek(0)
    saved = _save_stream(name, digest.feed(file.chunks(READ_SIZE)))
    try:
        evidence.file.name = saved
        evidence.size, evidence.sha256 = digest.size, digest.hexdigest
        evidence.save()
        _record_evidence(by=by, evidence=evidence, upload=None, sha256=digest.hexdigest)
    except BaseException:
        default_storage.delete(saved)  # the transaction rolls back: no file without its row and entry
        raise
    return evidence


# --- the resumable path ---------------------------------------------------------------------------------------------


def chunk_name(upload: Upload, offset: int) -> str:
    return f"uploads/{upload.public_id}/{offset:016d}"


@transaction.atomic
def upload_create(*, by, case: Case, filename: str, size: int, kind: str, title: str, collected_on: dt.date,
                  declared_type: str = "", description: str = "", location: str = "",
                  collected_by: Officer | None = None) -> Upload:
    """Open a resumable upload of one piece of evidence; nothing is recorded until it completes. Its claimed type is
    checked now (before a byte is sent) and its content when the first chunk arrives."""
    _check_handler(by, case)
    _check_filed(case)
    _check_collected(case=case, collected_on=collected_on, collected_by=collected_by)
    filename = os.path.basename((filename or "").replace("\\", "/")).strip()[:255]
    if not filename:
        raise DomainError("filename_required", "缺少文件名", field="filename")
    if not (title or "").strip():
        raise DomainError("title_required", "请填写证据名称", field="title")
    if not isinstance(size, int) or size <= 0:
        raise DomainError("size_invalid", "文件大小无效", field="size")
    if size > MAX_SIZE:
        raise DomainError("file_too_big", f"文件过大(上限 {MAX_SIZE // 1024 ** 3} GB)", field="size")
    check_claim(kind=kind, filename=filename)
    return Upload.objects.create(
        case=case, created_by=by, filename=filename, declared_type=(declared_type or "")[:100], kind=kind,
        total_size=size,
        metadata={"title": title.strip(), "description": description or "", "collected_on": collected_on.isoformat(),
                  "location": location or "",
                  "collected_by": str(collected_by.public_id) if collected_by else None})


def _read_exactly(stream, length: int, into) -> int:
    """Copy up to `length` bytes of `stream` into the file `into`; a broken connection just ends the copy."""
    got = 0
    while got < length:
        try:
            piece = stream.read(min(READ_SIZE, length - got))
        except OSError:  # UnreadablePostError included: the client went away mid-body
            break
        if not piece:
            break
        into.write(piece)
        got += len(piece)
    return got


def _delete_chunks(upload: Upload) -> None:
    """Delete the upload's stored chunks (contiguous from offset 0; any leftover of a failed write too)."""
    folder = f"uploads/{upload.public_id}"
    try:
        _dirs, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        default_storage.delete(f"{folder}/{name}")
    with contextlib.suppress(OSError):  # a local disk leaves the empty directory behind
        default_storage.delete(folder)


def _reject(upload: Upload, reason: str) -> None:
    with transaction.atomic():
        locked = Upload.objects.select_for_update().get(pk=upload.pk)
        if locked.status == UploadStatus.RECEIVING:
            locked.status = UploadStatus.REJECTED
            locked.rejected_reason = reason[:300]
            locked.save(update_fields=["status", "rejected_reason", "updated_at"])
    _delete_chunks(upload)
    upload.status, upload.rejected_reason = UploadStatus.REJECTED, reason[:300]


def _check_receiving(upload: Upload) -> None:
    if upload.status == UploadStatus.REJECTED:
        raise UploadRejected("upload_rejected", f"该上传已被拒收:{upload.rejected_reason}")
    if upload.status == UploadStatus.COMPLETE:
        raise DomainError("upload_complete", "该文件已上传完成")


def upload_chunk(*, by, upload: Upload, offset: int, stream, length: int) -> Upload:
    """Store one chunk of `length` bytes read from `stream` (the request body, read in pieces) at `offset`.

    The body is spooled (in memory up to 1 MiB, then a temp file) before any lock is taken, so a slow phone holds no
    database lock; then, under the upload's row lock, the offset is checked again and the chunk stored. The chunk
    at offset 0 is type-checked at once (an .exe renamed .jpg is rejected before gigabytes follow). When the last
    byte has arrived the upload is finished (upload_finish). Not one transaction: see upload_finish."""
    if upload.created_by_id != getattr(by, "pk", None):
        raise PermissionDenied("只能续传自己创建的上传")
    _check_handler(by, upload.case)
    _check_receiving(upload)
    if offset != upload.received:
        raise UploadOffsetMismatch(upload.received)
    if length <= 0 or length > CHUNK_SIZE:
        raise DomainError("chunk_size_invalid", f"分片大小须在 1 至 {CHUNK_SIZE} 字节之间", field="length")
    if offset + length > upload.total_size:
        raise DomainError("chunk_beyond_end", "分片超出文件大小", field="length")
    with tempfile.SpooledTemporaryFile(max_size=READ_SIZE) as spool:
        got = _read_exactly(stream, length, spool)
        if got != length:
            raise DomainError("chunk_truncated", f"分片不完整(收到 {got}/{length} 字节),请从 {offset} 续传")
        if offset == 0:
            spool.seek(0)
            head = spool.read(HEAD_SIZE)
            if len(head) >= min(HEAD_SIZE, upload.total_size):
                try:
                    check_content(head=head, kind=upload.kind, filename=upload.filename,
                                  declared_type=upload.declared_type)
                except DomainError as exc:
                    _reject(upload, exc.message)
                    raise UploadRejected(exc.code, exc.message, field="file") from exc
        spool.seek(0)
        with transaction.atomic():
            locked = Upload.objects.select_for_update().get(pk=upload.pk)
            _check_receiving(locked)
            if offset != locked.received:
                raise UploadOffsetMismatch(locked.received)
            name = chunk_name(locked, offset)
            if default_storage.exists(name):  # left by a write whose row update did not commit
                default_storage.delete(name)
            _save_stream(name, iter(lambda: spool.read(READ_SIZE), b""))
            locked.received = offset + length
            locked.chunk_count += 1
            locked.save(update_fields=["received", "chunk_count", "updated_at"])
    upload.received, upload.chunk_count = locked.received, locked.chunk_count
    if upload.received == upload.total_size:
        upload_finish(by=by, upload=upload)
    return upload


def _stored_pieces(upload: Upload):
    """The stored chunks in order, read in pieces: each chunk starts where the one before ended."""
    offset = 0
    while offset < upload.total_size:
        name = chunk_name(upload, offset)
        try:
            handle = default_storage.open(name, "rb")
        except FileNotFoundError as exc:
            raise DomainError("chunk_missing", f"缺少自 {offset} 字节起的分片,请从该位置续传") from exc
        size = 0
        with handle:
            for piece in iter(lambda h=handle: h.read(READ_SIZE), b""):
                size += len(piece)
                yield piece
        if not size:
            raise DomainError("chunk_missing", f"自 {offset} 字节起的分片为空")
        offset += size


def _head(upload: Upload) -> bytes:
    head = b""
    for piece in _stored_pieces(upload):
        head += piece[: HEAD_SIZE - len(head)]
        if len(head) >= HEAD_SIZE:
            break
    return head


def upload_finish(*, by, upload: Upload) -> Evidence:
    """Turn a complete upload into Evidence: check the content type, stream-join the chunks into the evidence file
    while computing its SHA-256, then in ONE transaction create the Evidence row, append CASE_EVIDENCE_ADDED with the
    file's digest and mark the upload complete; the chunks are deleted after the commit. Idempotent: a finished
    upload returns its evidence.

    Refused (nothing created, nothing recorded): an upload not complete ("upload_incomplete" — a truncated upload
    never becomes evidence), content not of its claimed type (the upload is rejected and its chunks deleted).
    The join of gigabytes runs outside any transaction, so no database lock is held while it is written; a second
    finish racing this one finds the upload complete under the row lock and discards its own copy."""
    if upload.created_by_id != getattr(by, "pk", None):
        raise PermissionDenied("只能完成自己创建的上传")
    upload.refresh_from_db()
    if upload.status == UploadStatus.COMPLETE and upload.evidence_id:
        return upload.evidence
    _check_receiving(upload)
    case = upload.case
    _check_handler(by, case)
    _check_filed(case)
    if upload.received < upload.total_size:
        raise DomainError("upload_incomplete",
                          f"文件尚未上传完整(已接收 {upload.received}/{upload.total_size} 字节),不能作为证据保存")
    try:
        checked = check_content(head=_head(upload), kind=upload.kind, filename=upload.filename,
                                declared_type=upload.declared_type)
    except DomainError as exc:
        if exc.code == "chunk_missing":
            raise
        _reject(upload, exc.message)
        raise UploadRejected(exc.code, exc.message, field="file") from exc
    meta = upload.metadata
    collected_by = Officer.objects.filter(public_id=meta["collected_by"]).first() if meta.get("collected_by") else None
    evidence = Evidence(case=case, kind=upload.kind, title=meta["title"], description=meta.get("description", ""),
                        collected_on=dt.date.fromisoformat(meta["collected_on"]), location=meta.get("location", ""),
                        collected_by=collected_by, original_name=upload.filename, content_type=checked.mime,
                        extension=checked.extension, created_by=by)
    digest = _Digest()
    saved = _save_stream(_evidence_name(evidence, upload.filename), digest.feed(_stored_pieces(upload)))
    try:
        if digest.size != upload.total_size:
            raise DomainError("upload_incomplete", f"分片合计 {digest.size} 字节,与文件大小 {upload.total_size} 不符")
        with transaction.atomic():
            locked = Upload.objects.select_for_update().get(pk=upload.pk)
            if locked.status == UploadStatus.COMPLETE:  # a concurrent finish won
                default_storage.delete(saved)
                return locked.evidence
            _check_receiving(locked)
            evidence.file.name = saved
            evidence.size, evidence.sha256 = digest.size, digest.hexdigest
            evidence.save()
            _record_evidence(by=by, evidence=evidence, upload=locked, sha256=digest.hexdigest)
            locked.status, locked.evidence = UploadStatus.COMPLETE, evidence
            locked.save(update_fields=["status", "evidence", "updated_at"])
            transaction.on_commit(lambda: _delete_chunks(locked))
    except BaseException:
        if not Evidence.objects.filter(file=saved).exists():
            default_storage.delete(saved)
        raise
    upload.status, upload.evidence = UploadStatus.COMPLETE, evidence
    return evidence


# --- on site: open a case, the on-site record -----------------------------------------------------------------------


@transaction.atomic
def case_field_open(*, by, body, title: str, category, party_type: str, party_name: str, lead_summary: str,
                    power_item, legal_bases, officers, filed_on: dt.date, discovered_on: dt.date,
                    violation_on: dt.date | None = None, facts: str = "", party_id_number: str = "",
                    party_address: str = "", party_phone: str = "") -> Case:
    """现场立案: register the lead found on site (source: inspection) and file it at once, in one transaction — a
    refused filing (XZCF-42 officers, XZCF-36 limitation, power item …) leaves no lead behind either."""
    case = cases.case_lead_register(
        by=by, body=body, title=title, lead_source=LeadSource.INSPECTION, lead_received_on=filed_on,
        lead_summary=lead_summary, category=category, party_type=party_type, party_name=party_name,
        party_id_number=party_id_number, party_address=party_address, party_phone=party_phone)
    return cases.case_file(by=by, case=case, filed_on=filed_on, power_item=power_item, legal_bases=legal_bases,
                           officers=officers, discovered_on=discovered_on, violation_on=violation_on, facts=facts)


def onsite_record_add(*, by, case: Case, **fields) -> OnSiteRecord:
    """The on-site record (XZCF-42, XZCF-52/55): the contract's service, in the lead's module."""
    return cases.onsite_record_add(by=by, case=case, **fields)


# --- reads (scoped: another body's rows are not found, which views answer with 404) ---------------------------------


def case_for_evidence(*, user, public_id) -> Case:
    return scope_queryset(Case.objects.select_related("organisation", "body"), user).get(public_id=public_id)


def evidence_list(*, user, case: Case) -> QuerySet[Evidence]:
    qs = Evidence.objects.filter(case=case).select_related("collected_by", "created_by", "case")
    return scope_queryset(qs, user, org_field="case__organisation")


def evidence_get(*, user, public_id) -> Evidence:
    qs = Evidence.objects.select_related("case", "case__organisation", "collected_by", "created_by")
    return scope_queryset(qs, user, org_field="case__organisation").get(public_id=public_id)


def upload_get(*, user, public_id) -> Upload:
    """An upload is its creator's: nobody else resumes or finishes it."""
    qs = Upload.objects.select_related("case", "case__organisation").filter(created_by_id=getattr(user, "pk", None))
    return scope_queryset(qs, user, org_field="case__organisation").get(public_id=public_id)


def field_cases(*, user) -> QuerySet[Case]:
    """The field screen's list: open cases of the user's organisation, those the user is an officer of first."""
    qs = scope_queryset(Case.objects.select_related("body", "category"), user)
    qs = qs.filter(status__in=(CaseStatus.INVESTIGATING, CaseStatus.NOTIFIED))
    officer = Officer.objects.filter(user_id=getattr(user, "pk", None)).first()
    if officer is not None:
        mine = CaseOfficer.objects.filter(officer=officer, active=True).values("case_id")
        qs = qs.filter(pk__in=mine)
    return qs.order_by("-updated_at")


def collector_choices(*, case: Case) -> QuerySet[Officer]:
    """Who may be named as the collector: the case's officers first, then the organisation's officers."""
    return Officer.objects.filter(organisation_id=case.organisation_id).order_by("name")


def certificate_choices(*, case: Case) -> list[tuple[str, str]]:
    """(number, label) of the certificates the case's active officers were assigned under (XZCF-52/55)."""
    rows = CaseOfficer.objects.filter(case=case, active=True).select_related("officer", "certificate")
    return [(co.certificate.number, f"{co.officer.name} · {co.certificate.number}") for co in rows]


# --- abandoned uploads -------------------------------------------------------------------------------------------

ABANDONED_AFTER_DAYS = 7


def uploads_prune(*, now=None, older_than_days: int = ABANDONED_AFTER_DAYS) -> int:
    """Delete the stored chunks of uploads that were never finished and have not moved for `older_than_days`, and
    mark them rejected (nothing of them is evidence or in the ledger). Returns how many were pruned."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=older_than_days)
    pruned = 0
    for upload in Upload.objects.filter(status=UploadStatus.RECEIVING, updated_at__lt=cutoff).iterator():
        _delete_chunks(upload)
        Upload.objects.filter(pk=upload.pk, status=UploadStatus.RECEIVING).update(
            status=UploadStatus.REJECTED, rejected_reason=f"超过{older_than_days}日未完成,已清理", updated_at=now)
        pruned += 1
    return pruned
