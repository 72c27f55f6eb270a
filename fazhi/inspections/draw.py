"""The draw algorithm `fazhi-draw/1` (docs/draw.md): pure functions, no Django, so that an auditor can read it in
one sitting and re-implement it in any language (scripts/replay_draw.py is a standard-library copy).

Everything random comes from one seed (32 bytes from `secrets`, written as 64 hex digits) through SHA-256 streams
named by a label, so the same seed, snapshot and inspector pool give the same draw on any machine and any Python
version — unlike `random.sample`, whose output depends on the interpreter's generator and its version. Sampling k of
N costs O(k) hashes and O(k) memory (a partial Fisher–Yates shuffle over a sparse swap map), never O(N).

Terms: a *stratum* is the pool of one credit risk grade, sorted by USCC; the *snapshot* is the canonical text of the
pool and the excluded objects whose SHA-256 is the draw's `pool_digest`; the *inspector pool* is the JSON of each
department's eligible inspectors and the declared conflicts; the *result digest* is the SHA-256 of the drawn objects
and their teams in draw order.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import struct
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

ALGORITHM = "fazhi-draw/1"
GRADES = ("A", "B", "C", "D")
SEED_BYTES = 32
_TWO_64 = 1 << 64
_FOUR_U64 = struct.Struct(">4Q")


class DrawInputError(ValueError):
    """Input the algorithm cannot work on (a malformed seed or snapshot, k greater than N …)."""


# --- randomness -------------------------------------------------------------------------------------------------


def new_seed() -> str:
    """A fresh seed from the operating system's cryptographic source, as 64 lower-case hex digits."""
    return secrets.token_bytes(SEED_BYTES).hex()


def seed_bytes(seed: str) -> bytes:
    if not isinstance(seed, str) or len(seed) != 2 * SEED_BYTES:
        raise DrawInputError("the seed must be 64 hex digits")
    try:
        return bytes.fromhex(seed)
    except ValueError as exc:
        raise DrawInputError("the seed must be 64 hex digits") from exc


class Stream:
    """stream(seed, label): blocks SHA-256(seed bytes ‖ label UTF-8 ‖ counter as 8 bytes big-endian) for counter
    0, 1, …; each 32-byte block gives four 64-bit big-endian unsigned integers, used in order."""

    __slots__ = ("_prefix", "_counter", "_buffer", "hashes")

    def __init__(self, seed: str, label: str):
        self._prefix = seed_bytes(seed) + label.encode("utf-8")
        self._counter = 0
        self._buffer: list[int] = []
        self.hashes = 0  # blocks computed so far (the cost the O(k) promise is about)

    def next_u64(self) -> int:
        if not self._buffer:
            block = hashlib.sha256(self._prefix + self._counter.to_bytes(8, "big")).digest()
            self._counter += 1
            self.hashes += 1
            # reversed, so that pop() hands them out in block order
            self._buffer = list(_FOUR_U64.unpack(block))[::-1]
        return self._buffer.pop()

    def uniform(self, m: int) -> int:
        """An integer uniformly distributed in [0, m): rejection sampling, so no value is favoured.
        limit = 2^64 − (2^64 mod m); integers ≥ limit are skipped; the result is x mod m."""
        if not 0 < m <= _TWO_64:
            raise DrawInputError("uniform(m) needs 1 ≤ m ≤ 2^64")
        limit = _TWO_64 - (_TWO_64 % m)
        while True:
            x = self.next_u64()
            if x < limit:
                return x % m


def sample(seed: str, label: str, n: int, k: int) -> list[int]:
    """k distinct indices of 0..n−1 in draw order: a partial Fisher–Yates shuffle over a sparse swap map, fed by
    stream(seed, label). For i in 0..k−1: j = i + uniform(n − i); swap a[i] and a[j]; emit a[i].
    O(k) hashes and memory, whatever n is."""
    return _sample(seed_bytes(seed) + label.encode("utf-8"), n, k)


def sample_reference(seed: str, label: str, n: int, k: int) -> list[int]:
    """`sample` written with `Stream` exactly as docs/draw.md states it (the tests check both agree)."""
    if n < 0 or k < 0 or k > n or n > _TWO_64:
        raise DrawInputError(f"cannot sample {k} of {n}")
    stream = Stream(seed, label)
    swaps: dict[int, int] = {}
    out = []
    for i in range(k):
        j = i + stream.uniform(n - i)
        at_j = swaps.get(j, j)
        swaps[j] = swaps.get(i, i)
        # a[i] is never read again, so it need not be written
        out.append(at_j)
    return out


def _sample(prefix: bytes, n: int, k: int) -> list[int]:
    """`sample_reference` with the stream inlined (a draw samples tens of thousands of teams)."""
    if n < 0 or k < 0 or k > n or n > _TWO_64:
        raise DrawInputError(f"cannot sample {k} of {n}")
    sha256, unpack = hashlib.sha256, _FOUR_U64.unpack
    words: tuple = ()
    used, counter = 4, 0
    swaps: dict[int, int] = {}
    out = []
    for i in range(k):
        m = n - i
        limit = _TWO_64 - _TWO_64 % m
        while True:
            if used == 4:
                words = unpack(sha256(prefix + counter.to_bytes(8, "big")).digest())
                counter += 1
                used = 0
            x = words[used]
            used += 1
            if x < limit:
                break
        j = i + x % m
        at_j = swaps.get(j, j)
        swaps[j] = swaps.get(i, i)
        out.append(at_j)
    return out


# --- sample sizes -----------------------------------------------------------------------------------------------


def stratum_size(n: int, ratio: Decimal | str | int) -> int:
    """k = ceil(n × ratio / 100), exactly (ratio is a decimal percentage 0–100): 5% of 19 → 1, 0% → 0, 100% → n."""
    r = Fraction(str(ratio)) if not isinstance(ratio, int) else Fraction(ratio)
    if r < 0 or r > 100:
        raise DrawInputError(f"ratio out of range: {ratio}")
    num = n * r.numerator
    den = 100 * r.denominator
    return -((-num) // den)


def ratio_text(ratio: Decimal | str | int) -> str:
    """The ratio as recorded in `strata` (the text of the Decimal, e.g. "5.00")."""
    return str(Decimal(str(ratio)))


# --- the snapshot -----------------------------------------------------------------------------------------------


@dataclass
class Snapshot:
    """The pool of a draw: `pool[grade]` is the list of USCCs of that stratum sorted by code point; `excluded` the
    (uscc, reason code) pairs sorted by USCC."""

    pool: dict[str, list[str]] = field(default_factory=lambda: {g: [] for g in GRADES})
    excluded: list[tuple[str, str]] = field(default_factory=list)

    @property
    def size(self) -> int:
        return sum(len(v) for v in self.pool.values())

    def ordered(self) -> Iterator[tuple[str, str]]:
        for grade in GRADES:
            for uscc in self.pool[grade]:
                yield grade, uscc


def snapshot_text(pool: Iterable[tuple[str, str]], excluded: Iterable[tuple[str, str]] = ()) -> str:
    """The canonical snapshot text: "fazhi-draw/1", then "P\\t<grade>\\t<uscc>" per pool object sorted by (grade,
    uscc), then "X\\t<uscc>\\t<reason code>" per excluded object sorted by uscc; every line ends with "\\n"."""
    parts = [ALGORITHM, "\n"]
    for grade, uscc in sorted(pool):
        if grade not in GRADES:
            raise DrawInputError(f"unknown grade {grade!r}")
        parts.append(f"P\t{grade}\t{uscc}\n")
    for uscc, reason in sorted(excluded):
        parts.append(f"X\t{uscc}\t{reason}\n")
    return "".join(parts)


def snapshot_text_sorted(pool_by_grade: dict[str, Sequence[str]], excluded: Sequence[tuple[str, str]] = ()) -> str:
    """snapshot_text for strata already sorted (the service's fast path: no re-sort of a million lines)."""
    chunks = [ALGORITHM + "\n"]
    for grade in GRADES:
        usccs = pool_by_grade.get(grade) or ()
        if usccs:
            prefix = f"P\t{grade}\t"
            chunks.append(prefix + f"\n{prefix}".join(usccs) + "\n")
    if excluded:
        chunks.append("".join(f"X\t{uscc}\t{reason}\n" for uscc, reason in excluded))
    return "".join(chunks)


def snapshot_parse(text: str) -> Snapshot:
    """Parse and check a snapshot: header, line kinds, order (strictly increasing), no USCC twice."""
    lines = text.split("\n")
    if not lines or lines[0] != ALGORITHM:
        raise DrawInputError(f"the snapshot does not start with {ALGORITHM}")
    if lines[-1] != "":
        raise DrawInputError("the snapshot's last line does not end with a line feed")
    snap = Snapshot()
    last_pool: tuple[str, str] | None = None
    last_excluded: str | None = None
    seen: set[str] = set()
    for number, line in enumerate(lines[1:-1], start=2):
        parts = line.split("\t")
        if len(parts) != 3 or parts[0] not in ("P", "X"):
            raise DrawInputError(f"line {number}: not a P or X line")
        if parts[0] == "P":
            if last_excluded is not None:
                raise DrawInputError(f"line {number}: a pool line after an excluded line")
            grade, uscc = parts[1], parts[2]
            if grade not in GRADES:
                raise DrawInputError(f"line {number}: unknown grade {grade!r}")
            if last_pool is not None and (grade, uscc) <= last_pool:
                raise DrawInputError(f"line {number}: pool lines out of order")
            last_pool = (grade, uscc)
            snap.pool[grade].append(uscc)
        else:
            uscc, reason = parts[1], parts[2]
            if last_excluded is not None and uscc <= last_excluded:
                raise DrawInputError(f"line {number}: excluded lines out of order")
            last_excluded = uscc
            snap.excluded.append((uscc, reason))
        if uscc in seen:
            raise DrawInputError(f"line {number}: {uscc} appears twice")
        seen.add(uscc)
    return snap


def sha256_hex(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def canonical_json(data) -> bytes:
    """Sorted keys, no insignificant white space, UTF-8 as itself (as fazhi.records.services.canonical_json)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def inspector_pool_digest(inspector_pool: dict) -> str:
    return sha256_hex(canonical_json(inspector_pool))


# --- the draw ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Department:
    """One department's inspector pool: its organisation's public id, eligible certificate numbers, team size."""

    organisation: str
    certificates: tuple[str, ...]
    team_size: int


class DrawnItem(NamedTuple):
    """One drawn object with its teams, in draw order (a tuple: a draw makes tens of thousands)."""

    position: int
    grade: str
    uscc: str
    teams: tuple[tuple[str, tuple[str, ...]], ...]  # ((organisation public id, (certificate, …)), …)

    def line(self) -> str:
        teams = ";".join(f"{org}:{','.join(certs)}" for org, certs in self.teams)
        return f"{self.position}\t{self.grade}\t{self.uscc}\t{teams}"


class TeamImpossible(Exception):  # noqa: N818 - a refusal, not a programming error
    """A drawn object for which a department has fewer inspectors left than the team size (GB58-RECUSAL)."""

    def __init__(self, *, position: int, grade: str, uscc: str, organisation: str, available: int,
                 team_size: int):
        self.position, self.grade, self.uscc = position, grade, uscc
        self.organisation, self.available, self.team_size = organisation, available, team_size
        super().__init__(f"{uscc}: {organisation} has {available} inspectors left, needs {team_size}")


def departments_from_pool(inspector_pool: dict) -> list[Department]:
    """Departments in their recorded order, each with its certificates sorted by code point."""
    return [
        Department(organisation=str(d["organisation"]),
                   certificates=tuple(sorted(str(i["certificate"]) for i in d["inspectors"])),
                   team_size=int(d["team_size"]))
        for d in inspector_pool["departments"]
    ]


def select_indices(seed: str, sizes: dict[str, int], strata: dict) -> list[tuple[str, int]]:
    """(grade, index into the stratum) in draw order: strata A, B, C, D in turn, each
    `sample("objects:<grade>", N, k)` with N = `sizes[grade]` and k = `strata[grade]["drawn"]`."""
    drawn = []
    seed_b = seed_bytes(seed)
    for grade in GRADES:
        k = int((strata.get(grade) or {}).get("drawn", 0))
        drawn.extend((grade, index) for index in _sample(seed_b + f"objects:{grade}".encode(), sizes.get(grade, 0), k))
    return drawn


def select_objects(seed: str, snapshot: Snapshot, strata: dict) -> list[tuple[str, str]]:
    """The drawn (grade, uscc) in draw order (select_indices over the snapshot's strata)."""
    sizes = {grade: len(snapshot.pool[grade]) for grade in GRADES}
    return [(grade, snapshot.pool[grade][i]) for grade, i in select_indices(seed, sizes, strata)]


def strata_for(sizes: dict[str, int], ratios: dict) -> dict:
    """{grade: {"pool": N, "ratio": "5.00", "drawn": ceil(N × ratio / 100)}} for every grade, in grade order."""
    return {grade: {"pool": sizes.get(grade, 0), "ratio": ratio_text(ratios[grade]),
                    "drawn": stratum_size(sizes.get(grade, 0), ratios[grade])} for grade in GRADES}


def draw_teams(seed: str, objects: Sequence[tuple[str, str]], departments: Sequence[Department],
               conflicts: dict[str, Iterable[str]], *, first_position: int = 1) -> list[DrawnItem]:
    """For each drawn object in order and each department in order: candidates = the department's certificates
    (sorted) minus those in conflict with the object; `sample("team:<org>:<uscc>", len(candidates), team size)`.
    Raises TeamImpossible when a department has fewer candidates than its team size."""
    out = []
    seed_b = seed_bytes(seed)
    ordered = [(dept, tuple(sorted(dept.certificates)), seed_b + f"team:{dept.organisation}:".encode())
               for dept in departments]
    for offset, (grade, uscc) in enumerate(objects):
        position = first_position + offset
        recused = conflicts.get(uscc)
        uscc_b = uscc.encode("utf-8")
        teams = []
        for dept, certificates, prefix in ordered:
            candidates = [c for c in certificates if c not in recused] if recused else certificates
            if len(candidates) < dept.team_size:
                raise TeamImpossible(position=position, grade=grade, uscc=uscc, organisation=dept.organisation,
                                     available=len(candidates), team_size=dept.team_size)
            picked = _sample(prefix + uscc_b, len(candidates), dept.team_size)
            teams.append((dept.organisation, tuple(candidates[i] for i in picked)))
        out.append(DrawnItem(position=position, grade=grade, uscc=uscc, teams=tuple(teams)))
    return out


def result_text(items: Iterable[DrawnItem]) -> str:
    """One line per drawn object, "<position>\\t<grade>\\t<uscc>\\t<org>:<cert>,<cert>;<org>:…", each ending "\\n"."""
    return "".join(item.line() + "\n" for item in items)


def result_digest(items: Iterable[DrawnItem]) -> str:
    return sha256_hex(result_text(items))


@dataclass
class Outcome:
    strata: dict
    items: list[DrawnItem]
    result_digest: str


def run(*, seed: str, kind: str, snapshot: Snapshot, strata: dict | None, inspector_pool: dict,
        first_position: int = 1) -> Outcome:
    """The whole draw from what is recorded. `kind` "addition": no selection, the snapshot's pool objects are the
    drawn list in snapshot order; otherwise `strata` gives each grade's sample size."""
    if kind == "addition":
        objects = list(snapshot.ordered())
        strata = {}
    else:
        objects = select_objects(seed, snapshot, strata or {})
    conflicts = inspector_pool.get("conflicts") or {}
    items = draw_teams(seed, objects, departments_from_pool(inspector_pool), conflicts,
                       first_position=first_position)
    return Outcome(strata=strata or {}, items=items, result_digest=result_digest(items))
