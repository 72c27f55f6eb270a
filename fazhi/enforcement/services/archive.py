"""The case file (卷宗) as one zip archive that can be checked offline (docs/records.md, "The case-file archive").

    documents/NN-<title>-<number>.docx   every document that can be generated for the case now
    evidence/NNN-<evidence UUID><ext>    each evidence file, streamed from storage (never whole in memory)
    ledger/entries.jsonl                 the ledger entries about the case and its objects, each with the exact
                                         body that was hashed, so every entry's hash can be recomputed
    SHA256SUMS                           the files above in `sha256sum -c` format
    manifest.json                        every file above with its SHA-256 and size, the case, the ledger head at
                                         export time, and for each evidence file the entry that recorded its digest

The archive is written to a temporary file with ZIP64 on: evidence of several GB passes through in 1 MiB chunks.
`fazhi.enforcement.case_file_check` (standard library only; also scripts/verify_case_file.py and
`manage.py case_file_verify`) re-checks it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from fazhi.enforcement.case_file_check import FORMAT, canonical_json
from fazhi.enforcement.documents import documents_ready, ensure_visible
from fazhi.enforcement.ledger import case_ledger, record
from fazhi.enforcement.models import Case, Evidence
from fazhi.records.enums import Action
from fazhi.records.files import CHUNK_SIZE
from fazhi.records.models import Entry, Ledger
from fazhi.records.services import entry_body

MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
ENTRIES = "ledger/entries.jsonl"


def _subject_ids(case: Case) -> set[str]:
    """The public ids of the case and of every row that belongs to it (the subjects of its ledger entries)."""
    ids = {str(case.public_id)}
    for relation in Case._meta.related_objects:
        model = relation.related_model
        if not any(f.name == "public_id" for f in model._meta.get_fields()):
            continue
        ids.update(str(v) for v in model._default_manager.filter(**{relation.field.name: case})
                   .values_list("public_id", flat=True))
    decision = getattr(case, "decision", None) if hasattr(case, "decision") else None
    if decision is not None and hasattr(decision, "publication"):
        ids.add(str(decision.publication.public_id))
    return ids


def _heads(case: Case, subject_ids: set[str]) -> dict[str, tuple[int, str, str]]:
    """{ledger key: (head seq, head hash, name)} now: entries beyond these heads are left out of the archive, so
    the archive is one consistent cut even while the body goes on working."""
    keys = set(Entry.objects.filter(subject_id__in=subject_ids).values_list("ledger__key", flat=True).distinct())
    keys.add(case_ledger(case)[0])
    return {key: (seq, head, name) for key, seq, head, name in
            Ledger.objects.filter(key__in=keys).values_list("key", "head_seq", "head_hash", "name")}


def _entries(subject_ids: set[str], heads: dict) -> list[dict]:
    rows = []
    for key, (head_seq, _hash, _name) in sorted(heads.items()):
        qs = (Entry.objects.filter(ledger__key=key, subject_id__in=subject_ids, seq__lte=head_seq).order_by("seq")
              .values_list("seq", "prev_hash", "hash", "actor_name", "action", "subject_type", "subject_id",
                           "payload", "files", "recorded_at"))
        for seq, prev_hash, digest, actor, action, subject_type, subject_id, payload, files, recorded_at in qs:
            body = entry_body(ledger_key=key, seq=seq, actor_name=actor, action=action, subject_type=subject_type,
                              subject_id=subject_id, payload=payload, recorded_at=recorded_at.astimezone(dt.UTC),
                              files=files or None)
            rows.append({"ledger": key, "seq": seq, "prev_hash": prev_hash, "hash": digest, "body": body})
    return rows


def _recording_entry(evidence: Evidence, entries: list[dict]) -> dict | None:
    """The first entry whose attached files include this evidence's stored file (by storage name; failing that,
    by the digest the evidence row holds)."""
    for match in (lambda f: f.get("name") == evidence.file.name,
                  lambda f: bool(evidence.sha256) and f.get("sha256") == evidence.sha256):
        for entry in entries:
            for item in entry["body"].get("files") or ():
                if match(item):
                    return {"ledger": entry["ledger"], "seq": entry["seq"], "hash": entry["hash"],
                            "file_name": item["name"]}
    return None


@dataclass
class _Writer:
    """Adds members to the archive and keeps each one's SHA-256 and size for the manifest."""

    zf: zipfile.ZipFile
    date_time: tuple
    files: list = field(default_factory=list)

    def _info(self, name: str, compress: int) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=self.date_time)
        info.compress_type = compress
        info.external_attr = 0o644 << 16
        return info

    def put_bytes(self, name: str, data: bytes, *, listed: bool = True) -> str:
        self.zf.writestr(self._info(name, zipfile.ZIP_DEFLATED), data)
        digest = hashlib.sha256(data).hexdigest()
        if listed:
            self.files.append({"path": name, "sha256": digest, "size": len(data)})
        return digest

    def put_stream(self, name: str, source) -> dict:
        """Copy an open binary file into the archive in chunks, hashing on the way. Media is stored, not
        deflated: body-camera video does not compress, and storing keeps a multi-GB export I/O-bound."""
        digest, size = hashlib.sha256(), 0
        with self.zf.open(self._info(name, zipfile.ZIP_STORED), "w", force_zip64=True) as target:
            while chunk := source.read(CHUNK_SIZE):
                digest.update(chunk)
                size += len(chunk)
                target.write(chunk)
        item = {"path": name, "sha256": digest.hexdigest(), "size": size}
        self.files.append(item)
        return item


def _temp_path() -> str:
    fd, path = tempfile.mkstemp(prefix="case-file-", suffix=".zip", dir=settings.FILE_UPLOAD_TEMP_DIR or None)
    os.close(fd)
    return path


def _archive_name(case: Case) -> str:
    return f"卷宗-{(case.number or str(case.public_id)).replace('/', '-')}.zip"


def _build(*, by, case: Case, path: str, exported_at: dt.datetime) -> tuple[dict, bytes]:
    subject_ids = _subject_ids(case)
    heads = _heads(case, subject_ids)
    entries = _entries(subject_ids, heads)
    ledger_key, _ = case_ledger(case)
    local = timezone.localtime(exported_at)
    date_time = (local.year, local.month, local.day, local.hour, local.minute, local.second)
    documents, evidence_items = [], []
    with zipfile.ZipFile(path, "w", allowZip64=True) as zf:
        writer = _Writer(zf, date_time)
        for index, doc in enumerate(documents_ready(case), 1):
            name = f"documents/{index:02d}-{doc.filename}"
            writer.put_bytes(name, doc.data)
            documents.append({"path": name, "kind": doc.kind, "title": doc.title, "number": doc.number})
        evidence_qs = (case.evidence.exclude(file="").select_related("collected_by")
                       .order_by("collected_on", "id"))
        for index, evidence in enumerate(evidence_qs.iterator(), 1):
            name = f"evidence/{index:03d}-{evidence.public_id}{evidence.extension}"
            with evidence.file.storage.open(evidence.file.name, "rb") as source:
                item = writer.put_stream(name, source)
            evidence_items.append({
                "path": name, "public_id": str(evidence.public_id), "title": evidence.title,
                "kind": evidence.kind, "original_name": evidence.original_name,
                "collected_on": evidence.collected_on.isoformat(), "stored_name": evidence.file.name,
                "sha256": item["sha256"], "size": item["size"],
                "recorded": _recording_entry(evidence, entries),
            })
        lines = b"".join(canonical_json(entry) + b"\n" for entry in entries)
        writer.put_bytes(ENTRIES, lines)
        sums = "".join(f"{f['sha256']}  {f['path']}\n" for f in writer.files).encode()
        writer.put_bytes(SUMS, sums)
        manifest = {
            "format": FORMAT,
            "case": {"public_id": str(case.public_id), "number": case.number, "title": case.title,
                     "body": case.body.name, "status": case.status, "party_name": case.party_name},
            "exported_at": exported_at.astimezone(dt.UTC).isoformat(),
            "exported_by": getattr(by, "display_name", "") or getattr(by, "username", ""),
            "ledger": {"key": ledger_key, "name": heads[ledger_key][2], "head_seq": heads[ledger_key][0],
                       "head_hash": heads[ledger_key][1]},
            "ledger_heads": {key: {"head_seq": seq, "head_hash": head} for key, (seq, head, _n) in heads.items()},
            "entries": {"path": ENTRIES, "count": len(entries)},
            "documents": documents,
            "evidence": evidence_items,
            "files": writer.files,
        }
        manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
        writer.put_bytes(MANIFEST, manifest_bytes, listed=False)
    return manifest, manifest_bytes


def _file_digest(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK_SIZE):
            digest.update(chunk)
    return digest.hexdigest()


def case_file_export(*, by, case: Case) -> tuple[str, str]:
    """Write the case file archive to a temporary file and record the export (Action.CASE_FILE_EXPORTED with the
    SHA-256 of the manifest and of the whole archive). Returns (download name, path of the temporary file); the
    caller owns the file and deletes it when done (the download view unlinks it once it is open).

    The archive is written before the record's transaction opens, so that copying gigabytes of evidence never
    holds a transaction (or the ledger's lock) open; its ledger section stops at the heads read at the start, and
    the entry recording the export follows them."""
    ensure_visible(by=by, case=case)
    path = _temp_path()
    try:
        manifest, manifest_bytes = _build(by=by, case=case, path=path, exported_at=timezone.now())
        with transaction.atomic():
            record(case, by=by, action=Action.CASE_FILE_EXPORTED, payload={
                "filename": _archive_name(case),
                "manifest_sha256": hashlib.sha256(manifest_bytes).hexdigest(),
                "archive_sha256": _file_digest(path),
                "archive_size": os.path.getsize(path),
                "files": len(manifest["files"]) + 1,
                "entries": manifest["entries"]["count"],
                "ledger_head_seq": manifest["ledger"]["head_seq"],
                "ledger_head_hash": manifest["ledger"]["head_hash"],
            })
    except BaseException:
        os.unlink(path)
        raise
    return _archive_name(case), path
