"""Law library at 100,000 articles: import through law_import (articles/s), then keyword search — 200 queries
of 2–6 characters cut from the real texts — timed as the search screen runs it (count + first page of 50 +
snippets): median and 95th percentile per query.

Run: .venv/bin/python bench/bench_law_library.py [--articles 100000] [--queries 200]
                                                  [--database-url postgres://…/fazhi_bench]

Without --database-url a throwaway SQLite file under /tmp is created, migrated and removed. With it, that
database is migrated and its laws are deleted first: give it a scratch database. The articles are the 967 real
articles of the 15 texts in fazhi/powers/data/laws, renumbered and repeated across synthetic laws, so the text
(and so the index) is realistic.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--seed", type=int, default=4)
    return parser.parse_args()


def setup_django(database_url: str) -> str:
    workdir = tempfile.mkdtemp(prefix="fazhi-bench-laws-")
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
        os.environ["SQLITE_PATH"] = os.path.join(workdir, "bench.sqlite3")
    os.environ["FAZHI_VAR_DIR"] = workdir
    os.environ["MEDIA_ROOT"] = os.path.join(workdir, "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return workdir


def real_articles() -> list[str]:
    from fazhi.powers import law_parser

    texts = []
    for path in sorted((ROOT / "fazhi" / "powers" / "data" / "laws").glob("*.md")):
        for article in law_parser.parse(path.read_text(encoding="utf-8")).articles:
            texts.append(article.text)
    return texts


def synthetic_law(n: int, bodies: list[str], start: int, count: int) -> str:
    from fazhi.powers.law_parser import int_to_cn

    lines = [f"# 合成法规第{n}号", "", "2020年1月1日 合成机关令第1号公布", "", "<!-- INFO END -->", ""]
    per_chapter = 40
    for i in range(count):
        if i % per_chapter == 0:
            lines += [f"## 第{int_to_cn(i // per_chapter + 1)}章 第{i // per_chapter + 1}部分", ""]
        body = bodies[(start + i) % len(bodies)].replace("\n", "\n\n")
        lines += [f"第{int_to_cn(i + 1)}条 {body}", ""]
    return "\n".join(lines)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def main() -> None:
    args = parse_args()
    workdir = setup_django(args.database_url)
    try:
        run(args)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(args) -> None:
    from django.core.paginator import Paginator
    from django.db import connection

    from fazhi.powers import law_search, selectors, services
    from fazhi.powers.models import Article, Law

    Law.objects.all().delete()
    rng = random.Random(args.seed)
    bodies = real_articles()
    index = law_search.install(connection)
    print(f"database: {connection.vendor}, search index: {index}, real articles repeated: {len(bodies)}")

    per_law = 1000  # 民法典-sized laws are ~1,260 articles; most are far shorter
    laws, made, started = 0, 0, time.perf_counter()
    while made < args.articles:
        count = min(per_law, args.articles - made)
        text = synthetic_law(laws + 1, bodies, start=rng.randrange(len(bodies)), count=count)
        services.law_import(by=None, text=text, level="admin_regulation", version="合成")
        made += count
        laws += 1
    elapsed = time.perf_counter() - started
    print(f"import: {made:,} articles in {laws} laws, {elapsed:.1f} s, {made / elapsed:,.0f} articles/s "
          f"(parse + insert + index + record)")
    assert Article.objects.count() == made

    words = []
    cjk = re.compile(r"[\u4e00-\u9fff]{6,}")
    runs = [m.group(0) for body in bodies for m in cjk.finditer(body)]
    while len(words) < args.queries:
        run_ = rng.choice(runs)
        length = rng.randint(2, 6)
        start = rng.randrange(0, len(run_) - length + 1)
        words.append(run_[start:start + length])

    class Reader:
        is_authenticated = True

    user = Reader()
    timings = {"all": [], "short (2)": [], "long (3-6)": []}
    hits = []
    for word in words:
        t0 = time.perf_counter()
        qs = selectors.article_search(user=user, query=word)
        page = Paginator(qs, 50).get_page(1)
        shown = [law_search.snippet(a.text, word) for a in page.object_list]
        elapsed = time.perf_counter() - t0
        hits.append(page.paginator.count)
        timings["all"].append(elapsed)
        timings["short (2)" if len(word) < 3 else "long (3-6)"].append(elapsed)
        assert len(shown) == min(50, page.paginator.count)
    print(f"search: {len(words)} queries, hits per query median {statistics.median(hits):,.0f}, max {max(hits):,}")
    print(f"{'queries':<14}{'n':>6}{'median ms':>12}{'p95 ms':>10}{'max ms':>10}")
    for label, values in timings.items():
        if values:
            print(f"{label:<14}{len(values):>6}{statistics.median(values) * 1000:>12.1f}"
                  f"{percentile(values, 95) * 1000:>10.1f}{max(values) * 1000:>10.1f}")


if __name__ == "__main__":
    main()
