"""Check a case-file archive offline: file digests, ledger entry hashes, evidence against its ledger entries."""

from django.core.management.base import BaseCommand, CommandError

from fazhi.enforcement.case_file_check import verify


class Command(BaseCommand):
    help = ("Re-check a case-file archive (卷宗): every file against manifest.json, every ledger entry's hash from "
            "its prev_hash and body, every evidence digest against the entry that recorded it. Exit status 1 on "
            "the first mismatch.")

    def add_arguments(self, parser):
        parser.add_argument("archive", metavar="ARCHIVE.zip")

    def handle(self, *args, archive, **options):
        result = verify(archive)
        self.stdout.write(result.line())
        if not result.ok:
            raise CommandError(f"case file does not verify: {result.mismatch}", returncode=1)
