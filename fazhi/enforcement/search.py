"""Text search over cases ("案号/案由/当事人" contains …), with an index on both databases (docs/adr/0008 does the
same for the law library):
* SQLite: an FTS5 virtual table with the `trigram` tokenizer over (number, title, party_name), external-content
  over enforcement_case and kept in sync by triggers;
* PostgreSQL: pg_trgm GIN indexes on UPPER(column), which serve Django's `icontains`.
A term of three or more characters uses the index; a shorter one (a two-character name such as 张三) is matched
with LIKE, which scans — bench/bench_case_list.py reports both. `install` is idempotent; migration 0003/0004 and the
post_migrate hook (fazhi.enforcement.apps) call it, since a migration that rebuilds the table on SQLite drops the
triggers."""

from __future__ import annotations

from django.db import connection as default_connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from fazhi.powers.law_search import _pg_trgm_ready, sqlite_has_trigram

FTS_TABLE = "enforcement_case_fts"
COLUMNS = ("number", "title", "party_name")
TRIGRAM = 3
PG_INDEXES = {
    "enf_case_party_trgm": "party_name",
    "enf_case_title_trgm": "title",
    "enf_case_number_trgm": "number",
}
_cols = ", ".join(COLUMNS)
_new = ", ".join(f"new.{c}" for c in COLUMNS)
_old = ", ".join(f"old.{c}" for c in COLUMNS)
_SQLITE_TRIGGERS = {
    f"{FTS_TABLE}_ai": f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ai AFTER INSERT ON enforcement_case BEGIN
        INSERT INTO {FTS_TABLE}(rowid, {_cols}) VALUES (new.id, {_new}); END""",
    f"{FTS_TABLE}_ad": f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ad AFTER DELETE ON enforcement_case BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_cols}) VALUES ('delete', old.id, {_old}); END""",
    f"{FTS_TABLE}_au": f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_au AFTER UPDATE OF {_cols} ON enforcement_case
        BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_cols}) VALUES ('delete', old.id, {_old});
        INSERT INTO {FTS_TABLE}(rowid, {_cols}) VALUES (new.id, {_new}); END""",
}


def install(connection) -> str:
    """Create the index if it is missing: "fts5", "pg_trgm", or "like" (no index; search scans)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            if not sqlite_has_trigram():
                return "like"
            cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name LIKE %s",
                           [f"{FTS_TABLE}%"])
            present = {row[0] for row in cursor.fetchall()}
            cursor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5({_cols}, "
                           f"content='enforcement_case', content_rowid='id', tokenize='trigram')")
            for sql in _SQLITE_TRIGGERS.values():
                cursor.execute(sql)
            if FTS_TABLE not in present or not set(_SQLITE_TRIGGERS) <= present:
                cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
            return "fts5"
        if connection.vendor == "postgresql":
            if not _pg_trgm_ready(connection, cursor):
                return "like"
            for name, column in PG_INDEXES.items():
                # UPPER(): Django's icontains on PostgreSQL compares UPPER(column) LIKE UPPER(%s)
                cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON enforcement_case "
                               f"USING gin (UPPER({column}) gin_trgm_ops)")
            return "pg_trgm"
    return "like"


def remove(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in _SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
        elif connection.vendor == "postgresql":
            for name in PG_INDEXES:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")


def _fts_available(connection) -> bool:
    if connection.vendor != "sqlite" or not sqlite_has_trigram():
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [FTS_TABLE])
        return cursor.fetchone() is not None


def contains(queryset: QuerySet, text: str, *, connection=None) -> QuerySet:
    """Cases whose number, 案由 or party name contains `text` (case-insensitive)."""
    text = (text or "").strip()
    if not text:
        return queryset
    connection = connection or default_connection
    if len(text) >= TRIGRAM and _fts_available(connection):
        phrase = '"' + text.replace('"', '""') + '"'
        return queryset.filter(id__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [phrase]))
    return queryset.filter(Q(number__icontains=text) | Q(title__icontains=text) | Q(party_name__icontains=text))
