"""System checks for the AI pipeline (shown when the app starts and by `manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Warning, register

from processing.queue import queue_is_async

REMOTE_PROVIDERS = ("anthropic", "openai")


@register()
def remote_provider_has_a_queue(app_configs, **kwargs):
    """A remote provider without Redis runs each phase inside the web request that starts it."""
    provider = settings.JOBFORGE_LLM_PROVIDER
    if provider not in REMOTE_PROVIDERS or queue_is_async():
        return []
    return [
        Warning(
            f"JOBFORGE_LLM_PROVIDER={provider} without REDIS_URL: every AI phase runs inside the "
            f"web request that starts it, holding a web worker for up to "
            f"{settings.JOBFORGE_PHASE_TIMEOUT} seconds (JOBFORGE_PHASE_TIMEOUT).",
            hint="Set REDIS_URL and run a worker (`make worker`), or use JOBFORGE_LLM_PROVIDER=offline.",
            id="jobforge.W031",
        )
    ]
