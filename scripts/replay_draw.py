#!/usr/bin/env python3
"""Replay a random-inspection draw (随机抽取) offline. Python standard library only: copy this one file anywhere and run

    python3 replay_draw.py 备选对象快照.txt.gz 抽取记录.json

The two files are what the public page of a draw offers: the pool snapshot (gzip) and the draw's evidence as JSON
(seed, algorithm, strata, inspector pool, digests). This script is an independent copy of the algorithm
`fazhi-draw/1` (docs/draw.md; the platform's own is fazhi/inspections/draw.py). What it does:

1. checks the snapshot file against the recorded SHA-256 of the file and of its text (pool_digest), and its format;
2. checks the inspector pool against inspector_pool_digest;
3. checks every stratum's pool size and sample size (ceil(N × ratio / 100));
4. recomputes the draw from the seed — the objects stratum by stratum, then each department's team for each
   object — prints the drawn list, and compares its SHA-256 with the recorded result_digest.

Exit status 0 when everything matches, 1 on the first kind of difference (all differences are printed).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
import sys
from fractions import Fraction

ALGORITHM = "fazhi-draw/1"
GRADES = ("A", "B", "C", "D")
TWO_64 = 1 << 64
FOUR_U64 = struct.Struct(">4Q")


class Stream:
    """Blocks SHA-256(seed bytes ‖ label UTF-8 ‖ counter 8 bytes big-endian), four 64-bit big-endian integers each."""

    def __init__(self, seed: str, label: str):
        self.prefix = bytes.fromhex(seed) + label.encode("utf-8")
        self.counter = 0
        self.buffer: list[int] = []

    def next_u64(self) -> int:
        if not self.buffer:
            block = hashlib.sha256(self.prefix + self.counter.to_bytes(8, "big")).digest()
            self.counter += 1
            self.buffer = list(FOUR_U64.unpack(block))[::-1]
        return self.buffer.pop()

    def uniform(self, m: int) -> int:
        limit = TWO_64 - (TWO_64 % m)
        while True:
            x = self.next_u64()
            if x < limit:
                return x % m


def sample(seed: str, label: str, n: int, k: int) -> list[int]:
    """Partial Fisher–Yates with a sparse swap map: for i < k, j = i + uniform(n − i), swap, emit a[i]."""
    if k > n or n > TWO_64:
        raise ValueError(f"cannot sample {k} of {n}")
    stream = Stream(seed, label)
    swaps: dict[int, int] = {}
    out = []
    for i in range(k):
        j = i + stream.uniform(n - i)
        at_j = swaps.get(j, j)
        swaps[j] = swaps.get(i, i)
        out.append(at_j)
    return out


def stratum_size(n: int, ratio: str) -> int:
    r = Fraction(str(ratio))
    return -((-n * r.numerator) // (100 * r.denominator))


def canonical_json(data) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def parse_snapshot(text: str) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
    lines = text.split("\n")
    if lines[0] != ALGORITHM or lines[-1] != "":
        raise ValueError(f"the snapshot must start with {ALGORITHM} and end with a line feed")
    pool: dict[str, list[str]] = {g: [] for g in GRADES}
    excluded: list[tuple[str, str]] = []
    last = None
    for number, line in enumerate(lines[1:-1], start=2):
        parts = line.split("\t")
        if len(parts) != 3 or parts[0] not in ("P", "X"):
            raise ValueError(f"line {number}: not a P or X line")
        if parts[0] == "P":
            if excluded or parts[1] not in GRADES or (last is not None and (parts[1], parts[2]) <= last):
                raise ValueError(f"line {number}: pool line out of order or unknown grade")
            last = (parts[1], parts[2])
            pool[parts[1]].append(parts[2])
        else:
            if excluded and parts[1] <= excluded[-1][0]:
                raise ValueError(f"line {number}: excluded lines out of order")
            excluded.append((parts[1], parts[2]))
    return pool, excluded


def replay(snapshot_bytes: bytes, evidence: dict) -> tuple[bool, list[str], list[str]]:
    """(all match, messages, drawn lines)."""
    ok, messages = True, []

    def bad(text):
        nonlocal ok
        ok = False
        messages.append("MISMATCH " + text)

    if evidence.get("algorithm") != ALGORITHM:
        bad(f"algorithm {evidence.get('algorithm')!r} is not {ALGORITHM}")
        return ok, messages, []
    if snapshot_bytes[:2] == b"\x1f\x8b":
        if evidence.get("pool_file_sha256") and hashlib.sha256(snapshot_bytes).hexdigest() != evidence[
                "pool_file_sha256"]:
            bad("the snapshot file's SHA-256 differs from pool_file_sha256")
        snapshot_bytes = gzip.decompress(snapshot_bytes)
    text = snapshot_bytes.decode("utf-8")
    digest = hashlib.sha256(snapshot_bytes).hexdigest()
    if digest != evidence["pool_digest"]:
        bad(f"snapshot SHA-256 {digest} differs from pool_digest {evidence['pool_digest']}")
    else:
        messages.append(f"OK snapshot SHA-256 {digest}")
    pool, excluded = parse_snapshot(text)
    size = sum(len(v) for v in pool.values())
    if size != evidence["pool_size"]:
        bad(f"the snapshot has {size} pool objects, the record says {evidence['pool_size']}")
    inspectors = evidence["inspector_pool"]
    ip_digest = hashlib.sha256(canonical_json(inspectors)).hexdigest()
    if ip_digest != evidence["inspector_pool_digest"]:
        bad(f"inspector pool SHA-256 {ip_digest} differs from inspector_pool_digest")
    else:
        messages.append(f"OK inspector pool SHA-256 {ip_digest}")

    if evidence["kind"] == "addition":
        objects = [(g, u) for g in GRADES for u in pool[g]]
    else:
        objects = []
        for grade in GRADES:
            s = evidence["strata"].get(grade) or {}
            n = len(pool[grade])
            k = stratum_size(n, s.get("ratio", "0"))
            if s.get("pool") != n or s.get("drawn") != k:
                bad(f"stratum {grade}: recorded pool {s.get('pool')} drawn {s.get('drawn')}, "
                    f"recomputed pool {n} drawn {k}")
            objects.extend((grade, pool[grade][i]) for i in sample(evidence["seed"], f"objects:{grade}", n,
                                                                     int(s.get("drawn", 0))))
        messages.append(f"OK strata: {len(objects)} of {size} objects ({len(excluded)} excluded)")

    departments = [(d["organisation"], sorted(i["certificate"] for i in d["inspectors"]), int(d["team_size"]))
                   for d in inspectors["departments"]]
    conflicts = inspectors.get("conflicts") or {}
    lines = []
    position = int(evidence.get("first_position") or 1)
    for grade, uscc in objects:
        recused = set(conflicts.get(uscc, ()))
        teams = []
        for org, certificates, team_size in departments:
            candidates = [c for c in certificates if c not in recused]
            if len(candidates) < team_size:
                bad(f"{uscc}: {org} has {len(candidates)} inspectors after recusals, needs {team_size}")
                return ok, messages, lines
            picked = sample(evidence["seed"], f"team:{org}:{uscc}", len(candidates), team_size)
            teams.append(f"{org}:{','.join(candidates[i] for i in picked)}")
        lines.append(f"{position}\t{grade}\t{uscc}\t{';'.join(teams)}")
        position += 1
    result = hashlib.sha256("".join(line + "\n" for line in lines).encode("utf-8")).hexdigest()
    if result != evidence["result_digest"]:
        bad(f"result SHA-256 {result} differs from result_digest {evidence['result_digest']}")
    else:
        messages.append(f"OK result SHA-256 {result} matches result_digest")
    return ok, messages, lines


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    with open(argv[1], "rb") as handle:
        snapshot = handle.read()
    with open(argv[2], encoding="utf-8") as handle:
        evidence = json.load(handle)
    task = evidence.get("task") or {}
    print(f"draw {evidence.get('seq')} ({evidence.get('kind')}) of task {task.get('number', '')}, "
          f"seed {evidence.get('seed')}")
    try:
        ok, messages, lines = replay(snapshot, evidence)
    except (ValueError, KeyError, TypeError, EOFError, OSError) as exc:
        print(f"MISMATCH cannot replay: {exc}")
        return 1
    print("position\tgrade\tUSCC\tteams (organisation:certificates)")
    for line in lines:
        print(line)
    for message in messages:
        print(message)
    print("IDENTICAL" if ok else "DIFFERENT")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
