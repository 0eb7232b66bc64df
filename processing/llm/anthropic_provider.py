"""The Anthropic provider: the official `anthropic` SDK, Messages API, streamed.

One attempt per `generate()` (the SDK's own retries are off: the pipeline retries). The
posting and the resume go in a content block marked for prompt caching, so the three
phases of an application (and any retry) re-read them from the cache.
"""

import logging
from contextlib import AbstractContextManager
from typing import Any

import anthropic

from processing.llm.base import LlmResult
from processing.llm.prompts import PhasePrompt
from processing.llm.remote import (
    Deadline,
    error_not_configured,
    error_unreadable,
)
from processing.llm.sdk_provider import SdkProvider

logger = logging.getLogger("processing.llm")

# The `type` of an error event inside a stream, as the HTTP status it stands for.
_STREAM_ERROR_STATUS = {
    "invalid_request_error": 400,
    "authentication_error": 401,
    "billing_error": 402,
    "permission_error": 403,
    "not_found_error": 404,
    "request_too_large": 413,
    "rate_limit_error": 429,
    "api_error": 500,
    "timeout_error": 504,
    "overloaded_error": 529,
}


class _Reply:
    """What a reply has told us so far."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.input_tokens = 0
        self.cache_creation_input_tokens = 0
        self.cache_read_input_tokens = 0
        self.output_tokens = 0
        self.stop_reason: str | None = None
        self.response_model = ""
        self.started = False
        self.finished = False

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def usage_read(self, usage: Any) -> None:
        if usage is None:
            return
        for name in (
            "input_tokens",
            "cache_creation_input_tokens",
            "cache_read_input_tokens",
            "output_tokens",
        ):
            value = usage.get(name) if isinstance(usage, dict) else getattr(usage, name, None)
            if isinstance(value, int) and value >= 0:
                setattr(self, name, value)


class AnthropicProvider(SdkProvider[_Reply]):
    name = "anthropic"
    label = "Anthropic"
    sdk = anthropic
    settings_prefix = "ANTHROPIC"
    cut_off_reason, refusal_reason = "max_tokens", "refusal"
    misconfigured_message = "The AI provider is misconfigured. Check ANTHROPIC_BASE_URL."

    # the request

    def request_params(self, prompt: PhasePrompt) -> dict[str, Any]:
        """The Messages API parameters for one phase (public for tests and logs: no key in it)."""
        return {
            "model": self.model,
            "max_tokens": self.max_tokens,
            "system": [{"type": "text", "text": prompt.system}],
            "messages": [
                {
                    "role": "user",
                    "content": [
                        # The cache prefix ends here: system prompt + posting + resume.
                        {"type": "text", "text": prompt.context, "cache_control": {"type": "ephemeral"}},
                        {"type": "text", "text": prompt.task},
                    ],
                }
            ],
        }

    def configuration_check(self) -> None:
        if not self.api_key:
            raise error_not_configured("ANTHROPIC_API_KEY")

    def client_build(self, deadline: Deadline) -> anthropic.Anthropic:
        return anthropic.Anthropic(
            api_key=self.api_key,
            base_url=self.base_url or None,
            max_retries=0,
            timeout=deadline.http_timeout(),
        )

    def stream_open(self, client: anthropic.Anthropic, prompt: PhasePrompt, deadline: Deadline) -> Any:
        return client.messages.create(
            **self.request_params(prompt), stream=True, timeout=deadline.http_timeout()
        )

    def raw_open(
        self, client: anthropic.Anthropic, prompt: PhasePrompt, deadline: Deadline
    ) -> AbstractContextManager:
        return client.messages.with_streaming_response.create(
            **self.request_params(prompt), timeout=deadline.http_timeout()
        )

    # the reply

    def reply_new(self) -> _Reply:
        return _Reply()

    def event_read(self, event: Any, reply: _Reply) -> str:
        kind = getattr(event, "type", None)
        if kind == "message_start":
            message = event.message
            reply.started = True
            reply.response_model = getattr(message, "model", "") or ""
            reply.usage_read(getattr(message, "usage", None))
        elif kind == "content_block_delta":
            delta = event.delta
            if getattr(delta, "type", None) == "text_delta":
                text = delta.text
                if not isinstance(text, str):
                    raise TypeError("text delta without text")
                reply.parts.append(text)
                return text
        elif kind == "message_delta":
            reply.stop_reason = getattr(event.delta, "stop_reason", None)
            reply.usage_read(getattr(event, "usage", None))
        elif kind == "message_stop":
            if not reply.started:
                raise ValueError("message_stop before message_start")
            reply.finished = True
        return ""

    def stream_end_check(self, reply: _Reply) -> None:
        if not reply.finished:
            raise error_unreadable("the stream ended before message_stop")

    def json_reply(self, data: Any) -> _Reply:
        reply = _Reply()
        if not isinstance(data, dict) or data.get("type") != "message":
            raise ValueError("not a message")
        content = data["content"]
        if not isinstance(content, list):
            raise TypeError("content is not a list")
        for block in content:
            if isinstance(block, dict) and block.get("type") == "text":
                if not isinstance(block.get("text"), str):
                    raise TypeError("text block without text")
                reply.parts.append(block["text"])
        reply.stop_reason = data.get("stop_reason")
        reply.response_model = data.get("model") or ""
        reply.usage_read(data.get("usage"))
        reply.started = reply.finished = True
        return reply

    # the answer

    def result_build(self, reply: _Reply, prompt: PhasePrompt) -> LlmResult:
        text = self.reply_text(reply.stop_reason, reply.text)
        cached = reply.cache_creation_input_tokens + reply.cache_read_input_tokens
        return LlmResult(
            text=text,
            model=self.model,
            input_tokens=reply.input_tokens + cached,
            output_tokens=reply.output_tokens,
            extra={
                "provider": self.name,
                "response_model": reply.response_model,
                "stop_reason": reply.stop_reason,
                "cache_creation_input_tokens": reply.cache_creation_input_tokens,
                "cache_read_input_tokens": reply.cache_read_input_tokens,
            },
        )

    # failures

    def status_of(self, error: Exception) -> int:
        status = error.status_code
        if not 400 <= status <= 599:
            # An `error` event inside a 200 stream: its type says what happened.
            status = _STREAM_ERROR_STATUS.get(str(getattr(error, "type", None) or ""), 500)
        return status
