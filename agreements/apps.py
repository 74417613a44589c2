from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "agreements"
    verbose_name = "Security agreements"

    def ready(self):
        from . import cache  # noqa: F401  (connects the signals that invalidate cached pages)
