"""Appending to the whole-process record. Call inside the caller's transaction (DESIGN.md mechanism 2)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from fazhi.records.enums import Action
from fazhi.records.files import digest_file
from fazhi.records.models import Entry, Ledger, LedgerHeadPublication

OFFICE_LEDGER_KEY = "office"


def _json_default(value: Any):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (UUID, Decimal)):
        return str(value)
    raise TypeError(f"not serialisable in a record payload: {type(value).__name__}")


def canonical_json(data: dict) -> bytes:
    """Sorted keys, no insignificant white space, UTF-8: the bytes that are hashed."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_json_default).encode()


def entry_digest(*, prev_hash: str, body: dict) -> str:
    """hash = SHA-256(prev_hash as 64 ASCII hex digits ‖ canonical JSON of the body), as hex (docs/records.md)."""
    return hashlib.sha256(prev_hash.encode("ascii") + canonical_json(body)).hexdigest()


def entry_body(*, ledger_key: str, seq: int, actor_name: str, action: str, subject_type: str, subject_id: str,
               payload: dict, recorded_at: dt.datetime, files: list[dict] | None = None) -> dict:
    """The hashed body of an entry (docs/records.md). `files` appears only when the entry has attached files, so
    entries written before files were recorded keep their hashes."""
    body = {
        "ledger": ledger_key,
        "seq": seq,
        "actor": actor_name,
        "action": str(action),
        "subject_type": subject_type,
        "subject_id": str(subject_id),
        "payload": payload,
        "recorded_at": recorded_at.isoformat(),
    }
    if files:
        body["files"] = files
    return body


def _actor_name(actor) -> str:
    return getattr(actor, "display_name", None) or getattr(actor, "username", "") or "system"


def ledger_get_or_create(*, key: str, name: str) -> Ledger:
    ledger, _ = Ledger.objects.get_or_create(key=key, defaults={"name": name})
    return ledger


def append(
    *,
    ledger_key: str,
    ledger_name: str,
    actor,
    action: Action,
    subject_type: str,
    subject_id: str,
    payload: dict | None = None,
    files: list | tuple = (),
) -> Entry:
    """Append one entry to a ledger's chain inside the caller's transaction.

    The ledger row is locked (SELECT … FOR UPDATE; on SQLite the write transaction itself), so concurrent appends
    to one ledger never fork or skip a number. `files` are storage names or Django File objects: each is read in
    chunks once, and its SHA-256 and size go into the hashed body."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("records.append must run inside the transaction of the change it records")
    file_digests = [digest_file(item).as_dict() for item in files]  # before the lock: reading may be slow
    ledger_get_or_create(key=ledger_key, name=ledger_name)
    ledger = Ledger.objects.select_for_update().get(key=ledger_key)
    seq = ledger.head_seq + 1
    recorded_at = timezone.now()
    actor_name = _actor_name(actor)
    payload = json.loads(canonical_json(payload or {}))
    body = entry_body(ledger_key=ledger.key, seq=seq, actor_name=actor_name, action=action,
                      subject_type=subject_type, subject_id=subject_id, payload=payload, recorded_at=recorded_at,
                      files=file_digests)
    digest = entry_digest(prev_hash=ledger.head_hash, body=body)
    entry = Entry.objects.create(
        ledger=ledger,
        seq=seq,
        prev_hash=ledger.head_hash,
        hash=digest,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=actor_name,
        action=str(action),
        subject_type=subject_type,
        subject_id=str(subject_id),
        payload=payload,
        files=file_digests,
        recorded_at=recorded_at,
    )
    Ledger.objects.filter(pk=ledger.pk).update(head_seq=seq, head_hash=digest)
    return entry


def append_many(*, ledger_key: str, ledger_name: str, actor, items: list[dict]) -> int:
    """Append several entries to one ledger's chain in one insert: the bulk form of `append`, for services that
    write rows in bulk (docs/adr/0004). Each item has action, subject_type, subject_id and payload (and optionally
    files); the entries are chained in the given order and hashed exactly as `append` hashes them, so verification
    cannot tell them apart. Returns the number of entries appended."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("records.append_many must run inside the transaction of the change it records")
    if not items:
        return 0
    digests = [[digest_file(f).as_dict() for f in item.get("files") or ()] for item in items]
    ledger_get_or_create(key=ledger_key, name=ledger_name)
    ledger = Ledger.objects.select_for_update().get(key=ledger_key)
    recorded_at = timezone.now()
    actor_name = _actor_name(actor)
    actor_fk = actor if getattr(actor, "pk", None) else None
    seq, prev_hash = ledger.head_seq, ledger.head_hash
    entries = []
    for item, file_digests in zip(items, digests, strict=True):
        seq += 1
        payload = json.loads(canonical_json(item.get("payload") or {}))
        body = entry_body(ledger_key=ledger.key, seq=seq, actor_name=actor_name, action=item["action"],
                          subject_type=item["subject_type"], subject_id=item["subject_id"], payload=payload,
                          recorded_at=recorded_at, files=file_digests)
        digest = entry_digest(prev_hash=prev_hash, body=body)
        entries.append(Entry(ledger=ledger, seq=seq, prev_hash=prev_hash, hash=digest, actor=actor_fk,
                             actor_name=actor_name, action=str(item["action"]), subject_type=item["subject_type"],
                             subject_id=str(item["subject_id"]), payload=payload, files=file_digests,
                             recorded_at=recorded_at))
        prev_hash = digest
    Entry.objects.bulk_create(entries, batch_size=1000)
    Ledger.objects.filter(pk=ledger.pk).update(head_seq=seq, head_hash=prev_hash)
    return len(entries)


@transaction.atomic
def heads_publish(*, on: dt.date | None = None) -> int:
    """Publish every ledger's head (sequence + hash) for the day `on` (default: today, local time).

    Idempotent per day: a ledger already published for that day keeps its first publication (publications are
    append-only like entries), so a re-run or a second worker publishes nothing new. Returns how many were added.
    Not itself recorded as an entry: a publication is evidence about the chains, and an entry about it would move
    the office ledger's head the moment it was published."""
    on = on or timezone.localdate()
    if on > timezone.localdate():
        # the head published for a day is the head as it stands: publishing it under a later date would block
        # that day's real publication (one per ledger per day)
        raise ValueError(f"cannot publish ledger heads for a future date: {on.isoformat()}")
    published_at = timezone.now()
    done = set(LedgerHeadPublication.objects.filter(date=on).values_list("ledger_id", flat=True))
    new = [
        LedgerHeadPublication(ledger_id=pk, date=on, seq=seq, hash=head_hash, published_at=published_at)
        for pk, seq, head_hash in Ledger.objects.order_by("key").values_list("pk", "head_seq", "head_hash")
        if pk not in done
    ]
    LedgerHeadPublication.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)
