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
from fazhi.records.models import Entry, Ledger

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
    return hashlib.sha256(prev_hash.encode("ascii") + canonical_json(body)).hexdigest()


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
) -> Entry:
    """Append one entry to a ledger's chain. The ledger row is locked, so concurrent appends never fork."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("records.append must run inside the transaction of the change it records")
    ledger_get_or_create(key=ledger_key, name=ledger_name)
    ledger = Ledger.objects.select_for_update().get(key=ledger_key)
    seq = ledger.head_seq + 1
    recorded_at = timezone.now()
    actor_name = getattr(actor, "display_name", None) or getattr(actor, "username", "") or "system"
    payload = json.loads(canonical_json(payload or {}))
    body = {
        "ledger": ledger.key,
        "seq": seq,
        "actor": actor_name,
        "action": str(action),
        "subject_type": subject_type,
        "subject_id": str(subject_id),
        "payload": payload,
        "recorded_at": recorded_at.isoformat(),
    }
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
        recorded_at=recorded_at,
    )
    Ledger.objects.filter(pk=ledger.pk).update(head_seq=seq, head_hash=digest)
    return entry
