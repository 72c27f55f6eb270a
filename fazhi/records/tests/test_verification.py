"""Each kind of tampering is caught by verify_ledger and named by `records_verify`, which then exits non-zero."""

import io
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import transaction

from fazhi.records import services as records
from fazhi.records.models import Entry, Ledger
from fazhi.records.tests.conftest import tamper
from fazhi.records.verification import verify_all, verify_ledger


def _run(*args):
    out = io.StringIO()
    try:
        call_command("records_verify", *args, stdout=out, stderr=io.StringIO())
    except CommandError as exc:
        return out.getvalue(), exc.returncode
    return out.getvalue(), 0


def test_an_intact_chain_verifies(chain):
    report = verify_ledger(chain)
    assert report.ok and report.entries == 5 and report.last_seq == 5
    output, status = _run("--ledger", chain)
    assert status == 0
    assert f"OK     {chain}: 5 entries" in output and "entries/s" in output


def test_a_changed_payload_is_a_hash_mismatch_at_that_entry(chain):
    entry = Entry.objects.get(seq=3)
    tamper("UPDATE records_entry SET payload = %s WHERE id = %s", ['{"n":2,"姓名":"李四"}', entry.pk])
    report = verify_ledger(chain)
    assert (report.first_break.seq, report.first_break.reason) == (3, "hash_mismatch")
    assert report.entries == 2
    output, status = _run("--ledger", chain)
    assert status == 1
    assert "BROKEN" in output and "#3: hash_mismatch" in output


def test_a_changed_row_field_is_caught(chain):
    tamper("UPDATE records_entry SET actor_name = 'someone else' WHERE seq = 4")
    assert (verify_ledger(chain).first_break.seq, verify_ledger(chain).first_break.reason) == (4, "hash_mismatch")


def test_a_rehashed_row_still_breaks_the_link_to_the_next(chain):
    """Whoever rewrites a row and its hash must rewrite every later row too: the next prev_hash gives it away."""
    tamper("UPDATE records_entry SET hash = %s WHERE seq = 2", ["f" * 64])
    report = verify_ledger(chain)
    assert report.first_break.seq == 2 and report.first_break.reason == "hash_mismatch"
    tamper("UPDATE records_entry SET prev_hash = %s WHERE seq = 4", ["e" * 64])
    tamper("UPDATE records_entry SET hash = (SELECT hash FROM records_entry WHERE seq = 3) WHERE seq = 2")
    report = verify_ledger(chain)
    assert (report.first_break.seq, report.first_break.reason) == (2, "hash_mismatch")


def test_a_deleted_row_is_a_sequence_gap(chain):
    tamper("DELETE FROM records_entry WHERE seq = 2")
    report = verify_ledger(chain)
    assert (report.first_break.seq, report.first_break.reason) == (3, "sequence_gap")
    output, status = _run()
    assert status == 1 and "#3: sequence_gap" in output


def test_a_deleted_last_row_shows_against_the_head(chain):
    tamper("DELETE FROM records_entry WHERE seq = 5")
    report = verify_ledger(chain)
    assert (report.first_break.seq, report.first_break.reason) == (5, "head_mismatch")


def test_an_edited_head_is_caught(chain):
    Ledger.objects.filter(key=chain).update(head_hash="a" * 64)
    report = verify_ledger(chain)
    assert report.first_break.reason == "head_mismatch"
    _output, status = _run("--ledger", chain)
    assert status == 1


def test_a_changed_prev_hash_is_caught(chain):
    tamper("UPDATE records_entry SET prev_hash = %s WHERE seq = 1", ["1" * 64])
    assert verify_ledger(chain).first_break.reason == "prev_hash_mismatch"


def test_a_rewritten_chain_shows_against_the_published_head(chain):
    records.heads_publish()
    # Rewrite entry 5 consistently (recompute its hash, move the head): only the publication can tell.
    entry = Entry.objects.get(seq=5)
    forged = records.entry_digest(prev_hash=entry.prev_hash, body=records.entry_body(
        ledger_key=chain, seq=5, actor_name=entry.actor_name, action=entry.action, subject_type=entry.subject_type,
        subject_id=entry.subject_id, payload={"n": "forged"}, recorded_at=entry.recorded_at))
    tamper("UPDATE records_entry SET payload = %s, hash = %s WHERE seq = 5", ['{"n":"forged"}', forged])
    Ledger.objects.filter(key=chain).update(head_hash=forged)
    report = verify_ledger(chain)
    assert (report.first_break.seq, report.first_break.reason) == (5, "publication_mismatch")


@pytest.fixture
def with_file(chain):
    name = default_storage.save("evidence/record.txt", ContentFile(b"original evidence"))
    with transaction.atomic():
        records.append(ledger_key=chain, ledger_name="测试主体", actor=None, action="officer.changed",
                       subject_type="personnel.Officer", subject_id="x", payload={}, files=[name])
    return chain, name


def test_a_changed_stored_file_is_a_digest_mismatch_with_check_files(with_file):
    chain, name = with_file
    assert verify_ledger(chain, check_files=True).ok
    with default_storage.open(name, "wb") as handle:
        handle.write(b"altered evidence!")
    assert verify_ledger(chain).ok  # without --check-files the files are not read
    report = verify_ledger(chain, check_files=True)
    assert (report.first_break.seq, report.first_break.reason) == (6, "file_digest_mismatch")
    output, status = _run("--ledger", chain, "--check-files")
    assert status == 1 and "#6: file_digest_mismatch" in output


def test_a_removed_stored_file_is_missing(with_file):
    chain, name = with_file
    default_storage.delete(name)
    assert verify_ledger(chain, check_files=True).first_break.reason == "file_missing"


def test_a_changed_file_digest_in_the_row_is_a_hash_mismatch(with_file):
    chain, _name = with_file
    files = Entry.objects.get(seq=6).files
    files[0]["size"] = 18
    tamper("UPDATE records_entry SET files = %s WHERE seq = 6", [json.dumps(files)])
    assert Entry.objects.get(seq=6).files[0]["size"] == 18
    assert verify_ledger(chain).first_break.reason == "hash_mismatch"


def test_rows_stored_in_non_canonical_text_still_verify(chain):
    """Entries written before payloads were stored canonically take the slow path and still verify."""
    tamper("UPDATE records_entry SET payload = %s WHERE seq = 2", ['{"姓名": "张三", "n": 1}'])
    assert verify_ledger(chain).ok


def test_verify_all_and_unknown_ledger(chain):
    with transaction.atomic():
        records.append(ledger_key="office", ledger_name="司法局", actor=None, action="user.created",
                       subject_type="accounts.User", subject_id="1", payload={})
    assert [r.ledger_key for r in verify_all()] == [chain, "office"]
    with pytest.raises(CommandError):
        call_command("records_verify", "--ledger", "nope", stdout=io.StringIO())


def test_intact_rows_are_confirmed_by_the_fast_path(chain, monkeypatch):
    """The slow path (parse, canonicalise) is only for rows the fast reconstruction cannot confirm."""
    from django.db import connection

    from fazhi.records import verification

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's jsonb text is not canonical: every row takes the slow path there")

    def refuse(*args, **kwargs):
        raise AssertionError("slow path used for an intact row")

    monkeypatch.setattr(verification._Walk, "full_check", refuse)
    assert verify_ledger(chain).ok
