"""Write the curated data to a JSON file with natural keys, for `loaddata` into any database."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone


def models_left_out():
    """The history tables (the audit trail stays in the database) and the review queue of
    imported candidate facts: working state that names user accounts, not curated data."""
    return [
        f"agreements.{model.__name__}"
        for model in apps.get_app_config("agreements").get_models()
        if model.__name__.startswith("Historical")
    ] + ["agreements.CandidateFact"]


class Command(BaseCommand):
    help = (
        "Dump every fact, citation, source, country and person (not the history tables nor the "
        "review queue) with natural keys to backups/agreements-<time>.json, or to --output."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", type=Path)

    def handle(self, *args, output, **options):
        if output is None:
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            output = Path(settings.BASE_DIR) / "backups" / f"agreements-{stamp}.json"
        output.parent.mkdir(parents=True, exist_ok=True)
        call_command(
            "dumpdata",
            "agreements",
            exclude=models_left_out(),
            natural_foreign=True,
            natural_primary=True,
            indent=1,
            output=str(output),
            verbosity=0,
        )
        self.stdout.write(f"Backup written to {output}")
