"""Give every row without history a first historical record; safe to run any number of times.

Rows loaded from fixtures or a backup (loaddata) have no history. With a baseline record, the
history page of such a row shows the old and new values of its first edit.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import get_history_manager_for_model

from agreements.models import BASELINE_CHANGE_REASON


class Command(BaseCommand):
    help = "Record a baseline history entry for every row of the tracker that has none."

    def handle(self, *args, **options):
        for model in apps.get_app_config("agreements").get_models():
            try:
                history = get_history_manager_for_model(model)
            except NotHistoricalModelError:
                continue
            pk = model._meta.pk.attname
            unrecorded = model._default_manager.exclude(
                **{f"{pk}__in": history.model.objects.values(pk)}
            )
            created = history.bulk_history_create(
                list(unrecorded), default_change_reason=BASELINE_CHANGE_REASON
            )
            if created and options["verbosity"]:
                self.stdout.write(f"{model._meta.verbose_name_plural}: {len(created)} baseline(s)")
