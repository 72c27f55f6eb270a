"""Object pool import of 1,000,000 registry rows from csv (issue 6): rows/s and peak memory of the importer, against
the floor of a bare executemany INSERT of the same rows into the same table; then a re-import of the same file
(every row already in the pool, nothing changed) and of "next month's" export (5% of the rows changed, 1% new).

Run: .venv/bin/python bench/bench_object_import.py [--rows 1000000] [--database-url postgres://postgres@127.0.0.1:5432/postgres]

The database: --database-url, else DATABASE_URL, else a throwaway SQLite file under /tmp. On a PostgreSQL server a
throwaway database fazhi_bench_objects_<pid> is created (the URL's database is only used to connect) and dropped at
the end. Every measured step runs in its own child process, so that the peak RSS printed is that step's own.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEADERS = ["统一社会信用代码", "名称", "对象类别", "主体类型", "所属行业", "住所(经营场所)", "所属辖区", "法定代表人(负责人)",
           "成立日期", "登记状态", "信用风险分类", "列入经营异常名录", "投诉举报次数", "最近检查日期"]
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
BRAND = "鑫旺隆盛泰恒通达华兴永福祥瑞金源宏佳嘉德信和利康富丰益顺昌鸿运广聚蒙原草原青城敕勒川大召阴山星辰晨光阳光新世纪"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎包白云奇宝鲍敖"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "桂兰",
         "巴特尔", "其其格", "乌力吉", "萨仁", "建国", "志强", "海峰", "晓东", "丽娟", "玉梅"]
ROADS = ["大学东街", "大学西街", "昭乌达路", "乌兰察布东路", "中专路", "敕勒川大街", "巴彦淖尔南路", "丰州路", "新华东街",
         "鄂尔多斯大街", "金桥路", "展东路", "腾飞路", "兴安南路", "南二环路", "机场高速辅路", "金河大街", "榆林路"]
# (USCC prefix, kind label, entity type, share, industries, name pattern)
SHAPES = [
    ("92", "市场主体", "个体工商户", 0.52, ["批发和零售业", "住宿和餐饮业", "居民服务、修理和其他服务业", "交通运输、仓储和邮政业"],
     "赛罕区{b}{shop}"),
    ("91", "市场主体", "有限责任公司", 0.38, ["批发和零售业", "租赁和商务服务业", "建筑业", "制造业", "信息传输、软件和信息技术服务业",
                                     "科学研究和技术服务业", "房地产业", "文化、体育和娱乐业"], "内蒙古{b}{trade}有限公司"),
    ("91", "市场主体", "股份有限公司", 0.01, ["制造业", "批发和零售业"], "内蒙古{b}{trade}股份有限公司"),
    ("93", "市场主体", "农民专业合作社", 0.04, ["农、林、牧、渔业"], "赛罕区{b}{crop}专业合作社"),
    ("12", "事业单位", "事业单位", 0.02, ["卫生和社会工作", "教育"], "赛罕区{b}{unit}"),
    ("52", "社会组织", "民办非企业单位", 0.02, ["教育", "卫生和社会工作"], "赛罕区{b}{school}"),
    ("51", "社会组织", "社会团体", 0.006, ["居民服务、修理和其他服务业"], "赛罕区{b}{assoc}协会"),
    ("31", "律师事务所", "律师事务所", 0.004, ["租赁和商务服务业"], "内蒙古{b}律师事务所"),
]
WORDS = {
    "shop": ["便利店", "超市", "家常菜馆", "烧麦馆", "奶茶店", "五金店", "理发店", "汽车修理部", "干洗店", "水果店", "粮油店",
             "手机维修部", "涮肉馆", "蒙餐馆", "药店", "文具店", "建材经销部", "快递服务站"],
    "trade": ["商贸", "建筑工程", "餐饮管理", "科技", "物流", "房地产开发", "乳业", "农牧业科技", "文化传媒", "物业服务", "汽车销售",
              "医药", "装饰工程", "信息技术"],
    "crop": ["马铃薯种植", "蔬菜种植", "奶牛养殖", "肉羊养殖", "农机服务", "葡萄种植"],
    "unit": ["社区卫生服务中心", "中心小学", "幼儿园", "文化站", "农业技术推广站"],
    "school": ["培训学校", "养老院", "康复中心", "职业技能培训中心"],
    "assoc": ["个体劳动者", "餐饮行业", "物流行业", "书法", "老年体育"],
}
STATUSES = [("存续", 0.92), ("吊销", 0.03), ("注销", 0.04), ("迁出", 0.01)]
GRADES = [("A", 0.35), ("B", 0.50), ("C", 0.12), ("D", 0.03)]


def uscc(prefix: str, region: str, n: int) -> str:
    # registered since 2015: the organisation code starts "MA"; older ones kept their nine-digit code
    org = "MA" + "".join(USCC_ALPHABET[(n // 31**i) % 31] for i in range(7))[::-1] if n % 3 else f"{n:09d}"
    body = prefix + region + org
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(body, USCC_WEIGHTS, strict=True))
    return body + USCC_ALPHABET[(31 - total % 31) % 31]


def pick(rng: random.Random, options, weight: int = -1):
    roll, acc = rng.random(), 0.0
    for option in options:
        acc += option[weight]
        if roll < acc:
            return option
    return options[-1]


def make_row(rng: random.Random, n: int, jurisdictions) -> list:
    shape = pick(rng, SHAPES, 3)
    prefix, kind, entity_type, _share, industries, pattern = shape
    brand = "".join(rng.choice(BRAND) for _ in range(2))
    name = pattern.format(b=brand, **{k: rng.choice(v) for k, v in WORDS.items()})
    code, place = rng.choice(jurisdictions)
    registered = dt.date(1996, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 30))
    last = ""
    if rng.random() < 0.1:
        last = (dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 4))).isoformat()
    complaints = 0 if rng.random() < 0.9 else rng.randrange(1, 6)
    return [uscc(prefix, "150105" if rng.random() < 0.9 else "150100", n), name, kind, entity_type,
            rng.choice(industries), f"内蒙古自治区呼和浩特市赛罕区{place}{rng.choice(ROADS)}{rng.randrange(1, 400)}号",
            code if rng.random() < 0.1 else place, rng.choice(SURNAMES) + rng.choice(GIVEN),
            min(registered, dt.date(2026, 6, 30)).isoformat(), pick(rng, STATUSES)[0], pick(rng, GRADES)[0],
            "是" if rng.random() < 0.04 else "否", complaints, last]


def write_files(n: int, seed: int, workdir: str, jurisdictions) -> tuple[str, str, dict]:
    """This month's export and next month's: 5% of the rows changed (grade, status or complaints), 1% new."""
    rng = random.Random(seed)
    first, second = os.path.join(workdir, "registry-2026-10.csv"), os.path.join(workdir, "registry-2026-11.csv")
    changed = 0
    with open(first, "w", encoding="utf-8", newline="") as a, open(second, "w", encoding="utf-8", newline="") as b:
        wa, wb = csv.writer(a), csv.writer(b)
        wa.writerow(HEADERS)
        wb.writerow(HEADERS)
        for i in range(n):
            row = make_row(rng, i, jurisdictions)
            wa.writerow(row)
            if i % 20 == 7:
                row[10] = "ABCD"[("ABCD".index(row[10]) + 1) % 4]
                changed += 1
            elif i % 50 == 3 and row[9] == "存续":
                row[9] = "注销"
                changed += 1
            elif i % 40 == 5:
                row[12] += 1
                changed += 1
            wb.writerow(row)
        for i in range(n, n + n // 100):
            wb.writerow(make_row(rng, i, jurisdictions))
    return first, second, {"changed": changed, "new": n // 100}


# --- the parent: database, files, children -------------------------------------------------------------


def child(step: str, path: str, env: dict) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", step, "--csv", path], env=env, capture_output=True,
                         text=True, check=False)
    if out.returncode:
        sys.stderr.write(out.stdout + out.stderr)
        raise SystemExit(f"child {step} failed")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--child", default="")
    parser.add_argument("--csv", default="")
    args = parser.parse_args()
    if args.child:
        return run_child(args.child, args.csv)

    workdir = tempfile.mkdtemp(prefix="fazhi-bench-objects-")
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings", FAZHI_VAR_DIR=workdir,
               MEDIA_ROOT=os.path.join(workdir, "media"), HUEY_IMMEDIATE="1")
    pg_admin = pg_name = None
    if args.database_url:
        import dj_database_url
        import psycopg

        cfg = dj_database_url.parse(args.database_url)
        pg_name = f"fazhi_bench_objects_{os.getpid()}"
        pg_admin = psycopg.connect(host=cfg["HOST"] or "localhost", port=cfg["PORT"] or 5432, user=cfg["USER"],
                                   password=cfg["PASSWORD"] or None, dbname=cfg["NAME"] or "postgres",
                                   autocommit=True)
        pg_admin.execute(f'CREATE DATABASE "{pg_name}"')
        env["DATABASE_URL"] = f"{args.database_url.rsplit('/', 1)[0]}/{pg_name}"
        env.pop("SQLITE_PATH", None)
    else:
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = os.path.join(workdir, "bench.sqlite3")
    try:
        setup = child("setup", "", env)
        t0 = time.perf_counter()
        first, second, change = write_files(args.rows, args.seed, workdir, [tuple(j) for j in setup["places"]])
        print(f"database: {setup['vendor']}; {args.rows:,} registry rows, csv {os.path.getsize(first) / 1e6:.0f} MB "
              f"(generated in {time.perf_counter() - t0:.0f} s); Django at rest: {setup['rss_mb']:.0f} MB RSS")
        floor = child("floor", first, env)
        child("clear", "", env)
        runs = [("importer: first load (all new)", child("import", first, env)),
                ("re-import, same file (all unchanged)", child("import", first, env)),
                (f"next month ({change['changed']:,} changed, {change['new']:,} new)", child("import", second, env))]
        floor_rate = floor["rows"] / floor["seconds"]
        print(f"{'step':<46}{'seconds':>9}{'rows/s':>10}{'÷ floor':>9}{'peak RSS':>10}{'CPU s':>8}")
        print(f"{'floor: bare executemany INSERT':<46}{floor['seconds']:>9.1f}{floor_rate:>10,.0f}{1:>9.2f}"
              f"{floor['rss_mb']:>7.0f} MB{floor['insert_cpu']:>8.1f}")
        if "copy_seconds" in floor:
            print(f"{'  (reference: COPY of the same rows)':<46}{floor['copy_seconds']:>9.1f}"
                  f"{floor['rows'] / floor['copy_seconds']:>10,.0f}{floor['seconds'] / floor['copy_seconds']:>9.2f}")
        for label, r in runs:
            rate = r["rows"] / r["total"]
            print(f"{label:<46}{r['total']:>9.1f}{rate:>10,.0f}{rate / floor_rate:>9.2f}{r['rss_mb']:>7.0f} MB"
                  f"{r['cpu']:>8.1f}")
            print(f"{'  upload + validate every row':<46}{r['validate']:>9.1f}")
            print(f"{'  confirm: re-check + write':<46}{r['commit']:>9.1f}   {r['result']}")
        print("peak RSS: the floor's includes its prepared rows; the importer's is its whole process (upload, both "
              "passes). CPU s: this process only (on PostgreSQL the server's work is not in it).")
    finally:
        if pg_admin is not None:
            pg_admin.execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
            pg_admin.close()
        shutil.rmtree(workdir, ignore_errors=True)


# --- the children --------------------------------------------------------------------------------------


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_child(step: str, path: str) -> None:
    import django

    django.setup()
    from django.conf import settings

    settings.FAZHI_IMPORT_INLINE_BYTES = 10**12  # validate and commit inline: time the work, not a queue
    cpu0 = cpu_seconds()
    if step == "setup":
        result = child_setup()
    elif step == "clear":
        clear_objects()
        result = {}
    elif step == "floor":
        result = child_floor(path)
    else:
        result = child_import(path)
    print(json.dumps(result | {"rss_mb": rss_mb(), "cpu": cpu_seconds() - cpu0}, ensure_ascii=False, default=str))


def child_setup() -> dict:
    from django.core.management import call_command
    from django.db import connection

    from fazhi.accounts.enums import Role
    from fazhi.accounts.models import User
    from fazhi.orgs.models import Jurisdiction, Organisation
    from fazhi.web.demo.data import JURISDICTIONS

    call_command("migrate", verbosity=0, interactive=False)
    rss = rss_mb()
    by_code = {}
    for code, name, level, parent in JURISDICTIONS:
        by_code[code], _ = Jurisdiction.objects.get_or_create(code=code, defaults={
            "name": name, "level": level, "parent": by_code.get(parent)})
    office, _ = Organisation.objects.get_or_create(name="赛罕区司法局", defaults={
        "org_type": "department", "jurisdiction": by_code["150105"]})
    User.objects.get_or_create(username="bench-legal", defaults={
        "role": Role.LEGAL_OFFICE, "organisation": office, "full_name": "基准测试"})
    places = [(code, name) for code, name, *_ in JURISDICTIONS if len(code) == 9]
    return {"vendor": connection.vendor, "places": places, "rss_mb": rss}


def clear_objects() -> None:
    from django.db import connection, transaction

    from fazhi.inspections.models import InspectionObject

    table = InspectionObject._meta.db_table
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {table} CASCADE")
            cursor.execute(f"VACUUM ANALYZE {table}")
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table name
    with connection.cursor() as cursor:
        cursor.execute("VACUUM")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def child_floor(path: str) -> dict:
    """The same rows, prepared as database tuples before the clock starts, inserted with one executemany."""
    import uuid

    from django.db import connection, transaction
    from django.utils import timezone

    from fazhi.inspections.models import InspectionObject
    from fazhi.inspections.services.objects import bulk_write_cache
    from fazhi.orgs.models import Jurisdiction

    clear_objects()
    places = {}
    for pk, code, name in Jurisdiction.objects.values_list("pk", "code", "name"):
        places[code] = places[name] = pk
    kinds = {"市场主体": "market_entity", "事业单位": "public_institution", "社会组织": "social_organisation",
             "律师事务所": "law_firm"}
    statuses = {"存续": "active", "吊销": "revoked", "注销": "cancelled", "迁出": "moved_out"}
    now = timezone.now()
    native = connection.features.has_native_uuid_field
    rows = []
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        for r in reader:
            rows.append((uuid.uuid4() if native else uuid.uuid4().hex, now, now, r[0], kinds[r[2]], r[1], r[3], r[4],
                         r[5], places[r[6]], r[7], dt.date.fromisoformat(r[8]), statuses[r[9]], r[10], r[11] == "是",
                         int(r[12]), dt.date.fromisoformat(r[13]) if r[13] else None))
    table = InspectionObject._meta.db_table
    columns = ("public_id, created_at, updated_at, uscc, kind, name, entity_type, industry, address, jurisdiction_id, "
               "legal_representative, registered_on, registration_status, risk_grade, abnormal, complaint_count, "
               "last_inspected_on")
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * 17)})"  # noqa: S608
    t0, c0 = time.perf_counter(), cpu_seconds()
    # the page cache the importer gives SQLite while it writes (services.objects.bulk_write_cache): same footing
    with transaction.atomic(), connection.cursor() as cursor, bulk_write_cache(cursor):
        if connection.vendor == "postgresql":
            import psycopg

            # server-side binding, which psycopg pipelines: the fastest executemany (Django's own cursor binds on
            # the client and waits for every row — about a third of the speed)
            with psycopg.Cursor(connection.connection) as raw:
                raw.executemany(sql, rows)
        else:
            cursor.executemany(sql, rows)
    result = {"seconds": time.perf_counter() - t0, "rows": len(rows), "insert_cpu": cpu_seconds() - c0}
    if connection.vendor == "postgresql":  # the bulk path PostgreSQL offers beyond executemany, for reference
        clear_objects()
        t0 = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor, cursor.cursor.copy(
                f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        result["copy_seconds"] = time.perf_counter() - t0
    return result


def child_import(path: str) -> dict:
    from django.core.files.uploadedfile import UploadedFile

    from fazhi.accounts.models import User
    from fazhi.core.enums import ImportStatus
    from fazhi.core.imports import services

    user = User.objects.get(username="bench-legal")
    with open(path, "rb") as handle:  # as Django hands over a large upload: a temporary file on disk
        upload = UploadedFile(file=handle, name=os.path.basename(path), size=os.path.getsize(path))
        t0 = time.perf_counter()
        job = services.import_job_create(by=user, importer_key="inspection_objects", upload=upload)
        t1 = time.perf_counter()
    if job.status != ImportStatus.VALID:
        raise SystemExit(f"validation failed: {job.status} {job.message} {job.errors[:5]}")
    job = services.import_job_confirm(by=user, job=job)
    t2 = time.perf_counter()
    if job.status != ImportStatus.COMMITTED:
        raise SystemExit(f"commit failed: {job.status} {job.message} {job.errors[:5]}")
    return {"validate": t1 - t0, "commit": t2 - t1, "total": t2 - t0, "rows": job.total_rows, "result": job.result}


if __name__ == "__main__":
    main()
