import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction

from fazhi.core.errors import DomainError
from fazhi.core.numbering import number_next, number_pattern_set, number_prefix_set
from fazhi.core.numbering_models import NumberSequence

SCOPE_A = "6f1c0d1e-0000-4000-8000-00000000000a"  # an organisation's public id, as callers pass it
SCOPE_B = "6f1c0d1e-0000-4000-8000-00000000000b"


@pytest.fixture
def patterns(db):
    number_pattern_set(kind="penalty_decision", pattern="{prefix}〔{year}〕{seq}号", description="行政处罚决定书文号")
    number_pattern_set(kind="case", pattern="{prefix}立〔{year}〕{seq:04d}号")
    number_prefix_set(scope=SCOPE_A, prefix="赛市监罚", kind="penalty_decision")
    number_prefix_set(scope=SCOPE_A, prefix="赛市监")  # every other kind of scope A
    number_prefix_set(scope=SCOPE_B, prefix="赛城管罚", kind="penalty_decision")


def take(scope=SCOPE_A, kind="penalty_decision", year=2026):
    with transaction.atomic():
        return number_next(scope=scope, kind=kind, year=year)


def test_sequential_numbers_formatted_by_the_kind_pattern(patterns):
    issued = [take() for _ in range(3)]
    assert [i.seq for i in issued] == [1, 2, 3]
    assert issued[2].text == "赛市监罚〔2026〕3号"


def test_scope_wide_prefix_and_padded_sequence(patterns):
    assert take(kind="case").text == "赛市监立〔2026〕0001号"  # falls back to the scope's prefix for every kind


def test_each_year_starts_again_at_one(patterns):
    assert [take(year=2026).seq, take(year=2026).seq] == [1, 2]
    assert take(year=2027).text == "赛市监罚〔2027〕1号"
    assert take(year=2026).seq == 3  # the old year's sequence is untouched


def test_scopes_and_kinds_are_independent(patterns):
    take(), take()
    assert take(scope=SCOPE_B).text == "赛城管罚〔2026〕1号"
    assert take(kind="case").seq == 1
    assert take().seq == 3


def test_a_rolled_back_transaction_gives_its_number_back(patterns):
    assert take().seq == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        assert number_next(scope=SCOPE_A, kind="penalty_decision", year=2026).seq == 2
        raise RuntimeError("the decision failed to save")
    assert take().seq == 2  # no gap
    assert NumberSequence.objects.get(scope=SCOPE_A, kind="penalty_decision", year=2026).last == 2


def test_the_first_number_of_a_year_rolled_back_leaves_no_row(patterns):
    with pytest.raises(RuntimeError), transaction.atomic():
        number_next(scope=SCOPE_A, kind="penalty_decision", year=2030)
        raise RuntimeError
    assert not NumberSequence.objects.filter(year=2030).exists()
    assert take(year=2030).seq == 1


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError, match="inside the transaction"):
        number_next(scope=SCOPE_A, kind="penalty_decision", year=2026)


def test_missing_pattern_or_prefix_is_an_error_not_a_made_up_number(patterns):
    with pytest.raises(DomainError) as missing_pattern:
        take(kind="unknown_kind")
    assert missing_pattern.value.code == "numbering_pattern_missing"
    with pytest.raises(DomainError) as missing_prefix:
        take(scope="no-prefix-scope")
    assert missing_prefix.value.code == "numbering_prefix_missing"
    assert not NumberSequence.objects.filter(scope="no-prefix-scope").exists()  # the failed call took nothing


@pytest.mark.parametrize("pattern, message", [
    ("{prefix}〔{year}〕号", "必须包含{seq}"),
    ("{prefix}〔{year}〕{seq}号{body}", "未知占位符:body"),
    ("{prefix}〔{year}〕{seq号", "编号格式无效"),
])
def test_bad_patterns_are_refused(db, pattern, message):
    with pytest.raises(ValidationError, match=message):
        number_pattern_set(kind="x", pattern=pattern)


@pytest.mark.django_db(transaction=True)
def test_parallel_requests_on_postgresql_get_every_number_exactly_once():
    """8 threads, each with its own connection, take 25 numbers each and roll back 5 more attempts: the committed
    numbers are exactly 1..200 — no duplicate, no gap."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: row locks between concurrent connections (SQLite serialises writers and "
                    "its test database is in memory); run with DATABASE_URL=postgres://…")
    number_pattern_set(kind="penalty_decision", pattern="{prefix}〔{year}〕{seq}号")
    number_prefix_set(scope=SCOPE_A, prefix="赛市监罚")
    threads, per_thread, rollbacks = 8, 25, 5
    barrier = threading.Barrier(threads)
    committed: list[int] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    class Abort(Exception):
        pass

    def worker(index: int):
        try:
            barrier.wait()
            for attempt in range(per_thread + rollbacks):
                try:
                    with transaction.atomic():
                        issued = number_next(scope=SCOPE_A, kind="penalty_decision", year=2026)
                        if attempt % 6 == index % 6:  # 5 of the 30 attempts fail after taking a number
                            raise Abort
                except Abort:
                    continue
                with lock:
                    committed.append(issued.seq)
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            failures.append(exc)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert not failures
    assert len(committed) == threads * per_thread
    assert sorted(committed) == list(range(1, threads * per_thread + 1))
    assert NumberSequence.objects.get(scope=SCOPE_A).last == threads * per_thread
