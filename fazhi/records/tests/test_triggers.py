"""The database itself refuses to change or remove record rows, on SQLite and on PostgreSQL."""

import pytest
from django.db import DatabaseError, connection, transaction

from fazhi.records import services as records
from fazhi.records import triggers
from fazhi.records.models import Entry, LedgerHeadPublication


def _refused(fn):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        fn()


def test_triggers_are_installed_by_the_migration(db):
    assert triggers.installed(connection)


def test_update_of_an_entry_is_refused(chain):
    entry = Entry.objects.get(seq=2)
    entry.payload = {"n": "forged"}
    _refused(entry.save)
    _refused(lambda: connection.cursor().execute("UPDATE records_entry SET actor_name = 'x'"))
    entry.refresh_from_db()
    assert entry.payload == {"n": 1, "姓名": "张三"}


def test_delete_of_an_entry_is_refused(chain):
    _refused(Entry.objects.get(seq=5).delete)
    _refused(lambda: connection.cursor().execute("DELETE FROM records_entry"))
    assert Entry.objects.count() == 5


def test_published_heads_cannot_be_changed_either(chain):
    records.heads_publish()
    _refused(lambda: LedgerHeadPublication.objects.update(seq=0))
    _refused(lambda: LedgerHeadPublication.objects.all().delete())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is a PostgreSQL statement")
def test_truncate_is_refused_on_postgresql(chain):
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE refuses to run past deferred FK checks
    _refused(lambda: connection.cursor().execute("TRUNCATE records_entry CASCADE"))


def test_inserts_still_work_and_remove_install_round_trip(chain):
    triggers.remove(connection)
    assert not triggers.installed(connection)
    triggers.install(connection)
    triggers.install(connection)  # idempotent
    assert triggers.installed(connection)
    with transaction.atomic():
        records.append(ledger_key="office", ledger_name="司法局", actor=None, action="user.created",
                       subject_type="accounts.User", subject_id="1", payload={})
    assert Entry.objects.count() == 6


def test_the_migration_is_reversible(chain):
    """Its reverse drops the triggers and its forward re-creates them (inside the test's transaction)."""
    from importlib import import_module
    from types import SimpleNamespace

    module = import_module("fazhi.records.migrations.0003_append_only_triggers")
    assert module.Migration.operations[0].reversible
    editor = SimpleNamespace(connection=connection)
    module.remove(None, editor)
    assert not triggers.installed(connection)
    module.install(None, editor)
    assert triggers.installed(connection)
