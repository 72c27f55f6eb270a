"""Walk the record's hash chains and name the first broken entry of each ledger. Exit status 1 on any break."""

from django.core.management.base import BaseCommand, CommandError

from fazhi.records import triggers
from fazhi.records.models import Ledger
from fazhi.records.verification import verify_all


class Command(BaseCommand):
    help = "Re-verify the whole-process record: recompute every hash, check links, sequence, heads (and files)."

    def add_arguments(self, parser):
        parser.add_argument("--ledger", metavar="KEY", help="verify only this ledger (e.g. office, body:<uuid>)")
        parser.add_argument("--check-files", action="store_true",
                            help="also re-read every stored attachment and compare its SHA-256 and size")

    def handle(self, *args, ledger=None, check_files=False, **options):
        from django.db import connection

        if ledger is not None and not Ledger.objects.filter(key=ledger).exists():
            raise CommandError(f"no ledger with key {ledger!r}")
        if not triggers.installed(connection):
            self.stderr.write("warning: the append-only triggers are missing (run migrate to re-install them)")
        reports = verify_all(ledger_key=ledger, check_files=check_files)
        broken = 0
        total_entries = total_seconds = 0
        for report in reports:
            total_entries += report.entries
            total_seconds += report.seconds
            files = f", {report.files_checked} files" if check_files else ""
            if report.ok:
                self.stdout.write(f"OK     {report.ledger_key}: {report.entries} entries{files}, "
                                  f"head #{report.last_seq} {report.last_hash[:16]}…, "
                                  f"{report.publications_checked} published heads match, "
                                  f"{report.rate:,.0f} entries/s")
            else:
                broken += 1
                self.stdout.write(f"BROKEN {report.ledger_key}: first break {report.first_break} "
                                  f"(after {report.entries} good entries)")
        rate = total_entries / total_seconds if total_seconds else 0.0
        self.stdout.write(f"{len(reports)} ledgers, {total_entries} entries verified, {rate:,.0f} entries/s")
        if broken:
            raise CommandError(f"{broken} of {len(reports)} ledgers are broken", returncode=1)
