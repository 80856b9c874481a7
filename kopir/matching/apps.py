from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "kopir.matching"
    label = "matching"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from kopir.matching import upkeep

        upkeep.connect()
