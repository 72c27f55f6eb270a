"""The case list with 1,000,000 cases (issue 5): median and 95th percentile response time and requests/s of the list
page (/cases/) and the API (/api/v1/cases/), measured with autocannon against a running gunicorn.

Run: .venv/bin/python bench/bench_case_list.py [--cases 1000000] [--db sqlite|postgres] [--duration 10]
     [--connections 8] [--rebuild] [--explain]

The database is built once and cached: SQLite under var/bench/cases_<N>.sqlite3, PostgreSQL in the database
fazhi_bench_cases (DATABASE_URL=postgres://postgres@127.0.0.1:5432/fazhi_bench_cases, created when missing). It is
the demo district at a small scale (bodies, officers, demo accounts) plus N cases inserted in bulk (no ledger: this
bench measures reading). The server is gunicorn as in `make demo` (2 workers × 4 threads) on a free port. Two users
are measured: the legal affairs office (demo_legal, sees every body) and a body's officer (demo_officer, market
regulation only). autocannon comes from package.json's devDependencies (`npm ci`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DIR = ROOT / "var" / "bench"
PG_URL = "postgres://postgres@127.0.0.1:5432/fazhi_bench_cases"
TODAY = dt.date(2026, 11, 28)

# (label, path and query) — the same filters for the page and the API
QUERIES = [
    ("首页(无筛选)", "?"),
    ("按状态筛选(调查取证)", "?status=investigating"),
    ("超期案件", "?overdue=1"),
    ("当事人名称搜索", "?q={name}"),
    ("按决定期限排序", "?sort=due"),
    ("第500页", "?page={page}"),
]

RUNNER = r"""
const autocannon = require(process.argv[2]);
const [url, cookie, duration, connections] = process.argv.slice(3);
const times = []; const codes = {};
const instance = autocannon({url, duration: +duration, connections: +connections, headers: {cookie},
                             timeout: 120}, (err, result) => {
  if (err) { console.error(err); process.exit(1); }
  times.sort((a, b) => a - b);
  const q = p => times.length ? times[Math.min(times.length - 1, Math.floor(p * times.length))] : null;
  console.log(JSON.stringify({n: times.length, p50: q(0.5), p95: q(0.95), max: times[times.length - 1] || null,
                              rps: result.requests.average, codes, errors: result.errors, timeouts: result.timeouts}));
});
instance.on('response', (client, statusCode, bytes, responseTime) => {
  times.push(responseTime); codes[statusCode] = (codes[statusCode] || 0) + 1;
});
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def setup_env(args) -> dict:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings", FAZHI_VAR_DIR=str(BENCH_DIR / "var"))
    if args.db == "postgres":
        env["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", PG_URL)
        env.pop("SQLITE_PATH", None)
    else:
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = str(BENCH_DIR / f"cases_{args.cases}.sqlite3")
    return env


def ensure_pg_database(url: str) -> None:
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    with psycopg.connect(host=cfg["HOST"] or "localhost", port=cfg["PORT"] or 5432, user=cfg["USER"],
                         password=cfg["PASSWORD"] or None, dbname="postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]]).fetchone():
            conn.execute(f'CREATE DATABASE "{cfg["NAME"]}"')


def build(args) -> None:
    """Migrate, build the small demo district (accounts included) and bulk-insert the cases up to --cases."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from fazhi.enforcement.enums import CaseStatus, LeadSource, Outcome, PartyType, Procedure
    from fazhi.enforcement.models import Case
    from fazhi.orgs.models import EnforcementBody, Organisation
    from fazhi.web.demo import data

    call_command("migrate", verbosity=0, interactive=False)
    if not Organisation.objects.exists():
        print("building the demo district (scale 0.02) …", flush=True)
        call_command("demo_district", scale=0.02, verbosity=0)
    have = Case.objects.count()
    if have >= args.cases:
        return
    rng = random.Random(5 + have)  # a resumed build draws new public ids
    bodies = list(EnforcementBody.objects.select_related("organisation").prefetch_related("categories"))
    category = {b.pk: b.categories.all()[0] for b in bodies}
    weights = [40 if b.organisation.name.endswith(("市场监督管理局", "城市管理综合执法局")) else 3 for b in bodies]
    statuses = [(CaseStatus.CLOSED, 74), (CaseStatus.INVESTIGATING, 9), (CaseStatus.NOTIFIED, 4),
                (CaseStatus.SERVED, 5), (CaseStatus.EXECUTED, 2), (CaseStatus.DECIDED, 1),
                (CaseStatus.NOT_FILED, 4), (CaseStatus.LEAD, 1)]
    names = [s + g for s, _w in data.HAN_SURNAMES for g in data.HAN_MALE + data.HAN_FEMALE]
    first = dt.date(2021, 12, 1)
    span = (TODAY - first).days
    todo = args.cases - have
    print(f"inserting {todo:,} cases …", flush=True)
    started = time.monotonic()
    batch = 20000
    serial: dict[tuple[int, int], int] = {}
    now = dt.datetime.now(dt.UTC)
    for start in range(0, todo, batch):
        rows = []
        for _ in range(min(batch, todo - start)):
            body = rng.choices(bodies, weights)[0]
            status = rng.choices([s for s, _w in statuses], [w for _s, w in statuses])[0]
            received = first + dt.timedelta(days=int(span * rng.random() ** 0.7))
            filed = None if status in (CaseStatus.LEAD, CaseStatus.NOT_FILED) else received + dt.timedelta(days=3)
            due = filed + dt.timedelta(days=90) if filed and status in (CaseStatus.INVESTIGATING, CaseStatus.NOTIFIED) \
                else None
            if due is not None and due < TODAY and rng.random() > 0.1:  # most open cases are recent
                received = TODAY - dt.timedelta(days=rng.randrange(5, 80))
                filed, due = received + dt.timedelta(days=3), received + dt.timedelta(days=93)
            number = ""
            if filed:
                key = (body.pk, filed.year)
                serial[key] = serial.get(key, 0) + 1
                number = f"B{body.pk}立〔{filed.year}〕{serial[key]}号"
            person = rng.random() < 0.5
            party = rng.choice(names) if person else f"呼和浩特市{rng.choice(names)}商贸有限公司"
            decided = filed + dt.timedelta(days=40) if filed and status not in (
                CaseStatus.INVESTIGATING, CaseStatus.NOTIFIED) else None
            rows.append(Case(
                public_id=uuid.UUID(int=rng.getrandbits(128), version=4), created_at=now, updated_at=now,
                body=body, organisation_id=body.organisation_id, procedure=Procedure.GENERAL, status=status,
                number=number, title=f"{party}涉嫌违法经营案", lead_source=LeadSource.INSPECTION,
                lead_received_on=received, lead_summary="批量生成的基准测试案件", category=category[body.pk],
                party_type=PartyType.PERSON if person else PartyType.LEGAL_PERSON, party_name=party,
                filed_on=filed, decision_due=due, decided_on=decided,
                outcome=Outcome.PENALTY if decided else "", closed_on=decided if status == CaseStatus.CLOSED else None))
        with transaction.atomic():
            Case.objects.bulk_create(rows, batch_size=2000)
        done = start + len(rows)
        print(f"  {done:,} ({done / (time.monotonic() - started):,.0f}/s)", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE enforcement_case")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def sessions() -> dict[str, tuple[str, str, int]]:
    """A session for each measured user, written the way django.contrib.auth.login writes it."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from fazhi.accounts.models import User
    from fazhi.enforcement.selectors.cases import case_list

    out = {}
    for label, username in (("司法局(全区)", "demo_legal"), ("执法人员(本单位)", "demo_officer")):
        user = User.objects.get(username=username)
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.set_expiry(4 * 3600)
        store.create()
        visible = case_list(user=user, filters={}).count()
        out[label] = (username, f"{settings.SESSION_COOKIE_NAME}={store.session_key}", max(1, min(500, visible // 50)))
    return out


def search_name() -> str:
    from fazhi.enforcement.models import Case

    return Case.objects.filter(party_type="person").order_by("-id").values_list("party_name", flat=True).first()


def explain(filters: dict, username: str) -> str:
    from django.db import connection

    from fazhi.accounts.models import User
    from fazhi.enforcement.selectors.cases import case_list

    qs = case_list(user=User.objects.get(username=username), filters=filters)
    page = qs[24950:25000] if filters.get("page") else qs[:50]
    sql, params = page.query.sql_with_params()
    with connection.cursor() as cursor:
        prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
        cursor.execute(prefix + sql, params)
        rows = cursor.fetchall()
    return "\n".join("    " + " ".join(str(c) for c in r) for r in rows)


def wait_up(port: int, proc) -> None:
    for _ in range(120):
        if proc.poll() is not None:
            raise SystemExit("gunicorn exited")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--rebuild", action="store_true", help="delete the cached SQLite database first")
    parser.add_argument("--explain", action="store_true", help="print the query plans of the list queries")
    args = parser.parse_args()

    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    (BENCH_DIR / "var").mkdir(exist_ok=True)
    env = setup_env(args)
    os.environ.update(env)
    if args.db == "sqlite" and args.rebuild:
        for suffix in ("", "-wal", "-shm"):
            Path(env["SQLITE_PATH"] + suffix).unlink(missing_ok=True)
    if args.db == "postgres":
        ensure_pg_database(env["DATABASE_URL"])
    autocannon = ROOT / "node_modules" / "autocannon"
    if not autocannon.exists():
        raise SystemExit("autocannon is missing: run `npm ci` (package.json devDependencies)")

    started = time.monotonic()
    build(args)
    from django.db import connection

    from fazhi.enforcement.models import Case

    total = Case.objects.count()
    print(f"database ready: {total:,} cases on {connection.vendor} ({time.monotonic() - started:.0f}s)", flush=True)
    users = sessions()
    name = search_name()
    connection.close()

    port = free_port()
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "--threads", "4", "--timeout", "300", "--log-level", "warning"],
        cwd=ROOT, env=env)
    results = []
    try:
        wait_up(port, server)
        with tempfile.NamedTemporaryFile("w", suffix=".js", delete=False) as runner:
            runner.write(RUNNER)
        for who, (_username, cookie, page) in users.items():
            for label, query in QUERIES:
                query = query.format(name=urllib.request.quote(name), page=page)
                for kind, path in (("页面", "/cases/"), ("API", "/api/v1/cases/")):
                    url = f"http://127.0.0.1:{port}{path}{query}"
                    seq = []
                    for _ in range(3):  # warm-up, and the figures when a request outlasts the autocannon run
                        t0 = time.perf_counter()
                        urllib.request.urlopen(urllib.request.Request(url, headers={"Cookie": cookie}), timeout=600)
                        seq.append((time.perf_counter() - t0) * 1000)
                    out = subprocess.run(["node", runner.name, str(autocannon), url, cookie, str(args.duration),
                                          str(args.connections)], capture_output=True, text=True, cwd=ROOT)
                    if out.returncode:
                        raise SystemExit(out.stderr)
                    r = json.loads(out.stdout.strip().splitlines()[-1])
                    if r["n"] < 5:  # slower than the run allows: three sequential requests instead
                        seq.sort()
                        r = {"n": 3, "p50": seq[1], "p95": seq[2], "rps": 1000 / seq[1], "codes": {"200": 3},
                             "sequential": True}
                    results.append((who, label, kind, r))
                    ok = r["codes"].get("200", 0)
                    print(f"{who:<10} {label:<14} {kind:<4} median {r['p50']:>7.0f} ms  p95 {r['p95']:>7.0f} ms  "
                          f"{r['rps']:>7.1f} req/s  (200: {ok}/{r['n']})", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(f"\n案件列表基准:{total:,} 件案件,{connection.vendor},gunicorn 2×4,autocannon {args.connections} 连接 × "
          f"{args.duration} 秒")
    print(f"{'用户':<12}{'查询':<16}{'接口':<6}{'中位数(ms)':>12}{'P95(ms)':>10}{'请求/秒':>10}{'非200':>8}")
    for who, label, kind, r in results:
        bad = r["n"] - r["codes"].get("200", 0)
        print(f"{who:<12}{label:<16}{kind:<6}{r['p50']:>12.0f}{r['p95']:>10.0f}{r['rps']:>10.1f}{bad:>8}")
    if args.explain:
        import django

        django.setup()
        filters = [("首页", {}), ("状态", {"status": "investigating"}), ("超期", {"overdue": "1"}),
                   ("搜索", {"q": name}), ("期限排序", {"sort": "due"}), ("第500页", {"page": 500})]
        for username in ("demo_legal", "demo_officer"):
            for label, f in filters:
                print(f"\nEXPLAIN {username} {label}:\n{explain(f, username)}")


if __name__ == "__main__":
    main()
