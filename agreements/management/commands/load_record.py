"""Load the public record (record/*.toml) into the database; safe to run any number of times."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from agreements.record import load_record


class Command(BaseCommand):
    help = (
        "Load record/*.toml: every row validated as in the admin, nothing duplicated, and no "
        "row an editor changed since the last load overwritten (such rows are listed)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--root", default=str(Path(settings.BASE_DIR) / "record"), help="The record folder."
        )

    def handle(self, *args, root, **options):
        report = load_record(root=root)
        for title, counts in [("Created", report.created), ("Updated", report.updated)]:
            if counts:
                listed = ", ".join(f"{count} {name}" for name, count in sorted(counts.items()))
                self.stdout.write(f"{title}: {listed}.")
        if not report.created and not report.updated:
            self.stdout.write("The database already holds the record: nothing to change.")
        for line in report.kept:
            self.stdout.write(self.style.WARNING(f"Left alone: {line}"))
        for line in report.problems:
            self.stderr.write(self.style.ERROR(f"Problem: {line}"))
