"""demo_district at the seed's scale: seconds, and the rows it created (issue 2 goal: under 60 s on SQLite on a
2-core machine).

Run: .venv/bin/python bench/bench_demo_district.py [--seed 2017] [--scale 1] [--database-url postgres://…/postgres]

Without --database-url a throwaway SQLite file (and var directory) under /tmp is created, migrated and removed.
With it, a throwaway database named fazhi_bench_demo_<pid> is created on that PostgreSQL server, used and
dropped (the URL's own database is only used to connect).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="fazhi-bench-demo-"))
    os.environ["FAZHI_VAR_DIR"] = str(tmp)  # the huey file and media go here, not into ./var
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    pg_admin = pg_name = None
    if args.database_url:
        import dj_database_url
        import psycopg

        cfg = dj_database_url.parse(args.database_url)
        pg_name = f"fazhi_bench_demo_{os.getpid()}"
        pg_admin = psycopg.connect(host=cfg["HOST"] or "localhost", port=cfg["PORT"] or 5432, user=cfg["USER"],
                                   password=cfg["PASSWORD"] or None, dbname=cfg["NAME"] or "postgres",
                                   autocommit=True)
        pg_admin.execute(f'CREATE DATABASE "{pg_name}"')
        base = args.database_url.rsplit("/", 1)[0]
        os.environ["DATABASE_URL"] = f"{base}/{pg_name}"
    else:
        os.environ.pop("DATABASE_URL", None)
        os.environ["SQLITE_PATH"] = str(tmp / "bench.sqlite3")

    try:
        import django

        django.setup()
        from django.apps import apps
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0, interactive=False)
        models = [apps.get_model(label) for label in (
            "orgs.Jurisdiction", "orgs.Organisation", "orgs.EnforcementBody", "orgs.LegalLiaison",
            "orgs.EnforcementCategory", "personnel.Officer", "personnel.Certificate", "personnel.Training",
            "personnel.ExamResult", "personnel.VolunteerSupervisor", "accounts.User", "records.Entry",
            "records.Ledger", "enforcement.Case", "inspections.InspectionObject", "inspections.InspectionPlan",
            "inspections.InspectionTask", "inspections.Draw", "inspections.DrawnObject",
            "inspections.InspectionResult",
        )]
        before = {m: m.objects.count() for m in models}
        started = time.perf_counter()
        call_command("demo_district", seed=args.seed, scale=args.scale, stdout=io.StringIO())
        elapsed = time.perf_counter() - started

        print(f"demo_district seed={args.seed} scale={args.scale} on {connection.vendor}: {elapsed:.1f} s")
        print(f"{'table':<32}{'rows':>10}")
        for model in models:
            print(f"{model._meta.label:<32}{model.objects.count() - before[model]:>10,}")
        passed = apps.get_model("personnel.ExamResult").objects.filter(passed=True).count()
        print(f"{'  of which passed exams':<32}{passed:>10,}")
        connection.close()
    finally:
        if pg_admin is not None:
            pg_admin.execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
            pg_admin.close()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
