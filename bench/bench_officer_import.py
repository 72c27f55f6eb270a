"""Officer import of 100,000 rows from xlsx and from csv, against the floor of a bare executemany (issue 2).

Run: .venv/bin/python bench/bench_officer_import.py [--rows 100000] [--database-url postgres://…/fazhi_bench]

Without --database-url a throwaway SQLite file under /tmp is created, migrated and removed. With it, that
database is migrated and its officers/certificates are deleted before each run: give it a scratch database.
"""

from __future__ import annotations

import argparse
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

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅鑫斌宇浩凯健俊帆帅旭宁婷雪琳晨阳佳欣悦博文志国建新海峰岩波辉力永林建军巴特尔其其格乌兰图雅萨仁"
CATEGORIES = [("market", "市场监管"), ("urban", "城市管理"), ("culture", "文化市场"), ("transport", "交通运输"),
              ("ecology", "生态环境"), ("agri", "农业农村"), ("health", "卫生健康"), ("emergency", "应急管理")]
REGIONS = ["150105", "150102", "150103", "150104", "150121", "150122", "152601", "150202", "150302", "150402"]
HEADERS = ["姓名", "性别", "身份证号码", "所属单位", "职务", "人员类别", "联系电话", "证件编号", "执法类别", "执法区域",
           "有效期起", "有效期止"]
POSTS = ["科员", "副科长", "科长", "执法队员", "中队长", "大队长", "副局长"]
STAFF = [("公务员", "civil_servant", 0.55), ("事业编制人员", "institution_staff", 0.30), ("辅助人员", "auxiliary", 0.15)]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--seed", type=int, default=2)
    return parser.parse_args()


def setup_django(database_url: str) -> str | None:
    workdir = tempfile.mkdtemp(prefix="fazhi-bench-import-")
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
        os.environ["SQLITE_PATH"] = os.path.join(workdir, "bench.sqlite3")
    os.environ["FAZHI_VAR_DIR"] = workdir
    os.environ["MEDIA_ROOT"] = os.path.join(workdir, "media")
    os.environ["HUEY_IMMEDIATE"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.FAZHI_IMPORT_INLINE_BYTES = 10**12  # validate and commit inline: time the work, not a queue
    settings.FAZHI_IMPORT_MAX_BYTES = 10**12
    call_command("migrate", verbosity=0)
    return workdir


def make_district():
    from fazhi.accounts.enums import Role
    from fazhi.accounts.models import User
    from fazhi.orgs.enums import BodyBasis, JurisdictionLevel, OrganisationType
    from fazhi.orgs.models import EnforcementBody, EnforcementCategory, Jurisdiction, Organisation

    district, _ = Jurisdiction.objects.get_or_create(code="150105", defaults={
        "name": "赛罕区", "level": JurisdictionLevel.DISTRICT})
    categories = [EnforcementCategory.objects.get_or_create(code=c, defaults={"name": n})[0] for c, n in CATEGORIES]
    organisations = []
    for i in range(72):
        org, _ = Organisation.objects.get_or_create(name=f"赛罕区第{i + 1}执法单位", defaults={
            "org_type": OrganisationType.DEPARTMENT, "jurisdiction": district, "sort_order": i})
        organisations.append(org)
        if i < 25:
            body, created = EnforcementBody.objects.get_or_create(name=org.name, defaults={
                "organisation": org, "basis": BodyBasis.STATUTORY})
            if created:
                body.categories.set(categories[i % 8: i % 8 + 2])
    office = organisations[0]
    user, _ = User.objects.get_or_create(username="bench-legal", defaults={
        "role": Role.LEGAL_OFFICE, "organisation": office, "full_name": "基准测试"})
    return user, organisations, categories


def id_number(rng: random.Random, used: set) -> str:
    from fazhi.core.validators import id_check_char

    while True:
        birth = dt.date(1962, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 38))
        first17 = f"{rng.choice(REGIONS)}{birth:%Y%m%d}{rng.randrange(1000):03d}"
        value = first17 + id_check_char(first17)
        if value not in used:
            used.add(value)
            return value


def make_rows(n: int, organisations, seed: int) -> list[list]:
    rng = random.Random(seed)
    used: set[str] = set()
    rows = []
    for i in range(n):
        roll, staff = rng.random(), STAFF[-1]
        acc = 0.0
        for option in STAFF:
            acc += option[2]
            if roll < acc:
                staff = option
                break
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        row = [name, rng.choice("男女"), id_number(rng, used), rng.choice(organisations).name, rng.choice(POSTS),
               staff[0], f"1{rng.choice('35789')}{rng.randrange(10**9):09d}", None, None, None, None, None]
        if staff[1] != "auxiliary" and rng.random() < 0.8:
            start = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 6))
            start = start.replace(day=min(start.day, 28))
            cats = rng.sample(CATEGORIES, rng.choice((1, 1, 2)))
            row[7:12] = [f"1501050{i:07d}", "、".join(n for _, n in cats), "赛罕区", start,
                         start.replace(year=start.year + 6) - dt.timedelta(days=1)]
        rows.append(row)
    return rows


def write_files(rows, workdir) -> dict[str, str]:
    import csv

    from openpyxl import Workbook

    xlsx_path = os.path.join(workdir, "officers.xlsx")
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("执法人员")
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    workbook.save(xlsx_path)
    csv_path = os.path.join(workdir, "officers.csv")
    with open(csv_path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for row in rows:
            writer.writerow(["" if v is None else v.isoformat() if isinstance(v, dt.date) else v for v in row])
    return {"xlsx": xlsx_path, "csv": csv_path}


def clear_officers():
    """Empty the three tables and give the space back, so every run starts from the same state (a DELETE alone
    leaves SQLite with a fragmented file and a large WAL, which slows the next run by half)."""
    from django.db import connection, transaction

    from fazhi.personnel.models import Certificate, Officer

    tables = (Certificate.categories.through._meta.db_table, Certificate._meta.db_table, Officer._meta.db_table)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
        return
    with transaction.atomic(), connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
    with connection.cursor() as cursor:
        cursor.execute("VACUUM")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def time_importer(path: str, user) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fazhi.core.enums import ImportStatus
    from fazhi.core.imports import services

    with open(path, "rb") as handle:
        upload = SimpleUploadedFile(os.path.basename(path), handle.read())
    t0 = time.perf_counter()
    job = services.import_job_create(by=user, importer_key="officers", upload=upload)
    t1 = time.perf_counter()
    if job.status != ImportStatus.VALID:
        raise SystemExit(f"validation failed: {job.status} {job.message} {job.errors[:5]}")
    job = services.import_job_confirm(by=user, job=job)
    t2 = time.perf_counter()
    if job.status != ImportStatus.COMMITTED:
        raise SystemExit(f"commit failed: {job.status} {job.message} {job.errors[:5]}")
    return {"validate": t1 - t0, "commit": t2 - t1, "total": t2 - t0, "result": job.result}


def time_floor(rows, organisations, categories) -> float:
    """The same rows as prepared tuples, inserted with cursor.executemany into the same three tables."""
    from django.db import connection, transaction
    from django.utils import timezone

    from fazhi.personnel.models import Certificate, Officer

    org_ids = {o.name: o.pk for o in organisations}
    cat_ids = {n: c.pk for (_, n), c in zip(CATEGORIES, categories, strict=True)}
    staff = {label: code for label, code, _ in STAFF}
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {Officer._meta.db_table}")
        next_officer = cursor.fetchone()[0] + 1
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {Certificate._meta.db_table}")
        next_cert = cursor.fetchone()[0] + 1
    officers, certificates, links = [], [], []
    for i, row in enumerate(rows):
        officer_id = next_officer + i
        officers.append((officer_id, uuid.uuid4().hex if connection.vendor == "sqlite" else uuid.uuid4(), now, now,
                         row[0], "M" if row[1] == "男" else "F", row[2], org_ids[row[3]], row[4], staff[row[5]], row[6],
                         "active", ""))
        if row[7]:
            cert_id = next_cert + len(certificates)
            certificates.append((cert_id, uuid.uuid4().hex if connection.vendor == "sqlite" else uuid.uuid4(), now,
                                 now, row[7], officer_id, "内蒙古自治区人民政府", row[9], row[10], row[11], "valid", ""))
            links.extend((cert_id, cat_ids[name]) for name in row[8].split("、"))
    o, c = Officer._meta.db_table, Certificate._meta.db_table
    t = Certificate.categories.through._meta.db_table
    ph = "%s"
    t0 = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {o} (id, public_id, created_at, updated_at, name, gender, id_number, organisation_id, post, "
            f"staff_type, phone, status, left_reason) VALUES ({', '.join([ph] * 13)})", officers)
        cursor.executemany(
            f"INSERT INTO {c} (id, public_id, created_at, updated_at, number, officer_id, issuing_authority, area, "
            f"valid_from, valid_to, status, status_reason) VALUES ({', '.join([ph] * 12)})", certificates)
        cursor.executemany(f"INSERT INTO {t} (certificate_id, enforcementcategory_id) VALUES (%s, %s)", links)
    return time.perf_counter() - t0


def main() -> None:
    args = parse_args()
    workdir = setup_django(args.database_url)
    try:
        from django.db import connection

        user, organisations, categories = make_district()
        clear_officers()
        t0 = time.perf_counter()
        rows = make_rows(args.rows, organisations, args.seed)
        files = write_files(rows, workdir)
        certified = sum(1 for r in rows if r[7])
        print(f"database: {connection.vendor}; {args.rows:,} officer rows, {certified:,} with a certificate "
              f"(prepared in {time.perf_counter() - t0:.1f} s; xlsx {os.path.getsize(files['xlsx']) / 1e6:.1f} MB, "
              f"csv {os.path.getsize(files['csv']) / 1e6:.1f} MB)")
        results = {}
        for kind in ("csv", "xlsx"):
            clear_officers()
            results[kind] = time_importer(files[kind], user)
        clear_officers()
        floor = time_floor(rows, organisations, categories)
        floor_rate = args.rows / floor
        print(f"{'path':<34}{'seconds':>9}{'rows/s':>11}{'÷ floor':>9}")
        print(f"{'floor: executemany (3 tables)':<34}{floor:>9.2f}{floor_rate:>11,.0f}{1:>9.2f}")
        for kind, r in results.items():
            rate = args.rows / r["total"]
            print(f"{'importer ' + kind + ' (validate + commit)':<34}{r['total']:>9.2f}{rate:>11,.0f}"
                  f"{rate / floor_rate:>9.2f}")
            print(f"{'  upload + validate every row':<34}{r['validate']:>9.2f}")
            print(f"{'  confirm: re-check + write':<34}{r['commit']:>9.2f}")
        print("goal: importer ÷ floor ≥ 0.5")
    finally:
        if not args.database_url:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
