from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "jobforge.api"
    label = "jobforge_api"
    verbose_name = "API"

    def ready(self) -> None:
        from jobforge.api import schema  # noqa: F401  (registers OpenAPI extensions)
