"""Publish every ledger's head for a day now (the daily task does the same at 00:05)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from fazhi.records.services import heads_publish


class Command(BaseCommand):
    help = "Publish every ledger's head (sequence + hash) for today or --date; idempotent per day."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="YYYY-MM-DD (default: today)")

    def handle(self, *args, date=None, **options):
        try:
            on = dt.date.fromisoformat(date) if date else None
        except ValueError as exc:
            raise CommandError("--date must be YYYY-MM-DD") from exc
        try:
            added = heads_publish(on=on)
        except ValueError as exc:
            raise CommandError(f"不能为未来的日期公布账本头:{date}") from exc
        self.stdout.write(f"{added} ledger heads published")
