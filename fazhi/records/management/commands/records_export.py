"""Export one ledger as JSON lines, one entry per line, with exactly the values that were hashed (docs/records.md)."""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from fazhi.records.models import Entry, Ledger


class Command(BaseCommand):
    help = "Write a ledger's entries as JSON lines for re-verification outside the platform (docs/records.md)."

    def add_arguments(self, parser):
        parser.add_argument("ledger", metavar="KEY", help="ledger key (office, body:<uuid>)")

    def handle(self, *args, ledger, **options):
        if not Ledger.objects.filter(key=ledger).exists():
            raise CommandError(f"no ledger with key {ledger!r}")
        rows = (Entry.objects.filter(ledger__key=ledger).order_by("seq")
                .values_list("seq", "prev_hash", "hash", "actor_name", "action", "subject_type", "subject_id",
                             "payload", "files", "recorded_at"))
        names = ("seq", "prev_hash", "hash", "actor_name", "action", "subject_type", "subject_id", "payload",
                 "files", "recorded_at")
        for row in rows.iterator(chunk_size=2000):
            item = dict(zip(names, row, strict=True))
            item["recorded_at"] = item["recorded_at"].astimezone(dt.UTC).isoformat()
            self.stdout.write(json.dumps(item, ensure_ascii=False, sort_keys=True))
