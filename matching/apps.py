from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = "Match reports"
    default_auto_field = "django.db.models.BigAutoField"
