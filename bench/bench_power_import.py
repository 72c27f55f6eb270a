"""Import of the seed's power list through the import framework: 3,003 power items with their legal bases and
responsibility items (issue 4 benchmark). Prints rows/s and seconds for validation (upload) and commit.

Run: .venv/bin/python bench/bench_power_import.py
A throwaway SQLite database under /tmp is created, migrated and removed (SQLITE_PATH and FAZHI_VAR_DIR are set
before django.setup()). It holds the 15 laws of ../shared/domain/laws, the demo district's organisations, and
the items of fazhi.web.demo.powers_items written to an xlsx file in the importer's columns.
"""

import datetime as dt
import io
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ITEMS = 3003


def main() -> None:
    workdir = tempfile.mkdtemp(prefix="fazhi-bench-powers-")
    os.environ["SQLITE_PATH"] = os.path.join(workdir, "bench.sqlite3")
    os.environ["FAZHI_VAR_DIR"] = workdir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.pop("DATABASE_URL", None)
    try:
        run(workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(workdir: str) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    settings.MEDIA_ROOT = os.path.join(workdir, "media")
    settings.FAZHI_IMPORT_INLINE_BYTES = 1 << 40  # measure the work itself, not the task queue
    call_command("migrate", verbosity=0)

    from fazhi.accounts.enums import Role
    from fazhi.accounts.models import User
    from fazhi.core.enums import ImportStatus
    from fazhi.core.exports import xlsx_bytes
    from fazhi.core.imports import services as imports
    from fazhi.orgs import services as orgs
    from fazhi.powers.importers import EXPORT_HEADERS
    from fazhi.powers.models import LegalBasis, PowerItem, ResponsibilityItem
    from fazhi.powers.selectors import basis_label, responsibilities_format
    from fazhi.web.demo import data, powers_items, powers_laws

    jurisdiction = orgs.jurisdiction_ensure(code=data.DISTRICT_CODE, name=data.DISTRICT_NAME, level="district")
    for _key, name, short, org_type, *_ in data.ORGANISATIONS:
        orgs.organisation_create(by=None, name=name, short_name=short, org_type=org_type, jurisdiction=jurisdiction)
    office = orgs.Organisation.objects.get(name="赛罕区司法局")
    user = User.objects.create_user(username="bench", password="x", role=Role.LEGAL_OFFICE, organisation=office)
    powers_laws.load(by=None, today=dt.date(2026, 11, 28))

    # the demo's plan of items, as rows of the importer's columns
    orgs_by_key = powers_items._organisations()
    resolver = powers_items.CitationResolver()
    bases = {c: resolver.resolve(t)[0] for c, t in powers_items.CITATIONS.items()}
    specs = powers_items._plan(orgs_by_key, ITEMS, random.Random(7))
    rows = []
    for spec in specs:
        item = powers_items._fill(spec, bases)
        rows.append([item["code"], item["name"], dict(powers_items.C.choices)[item["category"]], "",
                     item["departments"][0].name,
                     ";".join(basis_label(a, p, n) for a, p, n in item["legal_bases"]),
                     responsibilities_format(item["responsibilities"]), item["accountability"],
                     item["statutory_time_limit"], item["deadline_rule_id"], item["committed_time_limit"],
                     item["fees"], item["fee_basis"], item["remedies"], item["flow_description"],
                     item["is_inspection_item"], item["inspection_method"], item["inspection_object_scope"],
                     "已公布", dt.date(2017, 6, 30), "赛政发〔2017〕38号"])
    content = xlsx_bytes(headers=EXPORT_HEADERS, rows=rows)
    print(f"file: {len(rows)} rows, {len(content) / 1024:.0f} KiB")

    t0 = time.perf_counter()
    job = imports.import_job_create(by=user, importer_key="power_items",
                                    upload=SimpleUploadedFile("权责清单.xlsx", io.BytesIO(content).getvalue()))
    validated = time.perf_counter() - t0
    assert job.status == ImportStatus.VALID, (job.message, job.errors[:5])
    t0 = time.perf_counter()
    job = imports.import_job_confirm(by=user, job=job)
    committed = time.perf_counter() - t0
    assert job.status == ImportStatus.COMMITTED, job.message
    print(f"{'phase':<34}{'rows':>8}{'seconds':>10}{'rows/s':>10}")
    print(f"{'upload + validate':<34}{len(rows):>8}{validated:>10.2f}{len(rows) / validated:>10.0f}")
    print(f"{'confirm (re-check + write)':<34}{len(rows):>8}{committed:>10.2f}{len(rows) / committed:>10.0f}")
    total = validated + committed
    print(f"{'total':<34}{len(rows):>8}{total:>10.2f}{len(rows) / total:>10.0f}")
    print(f"written: {PowerItem.objects.count()} items, {LegalBasis.objects.count()} legal bases, "
          f"{ResponsibilityItem.objects.count()} responsibility items; result {job.result}")


if __name__ == "__main__":
    main()
