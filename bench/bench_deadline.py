"""deadline() calls per second (issue 3 goal: well over 10,000/s so that list pages can show computed dates).

Run: .venv/bin/python bench/bench_deadline.py
"""

import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from fazhi.core.deadlines import deadline  # noqa: E402
from fazhi.core.rule_table import RULES  # noqa: E402
from fazhi.core.workdays import WorkCalendar, package_year  # noqa: E402


def main() -> None:
    rng = random.Random(7)
    cal = WorkCalendar(loader=package_year)
    forward = [r.id for r in RULES if r.kind in ("WD", "CD", "M")]
    starts = [dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 8)) for _ in range(2000)]
    calls = [(rng.choice(forward), rng.choice(starts)) for _ in range(50_000)]
    for rule_id, start in calls[:2000]:  # warm the per-year cache
        deadline(rule_id, start, cal=cal)
    print(f"{'rule mix':<28}{'calls':>10}{'seconds':>10}{'calls/s':>12}")
    for label, subset in (("all forward rules", calls),
                          ("WD rules only", [c for c in calls if c[0] in {r.id for r in RULES if r.kind == 'WD'}]),
                          ("CD/M rules only", [c for c in calls if c[0] in {r.id for r in RULES if r.kind != 'WD'}])):
        t0 = time.perf_counter()
        for rule_id, start in subset:
            deadline(rule_id, start, cal=cal)
        elapsed = time.perf_counter() - t0
        print(f"{label:<28}{len(subset):>10}{elapsed:>10.2f}{len(subset) / elapsed:>12,.0f}")


if __name__ == "__main__":
    main()
