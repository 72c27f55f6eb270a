"""Reading the record. Who may see which ledger is decided by the function named in settings.FAZHI_RECORD_VISIBILITY
(fazhi.orgs.record_visibility: ledger → enforcement body → organisation), so records, a lower layer, never imports
the organisations it is scoped by."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.utils.module_loading import import_string

from fazhi.records.models import GENESIS_HASH, Entry, LedgerHeadPublication
from fazhi.records.services import entry_body, entry_digest


def entries_for_subject(*, subject_type: str, subject_id: str) -> QuerySet[Entry]:
    return Entry.objects.filter(subject_type=subject_type, subject_id=str(subject_id)).order_by("recorded_at", "seq")


def ledger_keys_visible_to(user) -> set[str] | None:
    """None: every ledger; otherwise the keys of the ledgers the user may read."""
    return import_string(settings.FAZHI_RECORD_VISIBILITY)(user)


def entry_recomputed_hash(entry: Entry) -> str:
    body = entry_body(ledger_key=entry.ledger.key, seq=entry.seq, actor_name=entry.actor_name, action=entry.action,
                      subject_type=entry.subject_type, subject_id=entry.subject_id, payload=entry.payload,
                      recorded_at=entry.recorded_at.astimezone(dt.UTC), files=entry.files or None)
    return entry_digest(prev_hash=entry.prev_hash, body=body)


CHUNK = 2000


def row_recomputed_hash(ledger_key: str, row) -> str:
    """The hash an entry read as a `ROW_FIELDS` tuple should have (docs/records.md): for checks over many rows."""
    seq, prev_hash, _hash, actor_name, action, subject_type, subject_id, payload, files, recorded_at = row
    body = entry_body(ledger_key=ledger_key, seq=seq, actor_name=actor_name, action=action,
                      subject_type=subject_type, subject_id=subject_id, payload=payload,
                      recorded_at=recorded_at.astimezone(dt.UTC), files=files or None)
    return entry_digest(prev_hash=prev_hash, body=body)


ROW_FIELDS = ("seq", "prev_hash", "hash", "actor_name", "action", "subject_type", "subject_id", "payload", "files",
              "recorded_at")


def chain_to_head(ledger, *, from_seq: int, head: LedgerHeadPublication) -> tuple[int, str]:
    """Walk the entries from `from_seq` to the published head: each hash recomputes, each links to the one before,
    no sequence number is missing, and the head's entry has the published hash. Returns (entries checked, the
    first break in Chinese or "")."""
    checked, expected_seq, last_hash = 0, from_seq, None
    rows = (Entry.objects.filter(ledger=ledger, seq__gte=from_seq, seq__lte=head.seq).order_by("seq")
            .values_list(*ROW_FIELDS))
    for row in rows.iterator(chunk_size=CHUNK):
        seq, prev_hash, stored_hash = row[0], row[1], row[2]
        if seq != expected_seq:
            return checked, f"#{expected_seq} 缺失(序号不连续)"
        if last_hash is not None and prev_hash != last_hash:
            return checked, f"#{seq} 的前一哈希与 #{seq - 1} 的哈希不一致"
        if row_recomputed_hash(ledger.key, row) != stored_hash:
            return checked, f"#{seq} 的哈希与条目内容不符(内容被改动)"
        checked += 1
        expected_seq, last_hash = seq + 1, stored_hash
    if expected_seq != head.seq + 1:
        return checked, f"#{expected_seq} 缺失(账本中没有已公布账本头之前的全部条目)"
    if last_hash != head.hash:
        return checked, f"#{head.seq} 的哈希与 {head.date:%Y-%m-%d} 公布的账本头哈希不一致"
    return checked, ""


@dataclass(frozen=True)
class TimelineItem:
    entry: Entry
    verified: bool  # its hash recomputes, and it links to the entry before it in its ledger


def subject_timeline(*, user, subject_type: str, subject_id: str) -> list[TimelineItem]:
    """The entries about one subject that the user may see, oldest first, each with its verified mark.

    Raises Entry.DoesNotExist when the user may see none of them (another body's subject answers 404)."""
    entries = entries_for_subject(subject_type=subject_type, subject_id=subject_id).select_related("ledger")
    visible = ledger_keys_visible_to(user)
    if visible is not None:
        entries = entries.filter(ledger__key__in=visible)
    entries = list(entries)
    if not entries:
        raise Entry.DoesNotExist("no visible record entries for this subject")
    wanted = {(e.ledger_id, e.seq - 1) for e in entries if e.seq > 1}
    previous: dict[tuple[int, int], str] = {}
    for ledger_id in {ledger_id for ledger_id, _ in wanted}:
        seqs = [seq for lid, seq in wanted if lid == ledger_id]
        for seq, prev in Entry.objects.filter(ledger_id=ledger_id, seq__in=seqs).values_list("seq", "hash"):
            previous[(ledger_id, seq)] = prev
    items = []
    for entry in entries:
        expected_prev = previous.get((entry.ledger_id, entry.seq - 1)) if entry.seq > 1 else GENESIS_HASH
        verified = entry.prev_hash == expected_prev and entry_recomputed_hash(entry) == entry.hash
        items.append(TimelineItem(entry=entry, verified=verified))
    return items


def head_publications(*, on: dt.date | None = None) -> QuerySet[LedgerHeadPublication]:
    """Published ledger heads (public data), newest day first; only the day `on` when given."""
    qs = LedgerHeadPublication.objects.select_related("ledger").order_by("-date", "ledger__name", "ledger__key")
    if on is not None:
        qs = qs.filter(date=on)
    return qs


def head_publication_dates(*, limit: int = 60) -> list[dt.date]:
    return list(LedgerHeadPublication.objects.order_by("-date").values_list("date", flat=True).distinct()[:limit])
