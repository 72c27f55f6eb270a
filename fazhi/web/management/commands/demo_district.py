"""Build the demo district: 赛罕区 at the scale of its 2017 rule-of-law report (docs/adr/0004)."""

from __future__ import annotations

import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fazhi.core.maintenance import database_analyze
from fazhi.orgs.models import Organisation
from fazhi.records.models import Entry
from fazhi.records.services import heads_publish
from fazhi.supervision.services import warnings_scan
from fazhi.web.demo import cases as demo_cases
from fazhi.web.demo import inspections as demo_inspections
from fazhi.web.demo import powers_catalogue, powers_items, powers_laws
from fazhi.web.demo.accounts import ensure_demo_accounts, format_accounts
from fazhi.web.demo.load import load_district
from fazhi.web.demo.plan import plan_district


class Command(BaseCommand):
    help = "生成演示区(赛罕区):单位、执法主体、执法人员与证件、考试、义务监督员,以及各角色演示账户。"

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2017, help="随机种子(相同种子生成相同数据)")
        parser.add_argument("--scale", type=float, default=1.0,
                            help="人员规模系数:1 为报告规模(2638名执法人员),0.02 为测试用小规模")
        parser.add_argument("--if-empty", action="store_true", help="已有单位数据时不做任何事")
        parser.add_argument("--no-accounts", action="store_true", help="不创建演示账户")

    def handle(self, *args, seed, scale, if_empty, no_accounts, **options):
        if Organisation.objects.exists():
            if if_empty:
                self.stdout.write("已有单位数据,跳过生成演示区。")
                return
            raise CommandError("数据库中已有单位数据。演示区只能生成到空数据库中(记录账本不可删除);"
                               "请换用新的数据库,或加 --if-empty 跳过。")
        if not 0 < scale <= 5:
            raise CommandError("--scale 须在 0 到 5 之间")
        started = time.monotonic()
        verbose = options.get("verbosity", 1) > 1
        plan = plan_district(seed=seed, scale=scale, today=timezone.localdate())
        entries_before = Entry.objects.count()
        counts = load_district(plan, progress=self.stdout.write if verbose else None)
        # The law library, then the power list citing it, then the service catalogue linked to the power list.
        today = timezone.localdate()
        for name, loaded in (("laws", powers_laws.load(by=None, today=today)),
                             ("power_list", powers_items.load(by=None, today=today, rng=random.Random(seed))),
                             ("catalogue", powers_catalogue.load(by=None, today=today, rng=random.Random(seed + 1)))):
            counts.update({f"{name}.{key}": value for key, value in loaded.items()
                           if isinstance(value, int)})
        # A year of enforcement cases in the bodies, recorded in their ledgers (issue 5).
        counts.update({f"cases.{key}": value for key, value in demo_cases.load(
            today=today, seed=seed, scale=scale, accounts=not no_accounts,
            progress=self.stdout.write if verbose else None).items()})
        # A year of random inspection (双随机一公开): the object pool, plans, tasks, draws and results (issue 6).
        counts.update({f"inspections.{key}": value for key, value in demo_inspections.load(
            today=today, seed=seed, scale=scale, progress=self.stdout.write if verbose else None).items()})
        # What the daily jobs would have done by now: warnings on the workbench, the ledger heads published.
        scan = warnings_scan(on=timezone.localdate())
        counts["warnings_open"] = scan["open"]
        counts["ledger_heads_published"] = heads_publish(on=timezone.localdate())
        counts["record_entries"] = Entry.objects.count() - entries_before
        database_analyze()  # the planner's statistics, as the nightly job keeps them (fazhi.core.maintenance)
        if not no_accounts:
            accounts = ensure_demo_accounts()
            counts["demo_accounts"] = len(accounts)
        elapsed = time.monotonic() - started
        summary = ",".join(f"{k} {v}" for k, v in sorted(counts.items()))
        self.stdout.write(self.style.SUCCESS(f"演示区已生成(种子 {seed},规模 {scale}),用时 {elapsed:.1f} 秒:{summary}"))
        if not no_accounts:
            self.stdout.write(format_accounts(accounts))
