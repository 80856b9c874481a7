from django.apps import AppConfig


class NeedsConfig(AppConfig):
    name = "kopir.needs"
    label = "needs"
    default_auto_field = "django.db.models.BigAutoField"
