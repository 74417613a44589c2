"""Load the seed fixtures into a database that holds no curated data yet.

`make run` calls this on every start. Loading the fixture again would put the seed's values back
over editors' corrections (loaddata overwrites rows by natural key and records no history), so
once any source or fact exists it leaves the data alone and says so.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from agreements.models import Agreement, Declaration, Source


class Command(BaseCommand):
    help = "Load fixtures/seed.json unless the database already holds curated data."

    def handle(self, *args, **options):
        if any(model.objects.exists() for model in (Source, Agreement, Declaration)):
            self.stdout.write(
                "The database already holds curated data: the seed fixtures are not loaded "
                "again, so no edit is overwritten (`manage.py loaddata seed` forces it)."
            )
            return
        call_command("loaddata", "seed", verbosity=options["verbosity"])
