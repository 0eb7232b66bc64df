from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jobforge.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from jobforge.accounts import checks  # noqa: F401  (registers system checks)
