"""Database upkeep that keeps the query planner informed (the list pages rely on it at scale).

SQLite plans a query from statistics gathered only by ANALYZE; without them, the office's case list over 1,000,000
cases picks an index that sorts every row (seconds) instead of the one that reads the first page in order
(milliseconds) — bench/bench_case_list.py. PostgreSQL's autovacuum analyses by itself; ANALYZE there is harmless."""

from __future__ import annotations

from django.db import connection


def database_analyze() -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit=0")  # full statistics: a sampled ANALYZE misjudges the indexes
        cursor.execute("ANALYZE")
    return connection.vendor
