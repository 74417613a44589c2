from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "agreements"
    verbose_name = _("Security agreements")

    def ready(self):
        from django.db.models.signals import post_migrate

        # Importing the module connects the signals that invalidate cached pages.
        from . import cache

        post_migrate.connect(cache.create_cache_table, sender=self)
