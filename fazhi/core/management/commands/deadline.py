"""`manage.py deadline RULE_ID YYYY-MM-DD [--pause FROM:TO] [--extend N] [--json]`: how a date was computed."""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.deadlines import deadline
from fazhi.core.errors import DomainError


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"日期格式应为YYYY-MM-DD:{text}") from exc


class Command(BaseCommand):
    help = "Compute a statutory deadline and print the due date, unit and trace (rules.md ids)."

    def add_arguments(self, parser):
        parser.add_argument("rule_id")
        parser.add_argument("start")
        parser.add_argument("--pause", action="append", default=[], help="FROM:TO, inclusive, may repeat")
        parser.add_argument("--extend", action="append", type=int, default=[], help="approved extension, may repeat")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, rule_id, start, pause, extend, json: bool = False, **options):
        pauses = []
        for item in pause:
            if ":" not in item:
                raise CommandError(f"--pause 应为 FROM:TO:{item}")
            begin, end = item.split(":", 1)
            pauses.append((_date(begin), _date(end)))
        try:
            result = deadline(rule_id.upper(), _date(start), pauses=pauses, extensions=extend)
        except DomainError as exc:
            raise CommandError(exc.display) from exc
        if json:
            self.stdout.write(_json_dumps(result.as_dict()))
        else:
            self.stdout.write(f"{result.rule_id}  届满日 {result.due.isoformat()}  ({result.length}{result.unit_label})")
            self.stdout.write(result.trace)


def _json_dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
