"""records.append: appends per second to one ledger and to 25 ledgers, from 1 and from 2 processes, on SQLite and
on PostgreSQL. Each append is its own transaction, as a service's would be. After each run the chains are verified
(the figures are only worth something if no chain forked or skipped a number).

Run: .venv/bin/python bench/bench_records_append.py [--database-url URL] [--appends N]
Default: a temporary SQLite file, then PostgreSQL at postgres://postgres@127.0.0.1:5432/fazhi_bench_e if reachable
(that database is dropped and re-created). Prints figures; asserts nothing.
"""

import argparse
import atexit
import multiprocessing as mp
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/fazhi_bench_e"


def _setup(url: str | None) -> None:
    """Point Django at the bench database (before django.setup()) and migrate it."""
    sys.path.insert(0, str(ROOT))
    tmp = tempfile.mkdtemp(prefix="fazhi-bench-append-")
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    os.environ["FAZHI_VAR_DIR"] = tmp
    if url:
        os.environ["DATABASE_URL"] = url
    else:
        os.environ.pop("DATABASE_URL", None)
        os.environ["SQLITE_PATH"] = str(Path(tmp) / "bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _worker(ledger_keys: list[str], appends: int, start, tag: str) -> None:
    from django.db import connections, transaction

    from fazhi.records import services as records

    start.wait()
    for i in range(appends):
        key = ledger_keys[i % len(ledger_keys)]
        with transaction.atomic():
            records.append(ledger_key=key, ledger_name=key, actor=None, action="officer.changed",
                           subject_type="personnel.Officer", subject_id=f"{tag}-{i}",
                           payload={"changes": {"phone": ["0471-0000000", f"0471-{i:07d}"]}, "worker": tag})
    connections.close_all()


def _scenario(label: str, processes: int, ledgers: int, appends: int) -> None:
    from django.db import connections

    from fazhi.records.models import Entry
    from fazhi.records.verification import verify_all

    prefix = f"body:{label.replace(' ', '-')}"
    keys = [f"{prefix}-{n:02d}" for n in range(ledgers)]
    connections.close_all()  # never share a connection with a forked child
    ctx = mp.get_context("fork")
    start = ctx.Event()
    pool = [ctx.Process(target=_worker, args=(keys, appends, start, f"p{n}")) for n in range(processes)]
    for p in pool:
        p.start()
    time.sleep(0.5)  # let the children import and connect
    t0 = time.perf_counter()
    start.set()
    for p in pool:
        p.join()
    elapsed = time.perf_counter() - t0
    total = Entry.objects.filter(ledger__key__startswith=prefix).count()
    reports = [r for r in verify_all() if r.ledger_key.startswith(prefix)]
    intact = all(r.ok for r in reports) and sum(r.entries for r in reports) == processes * appends
    print(f"{label:<34}{processes:>6}{ledgers:>8}{total:>9,}{elapsed:>9.2f}{total / elapsed:>12,.0f}   "
          f"{'chains intact' if intact else 'CHAINS BROKEN'}")


def run(url: str | None, appends: int) -> None:
    _setup(url)
    from django.db import connection

    print(f"\n{connection.vendor} ({url or os.environ['SQLITE_PATH']})")
    print(f"{'scenario':<34}{'procs':>6}{'ledgers':>8}{'appends':>9}{'seconds':>9}{'appends/s':>12}")
    _scenario("one ledger, 1 process", 1, 1, appends)
    _scenario("one ledger, 2 processes", 2, 1, appends)
    _scenario("25 ledgers, 1 process", 1, 25, appends)
    _scenario("25 ledgers, 2 processes", 2, 25, appends)


def _fresh_pg(url: str) -> bool:
    """Drop and re-create the bench database; False when PostgreSQL is not reachable."""
    import psycopg

    base, name = url.rsplit("/", 1)
    try:
        with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        print(f"\nPostgreSQL not reachable at {url}: {exc}".rstrip())
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", help="only this database (postgres://…); default: SQLite, then PostgreSQL")
    parser.add_argument("--appends", type=int, default=1500, help="appends per process per scenario")
    parser.add_argument("--run", help=argparse.SUPPRESS)  # internal: one backend per interpreter
    args = parser.parse_args()
    if args.run is not None:
        run(args.run or None, args.appends)
        return
    targets = [args.database_url] if args.database_url else ["", DEFAULT_PG]
    for url in targets:
        if url and not _fresh_pg(url):
            continue
        subprocess.run([sys.executable, __file__, "--run", url, "--appends", str(args.appends)], check=False)


if __name__ == "__main__":
    main()
