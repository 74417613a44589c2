"""python manage.py accept_candidates — accept pending candidate facts without the admin."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from agreements.models import CandidateFact


class Command(BaseCommand):
    help = (
        "Accept every pending candidate (or those of --source SLUG), oldest article first, as "
        "an editor would in admin. Used by `make fixtures`; a candidate that cannot be accepted "
        "is reported and stays pending."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", action="append", default=[], metavar="SLUG")

    def handle(self, *args, **options):
        candidates = CandidateFact.objects.pending().select_related("source").in_review_order()
        if options["source"]:
            candidates = candidates.filter(source__slug__in=options["source"])
        accepted, failed = 0, 0
        for candidate in candidates:
            try:
                candidate.accept()
                accepted += 1
            except ValidationError as error:
                failed += 1
                where = f"{candidate.source.slug} #{candidate.position} {candidate}"
                self.stderr.write(f"{where}: {' '.join(error.messages)}")
        summary = f"{accepted} accepted, {failed} could not be accepted"
        if failed:
            raise CommandError(summary)
        self.stdout.write(summary)
