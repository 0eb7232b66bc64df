from django.conf import settings
from django.core.checks import Error, register


@register()
def token_blacklist_installed(app_configs, **kwargs):
    """Refresh rotation without the blacklist app silently keeps old tokens alive."""
    if "rest_framework_simplejwt.token_blacklist" in settings.INSTALLED_APPS:
        return []
    return [
        Error(
            "rest_framework_simplejwt.token_blacklist is not installed: rotated and "
            "logged-out refresh tokens would keep working.",
            id="accounts.E001",
        )
    ]
