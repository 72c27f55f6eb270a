"""Text search over cases ("案号/案由/当事人" contains …): on PostgreSQL, pg_trgm GIN indexes on the three columns
serve the `icontains` filters of selectors.case_list; on SQLite the same filter scans (a rare term over 1,000,000
cases takes seconds — bench/bench_case_list.py reports it). Installed by migration 0003."""

from __future__ import annotations

from fazhi.powers.law_search import _pg_trgm_ready

INDEXES = {
    "enf_case_party_trgm": "party_name",
    "enf_case_title_trgm": "title",
    "enf_case_number_trgm": "number",
}


def install(connection) -> str:
    if connection.vendor != "postgresql":
        return "like"
    with connection.cursor() as cursor:
        if not _pg_trgm_ready(connection, cursor):
            return "like"
        for name, column in INDEXES.items():
            # UPPER(): Django's icontains on PostgreSQL compares UPPER(column) LIKE UPPER(%s)
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON enforcement_case "
                           f"USING gin (UPPER({column}) gin_trgm_ops)")
    return "pg_trgm"


def remove(connection) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for name in INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")
