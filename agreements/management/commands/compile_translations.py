"""Compile locale/*/LC_MESSAGES/django.po into .mo files, in pure Python (Babel).

`make run` and `make test` run it; unlike Django's `compilemessages` it needs no GNU gettext.
"""

from django.core.management.base import BaseCommand, CommandError

from tracker.translations import catalogue_paths, compile_catalogues, gaps


class Command(BaseCommand):
    help = "Compile the translation catalogues (.po → .mo) without GNU gettext."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="fail on an untranslated or fuzzy entry"
        )

    def handle(self, *args, check=False, **options):
        if check:
            problems = [
                f"{path}: {what}: {msgid!r}"
                for path in catalogue_paths()
                for msgid, what in gaps(path)
            ]
            if problems:
                raise CommandError("\n".join(problems))
        for path in compile_catalogues():
            self.stdout.write(f"Compiled {path}")
