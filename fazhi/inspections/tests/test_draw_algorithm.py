"""The pure draw algorithm `fazhi-draw/1` (docs/draw.md): determinism, the rejection edge, sampling without
repetition, sample sizes at their rounding edges, snapshots, teams — and fairness over many seeds."""

from __future__ import annotations

import hashlib
import importlib.util
import math
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.inspections import draw as algo

ZERO_SEED = "00" * 32
ROOT = Path(__file__).resolve().parents[3]


def counter_seed(label: str, i: int) -> str:
    """Deterministic seeds for statistical tests: SHA-256 of a label and a counter (so the tests cannot flake)."""
    return hashlib.sha256(f"{label}:{i}".encode()).hexdigest()


def script_module():
    spec = importlib.util.spec_from_file_location("replay_draw_script", ROOT / "scripts" / "replay_draw.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the stream and uniform() -------------------------------------------------------------------------------------


def test_stream_is_sha256_of_seed_label_counter_in_64_bit_big_endian_words():
    block0 = hashlib.sha256(bytes(32) + b"objects:B" + (0).to_bytes(8, "big")).digest()
    block1 = hashlib.sha256(bytes(32) + b"objects:B" + (1).to_bytes(8, "big")).digest()
    words = [int.from_bytes(b[i:i + 8], "big") for b in (block0, block1) for i in range(0, 32, 8)]
    stream = algo.Stream(ZERO_SEED, "objects:B")
    assert [stream.next_u64() for _ in range(8)] == words
    assert stream.hashes == 2


def test_label_is_utf8():
    label = "team:部门:91150105MA0000000X"
    block = hashlib.sha256(bytes.fromhex("ab" * 32) + label.encode("utf-8") + bytes(8)).digest()
    assert algo.Stream("ab" * 32, label).next_u64() == int.from_bytes(block[:8], "big")


def test_known_answers_pin_the_algorithm():
    """If these change, the algorithm changed: recorded draws would no longer replay. Make fazhi-draw/2 instead."""
    assert algo.sample(ZERO_SEED, "objects:B", 10, 3) == [8, 9, 7]
    assert algo.sample(ZERO_SEED, "objects:B", 10, 10) == [8, 9, 7, 4, 3, 2, 0, 1, 6, 5]
    assert algo.sample("5eed" * 16, "team:x:y", 1_000_000, 5) == [885354, 437551, 278006, 646418, 99882]


class Scripted(algo.Stream):
    """A stream that hands out given integers (to reach the rejection edge, which SHA-256 output almost never does)."""

    def __init__(self, values):
        super().__init__(ZERO_SEED, "test")
        self.values = list(values)

    def next_u64(self):
        return self.values.pop(0)


def test_uniform_rejects_the_top_of_the_range_that_would_favour_small_values():
    # 2^64 mod 3 = 1: limit = 2^64 − 1, so only 2^64 − 1 itself is rejected
    assert Scripted([2**64 - 1, 5]).uniform(3) == 2
    assert Scripted([2**64 - 2]).uniform(3) == (2**64 - 2) % 3
    # m = 2^63 + 1: 2^64 mod m = 2^63 − 1, limit = 2^63 + 1 — almost half the integers are rejected
    m = 2**63 + 1
    stream = Scripted([2**63 + 1, 2**64 - 1, 2**63])
    assert stream.uniform(m) == 2**63 and stream.values == []
    # a power of two divides 2^64: nothing is rejected
    assert Scripted([2**64 - 1]).uniform(2**10) == 1023
    assert Scripted([2**64 - 1]).uniform(1) == 0


def test_uniform_needs_a_bound_from_1_to_2_64():
    for m in (0, -1, 2**64 + 1):
        with pytest.raises(algo.DrawInputError):
            algo.Stream(ZERO_SEED, "x").uniform(m)


@pytest.mark.parametrize("seed", ["", "00" * 31, "zz" * 32, "00" * 33])
def test_malformed_seed_refused(seed):
    with pytest.raises(algo.DrawInputError):
        algo.sample(seed, "objects:A", 10, 1)


def test_new_seed_is_64_hex_digits_and_fresh():
    seeds = {algo.new_seed() for _ in range(20)}
    assert len(seeds) == 20
    assert all(len(s) == 64 and bytes.fromhex(s) for s in seeds)


# --- sample() -----------------------------------------------------------------------------------------------------


def test_sample_is_deterministic_and_depends_on_seed_and_label():
    a = algo.sample(ZERO_SEED, "objects:C", 1000, 50)
    assert a == algo.sample(ZERO_SEED, "objects:C", 1000, 50)
    assert a != algo.sample(ZERO_SEED, "objects:D", 1000, 50)
    assert a != algo.sample("01" + "00" * 31, "objects:C", 1000, 50)


def test_sample_edges():
    assert algo.sample(ZERO_SEED, "x", 0, 0) == []
    assert algo.sample(ZERO_SEED, "x", 10, 0) == []
    assert algo.sample(ZERO_SEED, "x", 1, 1) == [0]
    assert sorted(algo.sample(ZERO_SEED, "x", 500, 500)) == list(range(500))  # k = N: a permutation
    with pytest.raises(algo.DrawInputError):
        algo.sample(ZERO_SEED, "x", 3, 4)
    with pytest.raises(algo.DrawInputError):  # beyond 64-bit words: not supported (a pool is far smaller)
        algo.sample(ZERO_SEED, "x", 2**64 + 1, 1)
    assert len(algo.sample(ZERO_SEED, "x", 2**64, 3)) == 3


def test_sampling_costs_hashes_in_k_not_n(monkeypatch):
    calls = []
    real = hashlib.sha256

    def counting(data=b""):
        calls.append(1)
        return real(data)

    monkeypatch.setattr(hashlib, "sha256", counting)
    out = algo.sample(ZERO_SEED, "objects:B", 10**15, 1000)
    assert len(set(out)) == 1000 and max(out) < 10**15
    # four 64-bit words per hash; rejections are vanishingly rare: about k/4 hashes
    assert 250 <= len(calls) <= 260


@settings(max_examples=300, deadline=None)
@given(n=st.integers(1, 2**64), data=st.data(), i=st.integers(0, 10**6))
def test_fast_sample_equals_the_reference_written_as_specified(n, data, i):
    k = data.draw(st.integers(0, min(n, 60)))
    seed = counter_seed("reference", i)
    assert algo.sample(seed, "objects:C", n, k) == algo.sample_reference(seed, "objects:C", n, k)


def test_fast_sample_equals_the_reference_at_the_rejection_edge():
    # m just above 2^63 rejects almost half of the 64-bit words: both must skip the same ones
    n = 2**63 + 5
    for i in range(50):
        seed = counter_seed("edge", i)
        assert algo.sample(seed, "x", n, 6) == algo.sample_reference(seed, "x", n, 6)


@settings(max_examples=300, deadline=None)
@given(n=st.integers(0, 400), data=st.data(), i=st.integers(0, 10**6))
def test_sample_property_distinct_in_range_and_prefix_stable(n, data, i):
    k = data.draw(st.integers(0, n))
    seed = counter_seed("property", i)
    out = algo.sample(seed, "objects:A", n, k)
    assert len(out) == k == len(set(out))
    assert all(0 <= x < n for x in out)
    # drawing one more never changes the ones already drawn (the order of the draw is its order of emission)
    if k < n:
        assert algo.sample(seed, "objects:A", n, k + 1)[:k] == out


@settings(max_examples=200, deadline=None)
@given(n=st.integers(0, 300), data=st.data(), i=st.integers(0, 10**6))
def test_standalone_script_implements_the_same_algorithm(n, data, i):
    script = script_module()
    k = data.draw(st.integers(0, n))
    ratio = data.draw(st.decimals(min_value=0, max_value=100, places=2))
    seed = counter_seed("script", i)
    assert script.sample(seed, f"team:机构:{i}", n, k) == algo.sample(seed, f"team:机构:{i}", n, k)
    assert script.stratum_size(n, str(ratio)) == algo.stratum_size(n, ratio)


# --- sample sizes -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n, ratio, k", [
    (19, "5", 1),        # 0.95 → 1
    (20, "5", 1),        # exactly 1
    (21, "5", 2),        # 1.05 → 2
    (0, "5", 0),
    (1, "0.01", 1),      # any positive share of a non-empty stratum draws at least one
    (100, "0", 0),
    (100, "0.00", 0),
    (37, "100", 37),     # 100% → all
    (37, "100.00", 37),
    (3, "33.33", 1),     # 0.9999 → 1
    (3, "33.34", 2),     # 1.0002 → 2
    (1_000_000, "2.5", 25_000),
    (999_999, "2.5", 25_000),  # 24999.975 → 25000
])
def test_stratum_size_rounds_up_exactly(n, ratio, k):
    assert algo.stratum_size(n, Decimal(ratio)) == k
    assert algo.stratum_size(n, ratio) == k


@pytest.mark.parametrize("ratio", ["-1", "100.01", "250"])
def test_stratum_size_refuses_a_ratio_outside_0_100(ratio):
    with pytest.raises(algo.DrawInputError):
        algo.stratum_size(10, Decimal(ratio))


def test_strata_for_every_grade_in_order():
    strata = algo.strata_for({"A": 50, "B": 19, "C": 0},
                             {"A": Decimal("2.00"), "B": Decimal("5.00"), "C": Decimal("20"), "D": Decimal("100")})
    assert list(strata) == ["A", "B", "C", "D"]
    assert strata == {"A": {"pool": 50, "ratio": "2.00", "drawn": 1}, "B": {"pool": 19, "ratio": "5.00", "drawn": 1},
                      "C": {"pool": 0, "ratio": "20", "drawn": 0}, "D": {"pool": 0, "ratio": "100", "drawn": 0}}


# --- snapshots ----------------------------------------------------------------------------------------------------


def test_snapshot_text_is_canonical_and_parses_back():
    pool = [("B", "92150105B"), ("A", "92150105Z"), ("A", "92150105A"), ("D", "91150105C")]
    excluded = [("92150105Q", "recently_inspected"), ("92150105M", "recently_inspected")]
    text = algo.snapshot_text(pool, excluded)
    assert text == ("fazhi-draw/1\nP\tA\t92150105A\nP\tA\t92150105Z\nP\tB\t92150105B\nP\tD\t91150105C\n"
                    "X\t92150105M\trecently_inspected\nX\t92150105Q\trecently_inspected\n")
    snap = algo.snapshot_parse(text)
    assert snap.pool == {"A": ["92150105A", "92150105Z"], "B": ["92150105B"], "C": [], "D": ["91150105C"]}
    assert snap.excluded == sorted(excluded) and snap.size == 4
    assert algo.snapshot_text_sorted(snap.pool, snap.excluded) == text
    assert algo.snapshot_text([]) == algo.snapshot_text_sorted({}) == "fazhi-draw/1\n"


@pytest.mark.parametrize("text", [
    "fazhi-draw/2\n",
    "fazhi-draw/1",                                         # no final line feed
    "fazhi-draw/1\nP\tB\t1\nP\tA\t2\n",                     # out of order
    "fazhi-draw/1\nP\tA\t1\nP\tA\t1\n",                     # twice
    "fazhi-draw/1\nP\tE\t1\n",                              # unknown grade
    "fazhi-draw/1\nX\t1\trecently_inspected\nP\tA\t2\n",    # pool line after an excluded line
    "fazhi-draw/1\nP\tA\t1\nX\t1\trecently_inspected\n",    # excluded and in the pool
    "fazhi-draw/1\nQ\tA\t1\n",
])
def test_snapshot_parse_refuses_what_is_not_canonical(text):
    with pytest.raises(algo.DrawInputError):
        algo.snapshot_parse(text)


# --- teams and the result digest ----------------------------------------------------------------------------------


def test_teams_skip_conflicts_and_follow_department_order():
    depts = [algo.Department("org-lead", ("C3", "C1", "C2"), 2), algo.Department("org-b", ("B1", "B2"), 2)]
    items = algo.draw_teams(ZERO_SEED, [("D", "U1"), ("A", "U2")], depts, {"U1": ["C1"]}, first_position=7)
    assert [i.position for i in items] == [7, 8]
    assert [org for org, _ in items[0].teams] == ["org-lead", "org-b"]
    assert set(items[0].teams[0][1]) == {"C2", "C3"}  # C1 steps aside for U1
    assert set(items[0].teams[1][1]) == {"B1", "B2"}
    expected = algo.sample(ZERO_SEED, "team:org-lead:U2", 3, 2)
    assert items[1].teams[0][1] == tuple(["C1", "C2", "C3"][i] for i in expected)  # candidates sorted
    line = items[0].line()
    assert line.startswith("7\tD\tU1\torg-lead:") and ";org-b:" in line
    assert algo.result_digest(items) == hashlib.sha256(
        (items[0].line() + "\n" + items[1].line() + "\n").encode()).hexdigest()


def test_team_impossible_names_the_object_and_department():
    depts = [algo.Department("org-lead", ("C1", "C2"), 2)]
    with pytest.raises(algo.TeamImpossible) as exc:
        algo.draw_teams(ZERO_SEED, [("A", "U1"), ("B", "U2")], depts, {"U2": ["C2"]})
    assert (exc.value.position, exc.value.uscc, exc.value.organisation, exc.value.available) == (2, "U2",
                                                                                                 "org-lead", 1)


def test_run_addition_takes_the_snapshot_objects_without_selection():
    snap = algo.snapshot_parse(algo.snapshot_text([("C", "U9")]))
    pool = {"departments": [{"organisation": "o", "team_size": 2,
                             "inspectors": [{"certificate": "1"}, {"certificate": "2"}]}], "conflicts": {}}
    out = algo.run(seed=ZERO_SEED, kind="addition", snapshot=snap, strata={}, inspector_pool=pool, first_position=31)
    assert [(i.position, i.grade, i.uscc) for i in out.items] == [(31, "C", "U9")]


# --- fairness -----------------------------------------------------------------------------------------------------


def _band(trials: int, p: float, sigmas: float = 5.0) -> tuple[float, float]:
    mean, sd = trials * p, math.sqrt(trials * p * (1 - p))
    return mean - sigmas * sd, mean + sigmas * sd


def test_each_eligible_object_is_drawn_with_its_strata_probability_and_excluded_ones_never():
    """Over 3,000 seeds (derived from a counter, so the test is deterministic), each object's selection count lies
    within 5 standard deviations of the binomial mean for its stratum's probability k/N — a band a fair draw
    leaves with probability below one in a million per object — and the excluded objects are never drawn."""
    pool = ([("A", f"A{i:03d}") for i in range(40)] + [("B", f"B{i:03d}") for i in range(23)]
            + [("C", f"C{i:03d}") for i in range(7)])
    excluded = [(f"B9{i:02d}", "recently_inspected") for i in range(5)]
    snap = algo.snapshot_parse(algo.snapshot_text(pool, excluded))
    ratios = {"A": Decimal("10"), "B": Decimal("25"), "C": Decimal("50"), "D": Decimal("100")}
    strata = algo.strata_for({g: len(snap.pool[g]) for g in algo.GRADES}, ratios)
    assert {g: s["drawn"] for g, s in strata.items()} == {"A": 4, "B": 6, "C": 4, "D": 0}
    trials = 3000
    counts = dict.fromkeys((u for _g, u in pool), 0)
    for i in range(trials):
        drawn = algo.select_objects(counter_seed("fairness", i), snap, strata)
        assert len(drawn) == len(set(drawn)) == 14
        for _grade, uscc in drawn:
            counts[uscc] += 1  # a KeyError here would be an excluded or unknown object drawn
    for grade, uscc in pool:
        low, high = _band(trials, strata[grade]["drawn"] / strata[grade]["pool"])
        assert low <= counts[uscc] <= high, (uscc, counts[uscc], low, high)
    assert set(counts) == {u for _g, u in pool}  # nothing else was drawn, excluded objects included


def test_each_inspector_is_drawn_into_teams_equally_often():
    certificates = tuple(f"150105{i:04d}" for i in range(9))
    depts = [algo.Department("org", certificates, 3)]
    conflicts = {"U": [certificates[0]]}  # certificate 0 never inspects U
    trials = 3000
    counts = dict.fromkeys(certificates, 0)
    for i in range(trials):
        (item,) = algo.draw_teams(counter_seed("teams", i), [("B", "U")], depts, conflicts)
        (_, team), = item.teams
        assert len(set(team)) == 3
        for c in team:
            counts[c] += 1
    assert counts[certificates[0]] == 0
    low, high = _band(trials, 3 / 8)
    assert all(low <= counts[c] <= high for c in certificates[1:]), counts


def test_draw_order_within_a_stratum_is_uniform_too():
    """The first object drawn (position 1 of the stratum) is any of the N with probability 1/N."""
    trials, n = 4000, 8
    first = [0] * n
    for i in range(trials):
        first[algo.sample(counter_seed("order", i), "objects:B", n, 3)[0]] += 1
    low, high = _band(trials, 1 / n)
    assert all(low <= c <= high for c in first), first
