"""Database triggers that refuse UPDATE and DELETE of record rows (docs/adr/0005-append-only-entries.md).

One implementation, used by the migration that installs them, by the post_migrate hook that re-installs them after
a flush, and by the test fixture that lifts them around pytest-django's flush. `install` is idempotent.
"""

from __future__ import annotations

# Tables whose rows, once written, are never changed: the entries and the published heads.
PROTECTED_TABLES = ("records_entry", "records_ledgerheadpublication")
PG_FUNCTION = "records_refuse_change"


def _sqlite_statements(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: UPDATE refused'); END",
        f"CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: DELETE refused'); END",
    ]


_PG_FUNCTION_SQL = f"""
CREATE OR REPLACE FUNCTION {PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$
"""


def _pg_statements(table: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_no_change ON {table}",
        f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {PG_FUNCTION}()",
        f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {PG_FUNCTION}()",
    ]


def install(connection) -> None:
    """Create the triggers on `connection`'s database (SQLite or PostgreSQL); a no-op if they exist."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for table in PROTECTED_TABLES:
                for sql in _sqlite_statements(table):
                    cursor.execute(sql)
        elif connection.vendor == "postgresql":
            cursor.execute(_PG_FUNCTION_SQL)
            for table in PROTECTED_TABLES:
                for sql in _pg_statements(table):
                    cursor.execute(sql)
        else:  # pragma: no cover - only the two supported databases
            raise NotImplementedError(f"append-only triggers are not written for {connection.vendor}")


def remove(connection) -> None:
    """Drop the triggers: used by the migration's reverse and by the test flush (never by the application)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for table in PROTECTED_TABLES:
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
        elif connection.vendor == "postgresql":
            for table in PROTECTED_TABLES:
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_change ON {table}")
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
            cursor.execute(f"DROP FUNCTION IF EXISTS {PG_FUNCTION}()")


def installed(connection) -> bool:
    """True when every trigger exists (the records_verify command warns when they are missing)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (%s, %s)",
                           PROTECTED_TABLES)
            return cursor.fetchone()[0] == 2 * len(PROTECTED_TABLES)
        if connection.vendor == "postgresql":
            cursor.execute("SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                           "WHERE NOT t.tgisinternal AND c.relname IN (%s, %s)", PROTECTED_TABLES)
            return cursor.fetchone()[0] == 2 * len(PROTECTED_TABLES)
    return False
