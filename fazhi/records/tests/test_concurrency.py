"""Parallel writers on one ledger: the chain never forks and never skips a number."""

import threading

import pytest
from django.db import connection, connections, transaction

from fazhi.records import services as records
from fazhi.records.models import Entry
from fazhi.records.verification import verify_ledger

KEY = "body:00000000-0000-0000-0000-0000000000cc"


def _writers(threads: int, appends: int) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(threads)

    def work(n: int):
        try:
            start.wait()
            for i in range(appends):
                with transaction.atomic():
                    records.append(ledger_key=KEY, ledger_name="并发测试", actor=None, action="officer.changed",
                                   subject_type="personnel.Officer", subject_id=f"{n}-{i}", payload={"w": n, "i": i})
        except BaseException as exc:  # noqa: BLE001 - reported to the main thread
            errors.append(exc)
        finally:
            connections.close_all()  # each thread had its own connection

    pool = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return errors


def _assert_one_unbroken_chain(total: int):
    seqs = list(Entry.objects.filter(ledger__key=KEY).order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, total + 1))
    assert Entry.objects.filter(ledger__key=KEY).values("prev_hash").distinct().count() == total  # no fork
    report = verify_ledger(KEY)
    assert report.ok, report.first_break
    assert report.entries == total


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="parallel writers need PostgreSQL: SQLite serialises writes (see the 2-thread test)")
@pytest.mark.django_db(transaction=True)
def test_parallel_writers_on_postgresql_never_fork_or_skip():
    # The ledger does not exist yet: the writers also race to create it.
    errors = _writers(threads=8, appends=25)
    assert errors == []
    _assert_one_unbroken_chain(200)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite variant of the test above")
@pytest.mark.django_db(transaction=True)
def test_two_threads_on_sqlite_never_fork_or_skip():
    if connection.is_in_memory_db():
        pytest.skip("an in-memory SQLite test database is shared-cache: a second writer fails at once with "
                    "'table is locked' instead of waiting, so this needs a file database")
    errors = _writers(threads=2, appends=20)
    assert errors == []
    _assert_one_unbroken_chain(40)
