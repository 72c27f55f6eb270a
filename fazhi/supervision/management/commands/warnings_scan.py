import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fazhi.supervision.services import warnings_scan


class Command(BaseCommand):
    help = "Find certificates due for expiry or renewal and refresh the warnings (预警) as of a day (default today)."

    def add_arguments(self, parser):
        parser.add_argument("--on", help="scan as of this day, YYYY-MM-DD (default: today)")

    def handle(self, *args, **options):
        if options["on"]:
            try:
                on = dt.date.fromisoformat(options["on"])
            except ValueError as exc:
                raise CommandError(f"日期格式应为 YYYY-MM-DD:{options['on']}") from exc
        else:
            on = timezone.localdate()
        result = warnings_scan(on=on)
        self.stdout.write(f"{on.isoformat()} 预警扫描:新增{result['created']} 更新{result['updated']} "
                          f"未变{result['unchanged']} 解除{result['resolved']} 当前未解除{result['open']}")
        for error in result["errors"]:
            self.stderr.write(f"未能计算:{error}")
