import datetime as dt
import hashlib
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from fazhi.records import services as records
from fazhi.records.enums import Action
from fazhi.records.models import GENESIS_HASH, Entry, Ledger, LedgerHeadPublication
from fazhi.records.selectors import entry_recomputed_hash

KEY = "body:00000000-0000-0000-0000-0000000000bb"


def _append(**kw):
    defaults = dict(ledger_key=KEY, ledger_name="测试主体", actor=None, action=Action.OFFICER_CHANGED,
                    subject_type="personnel.Officer", subject_id="00000000-0000-0000-0000-000000000001",
                    payload={"a": 1})
    defaults.update(kw)
    with transaction.atomic():
        return records.append(**defaults)


@pytest.mark.django_db(transaction=True)
def test_append_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError):
        records.append(ledger_key=KEY, ledger_name="x", actor=None, action=Action.OFFICER_CHANGED,
                       subject_type="t", subject_id="1", payload={})


def test_chain_is_gap_free_and_linked_and_head_follows(db):
    entries = [_append(payload={"n": n}) for n in range(4)]
    assert [e.seq for e in entries] == [1, 2, 3, 4]
    assert entries[0].prev_hash == GENESIS_HASH
    for before, after in zip(entries, entries[1:], strict=False):
        assert after.prev_hash == before.hash
    ledger = Ledger.objects.get(key=KEY)
    assert (ledger.head_seq, ledger.head_hash) == (4, entries[-1].hash)
    for entry in Entry.objects.filter(ledger=ledger):
        assert entry_recomputed_hash(entry) == entry.hash


def test_hash_is_sha256_of_prev_hash_and_documented_canonical_body(db):
    entry = _append(payload={"b": "乙", "a": [1, 2], "when": dt.date(2026, 1, 2)})
    body = {"action": "officer.changed", "actor": "system", "ledger": KEY,
            "payload": {"a": [1, 2], "b": "乙", "when": "2026-01-02"},
            "recorded_at": entry.recorded_at.astimezone(dt.UTC).isoformat(), "seq": 1,
            "subject_id": "00000000-0000-0000-0000-000000000001", "subject_type": "personnel.Officer"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    assert entry.hash == hashlib.sha256(GENESIS_HASH.encode() + canonical).hexdigest()
    assert entry.payload == {"a": [1, 2], "b": "乙", "when": "2026-01-02"}


def test_files_by_storage_name_and_by_file_object_are_digested_and_hashed(db):
    content = b"evidence " * 100_000  # bigger than one chunk
    name = default_storage.save("evidence/photo.bin", ContentFile(content))
    upload = SimpleUploadedFile("笔录.pdf", b"%PDF-1.4 record")
    entry = _append(files=[name, upload])
    assert entry.files == [
        {"name": name, "sha256": hashlib.sha256(content).hexdigest(), "size": len(content), "stored": True},
        {"name": "笔录.pdf", "sha256": hashlib.sha256(b"%PDF-1.4 record").hexdigest(), "size": 15,
         "stored": False},
    ]
    entry.refresh_from_db()
    assert entry_recomputed_hash(entry) == entry.hash
    # The digests are part of what is hashed: other digests give another hash.
    entry.files[0]["sha256"] = "0" * 64
    assert entry_recomputed_hash(entry) != entry.hash


def test_a_missing_stored_file_fails_the_append(db):
    with pytest.raises(FileNotFoundError):
        _append(files=["evidence/not-there.pdf"])
    assert not Entry.objects.exists()


def test_append_many_chains_like_append(db):
    first = _append()
    with transaction.atomic():
        n = records.append_many(ledger_key=KEY, ledger_name="测试主体", actor=None, items=[
            {"action": Action.OFFICER_CREATED, "subject_type": "personnel.Officer", "subject_id": str(i),
             "payload": {"i": i}} for i in range(3)])
    assert n == 3
    entries = list(Entry.objects.filter(ledger__key=KEY).order_by("seq"))
    assert [e.seq for e in entries] == [1, 2, 3, 4]
    assert entries[1].prev_hash == first.hash
    assert all(entry_recomputed_hash(e) == e.hash for e in entries)


def test_heads_publish_is_idempotent_per_day(db):
    _append()
    day = dt.date(2026, 11, 20)  # a past day, then the day after it: both may be published today or later
    assert records.heads_publish(on=day) == 1
    _append()  # the head moves, but that day's publication stays as first published
    assert records.heads_publish(on=day) == 0
    publication = LedgerHeadPublication.objects.get()
    assert (publication.date, publication.seq) == (day, 1)
    assert publication.hash == Entry.objects.get(seq=1).hash
    assert records.heads_publish(on=day + dt.timedelta(days=1)) == 1
    assert LedgerHeadPublication.objects.get(date=day + dt.timedelta(days=1)).seq == 2


def test_daily_task_publishes_todays_heads(db):
    from fazhi.records.tasks import heads_publish_daily

    _append()
    heads_publish_daily.call_local()
    assert LedgerHeadPublication.objects.filter(date=timezone.localdate()).count() == 1


def test_heads_are_never_published_for_a_future_date(db):
    import datetime as dt

    import pytest
    from django.core.management import CommandError, call_command
    from django.utils import timezone

    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(CommandError, match="未来"):
        call_command("records_publish_heads", "--date", tomorrow.isoformat())
