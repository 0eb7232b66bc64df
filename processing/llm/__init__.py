"""AI providers for the three phases, chosen by `settings.JOBFORGE_LLM_PROVIDER`.

`provider_get()` returns the configured provider: `offline` (default, no network),
`anthropic` or `openai`. Providers are imported lazily, so a missing or broken remote
setup never stops the app from starting: a missing API key is a permanent `LlmError`
when a phase runs, with a message naming the setting.
"""

from django.conf import settings

from processing.llm.base import LlmProvider
from processing.llm.errors import LlmError

PROVIDER_NAMES = ("offline", "anthropic", "openai")


def provider_get(name: str | None = None) -> LlmProvider:
    """The provider called `name`, or the configured one; settings are read now, not at import."""
    name = name or settings.JOBFORGE_LLM_PROVIDER
    if name == "offline":
        from processing.llm.offline import OfflineProvider

        return OfflineProvider()
    if name == "anthropic":
        from processing.llm.anthropic_provider import AnthropicProvider

        return AnthropicProvider()
    if name == "openai":
        from processing.llm.openai_provider import OpenAIProvider

        return OpenAIProvider()
    raise LlmError(
        f"Unknown AI provider {name!r}: JOBFORGE_LLM_PROVIDER must be one of {', '.join(PROVIDER_NAMES)}.",
        transient=False,
        code="PROCESSING_ERROR",
    )


__all__ = ["PROVIDER_NAMES", "LlmError", "LlmProvider", "provider_get"]
