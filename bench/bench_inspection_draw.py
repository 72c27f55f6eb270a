"""A random-inspection draw over 1,000,000 objects with filters and exclusions (issue 6): seconds per phase of
`task_draw` — pool query, selection, teams, snapshot, persistence — and in total, against the goal of under 1 s.

Run: .venv/bin/python bench/bench_inspection_draw.py [--objects 1000000] [--db sqlite|postgres] [--repeat 3]
     [--scenarios single,joint,wide] [--rebuild] [--explain] [--sqlite-cache-mb N]

The database is built once and cached: SQLite under var/bench/inspection_draw_<N>.sqlite3, PostgreSQL in the
database fazhi_bench_inspection_draw (DATABASE_URL=postgres://postgres@127.0.0.1:5432/fazhi_bench_inspection_draw,
or BENCH_DATABASE_URL; created when missing — a scratch database). The world: two departments (market regulation
with 60 certified inspectors, urban management with 40), ten towns, N objects inserted with a raw executemany (COPY
on PostgreSQL; grades A 55% / B 38% / C 5.5% / D 1.5%, eight industries, 95% active), 20,000 inspections in the last
year by the two departments (some of grade D, which are never excluded) and 2,000 declared conflicts of interest.

Each measured draw is a new task drawn through `fazhi.inspections.services.draws.task_draw` (ratios A 2 / B 5 /
C 20 / D 100, team of two per department) and committed; the draws stay in the database (ledger entries cannot be
deleted), so a repeated run draws over the same pool with a few more drawn rows. Scenarios:
  single — market regulation alone, two of eight industries, active objects (≈ 24% of the pool, ≈ 5.6% drawn);
  joint  — both departments, three of ten towns, active objects (≈ 29% of the pool, two teams per object);
  wide   — market regulation alone, no filter: the whole active pool (≈ 950,000 objects, ≈ 5.5% drawn).
Printed per phase: wall-clock seconds, and CPU seconds of this process (SQLite works inside it) and of the
PostgreSQL server process of the connection (read from /proc: the bench expects the server on this machine). On a
machine shared with other work the wall clock carries that load; the CPU figures are what the draw itself costs.
The pool query is served by the covering indexes of models.py (industry or jurisdiction, status, grade, USCC).
Drop the PostgreSQL scratch database with `dropdb -h 127.0.0.1 -U postgres fazhi_bench_inspection_draw`.
"""

from __future__ import annotations

import argparse
import atexit
import datetime as dt
import os
import random
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DIR = ROOT / "var" / "bench"
PG_URL = "postgres://postgres@127.0.0.1:5432/fazhi_bench_inspection_draw"
INDUSTRIES = ["餐饮业", "零售业", "食品制造业", "住宿业", "批发业", "居民服务业", "道路运输业", "娱乐业"]
GRADES = [("A", 0.55), ("B", 0.38), ("C", 0.055), ("D", 0.015)]
ENTITY_TYPES = ["个体工商户", "有限责任公司", "个人独资企业", "农民专业合作社"]
START, END = dt.date(2026, 12, 1), dt.date(2026, 12, 20)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"


def setup_env(args) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["FAZHI_VAR_DIR"] = str(BENCH_DIR / "var")
    media = tempfile.mkdtemp(prefix="fazhi-bench-draw-media-")  # the snapshot files of the measured draws
    atexit.register(shutil.rmtree, media, ignore_errors=True)
    os.environ["MEDIA_ROOT"] = media
    if args.db == "postgres":
        os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", PG_URL)
        os.environ.pop("SQLITE_PATH", None)
        ensure_pg_database(os.environ["DATABASE_URL"])
    else:
        os.environ.pop("DATABASE_URL", None)
        path = BENCH_DIR / f"inspection_draw_{args.objects}.sqlite3"
        if args.rebuild:
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
        os.environ["SQLITE_PATH"] = str(path)


def ensure_pg_database(url: str) -> None:
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    with psycopg.connect(host=cfg["HOST"] or "localhost", port=cfg["PORT"] or 5432, user=cfg["USER"],
                         password=cfg["PASSWORD"] or None, dbname="postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]]).fetchone():
            conn.execute(f'CREATE DATABASE "{cfg["NAME"]}"')


def uscc(n: int) -> str:
    from fazhi.core.validators import USCC_ALPHABET, uscc_check_char

    body = "92150105" + "".join(USCC_ALPHABET[(n // 31**i) % 31] for i in range(9))[::-1]
    return body + uscc_check_char(body)


def world():
    """The departments, towns, inspectors and a planning user (idempotent)."""
    from fazhi.accounts.enums import Role
    from fazhi.accounts.models import User
    from fazhi.orgs.enums import BodyBasis, JurisdictionLevel, OrganisationType
    from fazhi.orgs.models import EnforcementBody, EnforcementCategory, Jurisdiction, Organisation
    from fazhi.personnel.enums import Gender, StaffType
    from fazhi.personnel.models import Certificate, Officer

    district, _ = Jurisdiction.objects.get_or_create(code="150105", defaults={
        "name": "赛罕区", "level": JurisdictionLevel.DISTRICT})
    towns = [Jurisdiction.objects.get_or_create(code=f"150105{100 + i:03d}", defaults={
        "name": f"第{i + 1}镇", "level": JurisdictionLevel.TOWN, "parent": district})[0] for i in range(10)]
    market, _ = EnforcementCategory.objects.get_or_create(code="market", defaults={"name": "市场监管"})
    urban, _ = EnforcementCategory.objects.get_or_create(code="urban", defaults={"name": "城市管理"})
    depts = []
    for name, category, inspectors, region in (("赛罕区市场监督管理局", market, 60, 1), ("赛罕区城市管理综合执法局", urban, 40, 2)):
        org, _ = Organisation.objects.get_or_create(name=name, defaults={
            "org_type": OrganisationType.DEPARTMENT, "jurisdiction": district})
        body, created = EnforcementBody.objects.get_or_create(name=name, defaults={
            "organisation": org, "basis": BodyBasis.STATUTORY})
        if created:
            body.categories.set([category])
        if not Officer.objects.filter(organisation=org).exists():
            from fazhi.core.validators import id_check_char

            for i in range(inspectors):
                first17 = f"150105{1970 + i % 30}0{1 + i % 9}1{region}{i:03d}"[:17]
                officer = Officer.objects.create(name=SURNAMES[i % len(SURNAMES)] + "检查员" + str(i),
                                                 gender=Gender.MALE, id_number=first17 + id_check_char(first17),
                                                 organisation=org, staff_type=StaffType.CIVIL_SERVANT)
                cert = Certificate.objects.create(number=f"1501050{region}{i:05d}", officer=officer,
                                                  issuing_authority="内蒙古自治区人民政府", area="赛罕区",
                                                  valid_from=dt.date(2023, 1, 1),
                                                  valid_to=dt.date(2026, 12, 10) if i % 15 == 14 else
                                                  dt.date(2028, 12, 31))
                cert.categories.set([category])
        depts.append((org, body, category))
    user, _ = User.objects.get_or_create(username="bench-draw", defaults={
        "role": Role.SYSTEM_ADMIN, "organisation": depts[0][0], "full_name": "基准测试"})
    return user, depts, towns


def build_objects(n: int, towns) -> None:
    """N objects with a raw executemany (COPY on PostgreSQL; no model instances), in batches of 50,000."""
    from django.db import connection, transaction

    from fazhi.inspections.models import InspectionObject

    have = InspectionObject.objects.count()
    if have >= n:
        return
    table = InspectionObject._meta.db_table
    columns = ["public_id", "created_at", "updated_at", "kind", "uscc", "name", "entity_type", "industry", "address",
               "jurisdiction_id", "legal_representative", "registered_on", "registration_status", "risk_grade",
               "abnormal", "complaint_count", "last_inspected_on"]
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
    rng = random.Random(6 + have)
    now = dt.datetime.now(dt.UTC)
    grades = [g for g, _ in GRADES]
    weights = [w for _, w in GRADES]
    town_ids = [t.pk for t in towns]
    pg = connection.vendor == "postgresql"
    started = time.monotonic()
    print(f"inserting {n - have:,} objects …", flush=True)
    for start in range(have, n, 50_000):
        rows = []
        for i in range(start, min(n, start + 50_000)):
            public_id = uuid.UUID(int=rng.getrandbits(128), version=4)
            rows.append((public_id if pg else public_id.hex, now, now, "market_entity", uscc(i),
                         f"赛罕区基准商户{i:07d}", ENTITY_TYPES[i % 4], rng.choice(INDUSTRIES), f"赛罕区基准路{i}号",
                         rng.choice(town_ids), "", dt.date(2000, 1, 1) + dt.timedelta(days=i % 9000),
                         "active" if rng.random() < 0.95 else rng.choice(["revoked", "cancelled", "moved_out"]),
                         rng.choices(grades, weights)[0], rng.random() < 0.03, rng.randrange(3), None))
        with transaction.atomic(), connection.cursor() as cursor:
            if pg:  # PostgreSQL's bulk path: COPY (an executemany runs at a fifth of its speed there)
                with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                cursor.executemany(sql, rows)
        done = start + len(rows)
        print(f"  {done:,} ({(done - have) / (time.monotonic() - started):,.0f}/s)", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if not pg else f"VACUUM ANALYZE {table}")


def build_history(user, depts, towns) -> None:
    """20,000 inspections within the last year by the two departments (an earlier task, its draw and drawn
    objects) and 2,000 declared conflicts between inspectors and objects."""
    from django.db import connection, transaction
    from django.utils import timezone

    from fazhi.inspections.enums import DrawKind, DrawnStatus, ResultOutcome, TaskStatus
    from fazhi.inspections.models import (
        ConflictDeclaration,
        Draw,
        DrawnObject,
        InspectionObject,
        InspectionResult,
        InspectionTask,
        TaskDepartment,
    )
    from fazhi.personnel.models import Officer
    from fazhi.powers.enums import PowerCategory
    from fazhi.powers.models import PowerItem

    if InspectionResult.objects.exists():
        return
    rng = random.Random(7)
    max_id = InspectionObject.objects.order_by("-pk").values_list("pk", flat=True).first()
    now = timezone.now()
    with transaction.atomic():
        for org, body, category in depts:
            task = InspectionTask.objects.create(
                number=f"基准历史任务-{org.pk}", title="基准历史任务", lead_organisation=org, year=2026,
                start_on=dt.date(2026, 3, 1), end_on=dt.date(2026, 9, 30), status=TaskStatus.PUBLISHED)
            TaskDepartment.objects.create(task=task, organisation=org, body=body, category=category, is_lead=True)
            draw = Draw.objects.create(task=task, seq=1, kind=DrawKind.INITIAL, seed="0" * 64, algorithm="fazhi-draw/1",
                                       pool_size=0, pool_digest="0" * 64, inspector_pool_digest="0" * 64,
                                       result_digest="0" * 64, drawn_at=now)
            item = PowerItem.objects.filter(category=PowerCategory.INSPECTION).first()
            if item is None:
                item = PowerItem.objects.create(code=f"BENCH-JC-{org.pk}", name="基准检查事项",
                                                category=PowerCategory.INSPECTION)
            object_ids = rng.sample(range(1, max_id + 1), 10_000)
            drawn = DrawnObject.objects.bulk_create(
                [DrawnObject(task=task, draw=draw, object_id=oid, position=i + 1, risk_grade="B",
                             status=DrawnStatus.INSPECTED, inspected_on=dt.date(2026, 3, 1)
                             + dt.timedelta(days=i % 200)) for i, oid in enumerate(object_ids)], batch_size=5000)
            table = InspectionResult._meta.db_table
            cols = ["public_id", "created_at", "updated_at", "drawn_object_id", "power_item_id", "organisation_id",
                    "outcome", "findings", "inspected_on"]
            pg = connection.vendor == "postgresql"
            rows = [(uuid.uuid4() if pg else uuid.uuid4().hex, now, now, d.pk, item.pk, org.pk,
                     ResultOutcome.NO_PROBLEM.value, "", d.inspected_on) for d in drawn]
            with connection.cursor() as cursor:
                cursor.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES "  # noqa: S608
                                   f"({', '.join(['%s'] * len(cols))})", rows)
        officers = list(Officer.objects.values_list("pk", flat=True))
        pairs = {(rng.choice(officers), rng.randrange(1, max_id + 1)) for _ in range(2000)}
        ConflictDeclaration.objects.bulk_create(
            [ConflictDeclaration(officer_id=o, object_id=x, reason="亲属经营", declared_on=dt.date(2026, 1, 5),
                                 declared_by=user) for o, x in pairs], batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def new_task(depts, towns, scenario: str):
    from fazhi.inspections.enums import TaskKind
    from fazhi.inspections.models import InspectionTask, TaskDepartment

    parts = depts if scenario == "joint" else depts[:1]
    filters = {"single": {"industries": INDUSTRIES[:2]},
               "joint": {"jurisdiction_codes": [t.code for t in towns[:3]]},
               "wide": {}}[scenario]
    task = InspectionTask.objects.create(
        number=f"基准抽查-{scenario}-{uuid.uuid4().hex[:8]}", title=f"基准抽查({scenario})",
        kind=TaskKind.JOINT if len(parts) > 1 else TaskKind.SINGLE, lead_organisation=parts[0][0], year=2026,
        start_on=START, end_on=END, team_size=2, exclusion_months=12, **filters)
    for i, (org, body, category) in enumerate(parts):
        TaskDepartment.objects.create(task=task, organisation=org, body=body, category=category, is_lead=i == 0)
    return task


def backend_cpu() -> float:
    """CPU seconds (user + system) the PostgreSQL server process of this connection has used so far (it runs on
    this machine in the bench set-up); 0 on SQLite, whose work is in this process's own CPU time."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def explain(task) -> str:
    from django.db import connection

    from fazhi.inspections.selectors.pools import object_pool_queryset

    sql, params = object_pool_queryset(task).order_by().values_list("pk", "risk_grade", "uscc").query.sql_with_params()
    with connection.cursor() as cursor:
        prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
        cursor.execute(prefix + sql, params)
        return "\n".join("    " + " ".join(str(c) for c in r) for r in cursor.fetchall())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objects", type=int, default=1_000_000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=3, help="draws per scenario (the best and the median shown)")
    parser.add_argument("--scenarios", default="single,joint,wide")
    parser.add_argument("--rebuild", action="store_true", help="delete the cached SQLite database first")
    parser.add_argument("--explain", action="store_true", help="print the pool query's plan")
    parser.add_argument("--sqlite-cache-mb", type=int, default=0,
                        help="PRAGMA cache_size for the measuring connection (SQLite's default is 2 MB)")
    args = parser.parse_args()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    (BENCH_DIR / "var").mkdir(exist_ok=True)
    setup_env(args)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from fazhi.inspections.models import InspectionObject
    from fazhi.inspections.services.draws import task_draw

    t0 = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    user, depts, towns = world()
    build_objects(args.objects, towns)
    build_history(user, depts, towns)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "ANALYZE inspections_inspectionobject")
    if args.sqlite_cache_mb and connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size=-{args.sqlite_cache_mb * 1024}")
    total_objects = InspectionObject.objects.count()
    print(f"database ready: {total_objects:,} objects on {connection.vendor} ({time.monotonic() - t0:.0f}s)",
          flush=True)

    phases = ["pools", "selection", "teams", "snapshot", "persistence", "commit"]
    summary = []
    for scenario in [s for s in args.scenarios.split(",") if s]:
        runs = []
        for _ in range(args.repeat):
            task = new_task(depts, towns, scenario)
            if args.explain and not runs:
                print(f"\nEXPLAIN pool query ({scenario}):\n{explain(task)}")
            timings: dict = {}
            server = backend_cpu()
            started, cpu = time.perf_counter(), time.process_time()
            with transaction.atomic():  # so that the commit is timed on its own
                draw = task_draw(by=user, task=task, witnesses=["基准测试见证人"], timings=timings)
                committing = time.perf_counter()
            timings["commit"] = time.perf_counter() - committing
            timings["total"] = time.perf_counter() - started
            timings["cpu"] = time.process_time() - cpu
            timings["server cpu"] = backend_cpu() - server
            timings["other"] = timings["total"] - sum(timings.get(p, 0.0) for p in phases)
            runs.append((timings, draw))
            print(f"{scenario:<7} pool {draw.pool_size:>8,}  excluded {draw.objects_excluded:>6,}  drawn "
                  f"{draw.objects_drawn:>6,} ({draw.objects_drawn / draw.pool_size:.1%})  "
                  + "  ".join(f"{p} {timings.get(p, 0.0):.3f}s/{timings.get(p + ' cpu', 0.0):.3f}"
                              for p in phases) + f"  other {timings['other']:.3f}s"
                  + f"  TOTAL {timings['total']:.3f}s (CPU: this process {timings['cpu']:.3f}s, database server "
                  f"{timings['server cpu']:.3f}s)", flush=True)
        runs.sort(key=lambda r: r[0]["total"])
        summary.append((scenario, runs[0], runs[len(runs) // 2]))

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\n随机抽取基准 draw benchmark: {total_objects:,} objects, {connection.vendor}, median of {args.repeat}, "
          f"{os.cpu_count()} CPUs, load {load:.1f}")
    print("wall-clock seconds:")
    print(f"{'scenario':<9}{'pool':>9}{'excluded':>9}{'drawn':>7}" + "".join(f"{p:>12}" for p in [*phases, "other"])
          + f"{'TOTAL':>9}{'best':>8}")
    for scenario, best, median in summary:
        t, draw = median
        print(f"{scenario:<9}{draw.pool_size:>9,}{draw.objects_excluded:>9,}{draw.objects_drawn:>7,}"
              + "".join(f"{t.get(p, 0.0):>12.3f}" for p in [*phases, "other"])
              + f"{t['total']:>9.3f}{best[0]['total']:>8.3f}")
    print("CPU seconds (this process per phase — SQLite works inside it; then the PostgreSQL server process):")
    print(f"{'scenario':<9}" + "".join(f"{p:>12}" for p in phases[:-1]) + f"{'process':>12}{'server':>12}"
          f"{'sum':>12}")
    for scenario, _best, (t, _draw) in summary:
        print(f"{scenario:<9}" + "".join(f"{t.get(p + ' cpu', 0.0):>12.3f}" for p in phases[:-1])
              + f"{t['cpu']:>12.3f}{t['server cpu']:>12.3f}{t['cpu'] + t['server cpu']:>12.3f}")
    print("goal: under 1 s per draw (wall clock). On a machine shared with other work the wall clock carries that "
          "load; the CPU sum is what the draw itself costs.")


if __name__ == "__main__":
    main()
