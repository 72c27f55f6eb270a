"""Re-verifying ledgers: recompute every entry's hash and the links between entries (docs/records.md).

`verify_ledger` reads rows straight from a cursor in chunks (no model instances). The stored payload text is
already canonical on SQLite (CanonicalJSONEncoder), so there SQLite itself assembles each entry's hashed bytes
(prev_hash ‖ canonical body) and Python only hashes and compares: reading rows, not hashing, is the cost, and this
reads one value per entry instead of ten. Elsewhere (PostgreSQL's jsonb text is not canonical) Python rebuilds the
body. Any row whose fast reconstruction does not match is re-checked the slow, obvious way (parse, canonicalise,
hash) before it is called broken, so the fast paths can only save time, never change a verdict.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from dataclasses import dataclass, field
from json.encoder import encode_basestring  # the encoder json.dumps(ensure_ascii=False) uses for strings

from django.db import connection
from django.utils.dateparse import parse_datetime

from fazhi.records.files import digest_stored
from fazhi.records.models import GENESIS_HASH, Ledger, LedgerHeadPublication
from fazhi.records.services import entry_body, entry_digest

CHUNK_ROWS = 5000
_SQL = (
    "SELECT seq, prev_hash, hash, actor_name, action, subject_type, subject_id, payload, files, {recorded_at} "
    "FROM records_entry WHERE ledger_id = %s ORDER BY seq"
)

# SQLite: the hashed bytes of every entry, assembled by the database (json_quote escapes as json.dumps does;
# where it would not, the row simply falls back to the slow path).
_SQLITE_SQL = (
    "SELECT seq, hash, CAST(format('%s{\"action\":%s,\"actor\":%s,%s\"ledger\":%s,\"payload\":%s,"
    "\"recorded_at\":\"%sT%s+00:00\",\"seq\":%d,\"subject_id\":%s,\"subject_type\":%s}', prev_hash, "
    "json_quote(action), json_quote(actor_name), "
    "CASE WHEN files = '[]' THEN '' ELSE '\"files\":' || files || ',' END, ?, payload, "
    "substr(recorded_at, 1, 10), substr(recorded_at, 12), seq, json_quote(subject_id), json_quote(subject_type)) "
    "AS BLOB), files FROM records_entry WHERE ledger_id = ? ORDER BY seq"
)
_ONE_ROW_SQL = (
    "SELECT seq, prev_hash, hash, actor_name, action, subject_type, subject_id, payload, files, recorded_at "
    "FROM records_entry WHERE ledger_id = %s AND seq = %s"
)

# Why a chain is broken, in the words the command prints.
REASONS = {
    "sequence_gap": "序号不连续(条目被删除或插入)",
    "prev_hash_mismatch": "前一哈希与上一条目的哈希不一致",
    "hash_mismatch": "哈希与条目内容不符(内容被改动)",
    "file_missing": "附件已不存在",
    "file_digest_mismatch": "附件内容与记录的摘要不符",
    "head_mismatch": "账本头与最后一条目不一致",
    "publication_mismatch": "与已公布的账本头不一致",
}


@dataclass(frozen=True)
class Break:
    seq: int | None
    reason: str
    detail: str

    @property
    def label(self) -> str:
        return REASONS[self.reason]

    def __str__(self) -> str:
        where = f"#{self.seq}" if self.seq is not None else "账本"
        return f"{where}: {self.reason} — {self.label}; {self.detail}"


@dataclass
class Report:
    ledger_key: str
    entries: int = 0
    last_seq: int = 0
    last_hash: str = GENESIS_HASH
    files_checked: int = 0
    publications_checked: int = 0
    seconds: float = 0.0
    first_break: Break | None = None
    _breaks: list = field(default_factory=list, repr=False)

    @property
    def ok(self) -> bool:
        return self.first_break is None

    @property
    def rate(self) -> float:
        return self.entries / self.seconds if self.seconds > 0 else 0.0


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _slow_digest(ledger_key: str, row) -> str:
    seq, prev_hash, _hash, actor, action, subject_type, subject_id, payload, files, recorded_at = row
    if isinstance(recorded_at, str):
        recorded_at = parse_datetime(recorded_at)
    body = entry_body(
        ledger_key=ledger_key, seq=seq, actor_name=actor, action=action, subject_type=subject_type,
        subject_id=subject_id, payload=json.loads(payload) if isinstance(payload, str) else payload,
        recorded_at=_utc(recorded_at),
        files=(json.loads(files) if isinstance(files, str) else files) or None,
    )
    return entry_digest(prev_hash=prev_hash, body=body)


def _check_files(seq: int, files) -> tuple[int, Break | None]:
    checked = 0
    for item in json.loads(files) if isinstance(files, str) else files:
        if not item.get("stored"):
            continue
        checked += 1
        try:
            sha, size = digest_stored(item["name"])
        except (FileNotFoundError, OSError):
            return checked, Break(seq, "file_missing", f"附件 {item['name']} 无法读取")
        if sha != item["sha256"] or size != item["size"]:
            return checked, Break(seq, "file_digest_mismatch",
                                  f"附件 {item['name']}: 记录 {item['sha256'][:16]}…/{item['size']} 字节, "
                                  f"现为 {sha[:16]}…/{size} 字节")
    return checked, None


class _Walk:
    """The state of one walk along a chain: the next expected sequence number and the last hash seen."""

    def __init__(self, ledger: Ledger, report: Report, check_files: bool, published: dict[int, str]):
        self.ledger, self.report, self.check_files, self.published = ledger, report, check_files, published
        self.expected_seq, self.last_hash = 1, GENESIS_HASH
        self.broken: Break | None = None

    def link_break(self, seq: int, prev_hash: str) -> Break:
        if seq != self.expected_seq:
            return Break(seq, "sequence_gap", f"应为 #{self.expected_seq}, 实为 #{seq}")
        return Break(seq, "prev_hash_mismatch",
                     f"记录的前一哈希 {prev_hash[:16]}…, 上一条目哈希 {self.last_hash[:16]}…")

    def publication_break(self, seq: int, stored_hash: str) -> Break:
        return Break(seq, "publication_mismatch", f"已公布 {self.published[seq][:16]}…, 现为 {stored_hash[:16]}…")

    def sqlite(self) -> None:
        raw = connection.connection  # the sqlite3 connection itself: same transaction, no per-row wrapping
        cursor = raw.execute(_SQLITE_SQL, (encode_basestring(self.ledger.key), self.ledger.pk))
        sha256, published = hashlib.sha256, self.published
        expected_seq, last_hash, last = self.expected_seq, self.last_hash, self.last_hash.encode()
        try:
            while rows := cursor.fetchmany(CHUNK_ROWS):
                for seq, stored_hash, data, files in rows:
                    if seq != expected_seq or data[:64] != last:
                        self.expected_seq, self.last_hash = expected_seq, last_hash
                        self.broken = self.link_break(seq, data[:64].decode())
                        return
                    if (files != "[]" or sha256(data).hexdigest() != stored_hash) and (
                            broken := self.full_check(seq)):
                        self.broken = broken
                        self.expected_seq, self.last_hash = expected_seq, last_hash
                        return
                    if published and seq in published and published[seq] != stored_hash:
                        self.broken = self.publication_break(seq, stored_hash)
                        self.expected_seq, self.last_hash = expected_seq, last_hash
                        return
                    expected_seq, last_hash, last = seq + 1, stored_hash, stored_hash.encode()
        finally:
            cursor.close()
        self.expected_seq, self.last_hash = expected_seq, last_hash

    def generic(self) -> None:
        q, sha256, published, key_json = encode_basestring, hashlib.sha256, self.published, \
            encode_basestring(self.ledger.key)
        with connection.chunked_cursor() as cursor:
            cursor.execute(_SQL.format(recorded_at="recorded_at"), [self.ledger.pk])
            while rows := cursor.fetchmany(CHUNK_ROWS):
                for row in rows:
                    seq, prev_hash, stored_hash, actor, action, subject_type, subject_id, payload, files, rec = row
                    if seq != self.expected_seq or prev_hash != self.last_hash:
                        self.broken = self.link_break(seq, prev_hash)
                        return
                    # Canonical text stored (and no files): hash it as is; anything else takes full_check.
                    if (files != "[]" or payload.__class__ is not str or rec.__class__ is not str or sha256(
                            f'{prev_hash}{{"action":{q(action)},"actor":{q(actor)},"ledger":{key_json},'
                            f'"payload":{payload},"recorded_at":"{rec}","seq":{seq},'
                            f'"subject_id":{q(subject_id)},"subject_type":{q(subject_type)}}}'.encode()
                    ).hexdigest() != stored_hash) and (broken := self.full_check(seq, row)):
                        self.broken = broken
                        return
                    if published and seq in published and published[seq] != stored_hash:
                        self.broken = self.publication_break(seq, stored_hash)
                        return
                    self.expected_seq, self.last_hash = seq + 1, stored_hash

    def full_check(self, seq: int, row=None) -> Break | None:
        """The obvious way, for rows a fast path could not confirm: parse, canonicalise, hash; then the files."""
        if row is None:
            with connection.cursor() as cursor:
                cursor.execute(_ONE_ROW_SQL, [self.ledger.pk, seq])
                row = cursor.fetchone()
        stored_hash, files = row[2], row[8]
        if _slow_digest(self.ledger.key, row) != stored_hash:
            return Break(seq, "hash_mismatch", f"记录的哈希 {stored_hash[:16]}…与重算结果不符")
        if self.check_files and files not in ("[]", [], None):
            checked, broken = _check_files(seq, files)
            self.report.files_checked += checked
            return broken
        return None


def verify_ledger(ledger: Ledger | str, *, check_files: bool = False) -> Report:
    """Walk one ledger's chain in sequence order and return a report naming the FIRST break, if any.

    Checks, per entry: the sequence continues without a gap from 1; prev_hash equals the previous entry's hash
    (the genesis hash for #1); the stored hash equals SHA-256(prev_hash ‖ canonical body); with `check_files`, each
    stored attachment still has its recorded digest and size; every published head for this ledger matches the
    entry at its sequence. Then the ledger row's head (seq, hash) must equal the last entry."""
    if isinstance(ledger, str):
        ledger = Ledger.objects.get(key=ledger)
    report = Report(ledger_key=ledger.key)
    published = dict(LedgerHeadPublication.objects.filter(ledger=ledger).values_list("seq", "hash"))
    report.publications_checked = len(published)
    started = time.perf_counter()
    walk = _Walk(ledger, report, check_files, published)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        walk.sqlite()
    else:
        walk.generic()
    broken = walk.broken
    report.entries = report.last_seq = walk.expected_seq - 1
    report.last_hash = walk.last_hash
    if broken is None:
        ledger.refresh_from_db(fields=["head_seq", "head_hash"])
        if (ledger.head_seq, ledger.head_hash) != (report.last_seq, report.last_hash):
            broken = Break(ledger.head_seq, "head_mismatch",
                           f"账本头 #{ledger.head_seq} {ledger.head_hash[:16]}…, "
                           f"最后条目 #{report.last_seq} {report.last_hash[:16]}…")
        else:
            missing = sorted(seq for seq in published if seq > report.last_seq)
            if missing:
                broken = Break(missing[0], "publication_mismatch", f"已公布的 #{missing[0]} 在账本中不存在")
    report.seconds = time.perf_counter() - started
    report.first_break = broken
    return report


def verify_all(*, ledger_key: str | None = None, check_files: bool = False) -> list[Report]:
    """Verify one ledger (by key) or every ledger, in key order."""
    ledgers = Ledger.objects.order_by("key")
    if ledger_key is not None:
        ledgers = ledgers.filter(key=ledger_key)
    return [verify_ledger(ledger, check_files=check_files) for ledger in ledgers]
