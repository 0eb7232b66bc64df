"""The Anthropic provider: the official `anthropic` SDK, Messages API, streamed.

One attempt per `generate()` (the SDK's own retries are off: the pipeline retries). The
posting and the resume go in a content block marked for prompt caching, so the three
phases of an application (and any retry) re-read them from the cache.
"""

import json
import logging
from typing import Any

import anthropic
import httpx2
from django.conf import settings

from processing.llm.base import LlmResult, PhaseInput, ProgressCallback
from processing.llm.errors import LlmError
from processing.llm.prompts import PhasePrompt, prompt_build, reply_markdown
from processing.llm.remote import (
    Deadline,
    ProgressMeter,
    StreamWatchdog,
    error_connection,
    error_cut_off,
    error_for_status,
    error_not_configured,
    error_refused,
    error_timeout,
    error_unreadable,
)

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


class AnthropicProvider:
    name = "anthropic"

    def __init__(
        self,
        *,
        api_key: str | None = None,
        model: str | None = None,
        base_url: str | None = None,
        max_tokens: int | None = None,
        stream: bool = True,
    ) -> None:
        self.api_key = settings.ANTHROPIC_API_KEY if api_key is None else api_key
        self.model = model or settings.ANTHROPIC_MODEL
        self.base_url = base_url if base_url is not None else settings.ANTHROPIC_BASE_URL
        self.max_tokens = max_tokens or settings.JOBFORGE_LLM_MAX_TOKENS
        self.stream = stream

    def __repr__(self) -> str:  # never the key
        return f"AnthropicProvider(model={self.model!r})"

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

    def generate(
        self, phase_input: PhaseInput, *, timeout: float, on_progress: ProgressCallback
    ) -> LlmResult:
        if not self.api_key:
            raise error_not_configured("ANTHROPIC_API_KEY")
        deadline = Deadline(timeout)
        prompt = prompt_build(phase_input)
        meter = ProgressMeter(on_progress, prompt.expected_chars)
        watchdog = StreamWatchdog(deadline)
        try:
            client = anthropic.Anthropic(
                api_key=self.api_key,
                base_url=self.base_url or None,
                max_retries=0,
                timeout=deadline.http_timeout(),
            )
        except Exception as error:
            logger.warning("Could not set up the Anthropic client: %s", type(error).__name__)
            raise LlmError(
                "The AI provider is misconfigured. Check ANTHROPIC_BASE_URL.", transient=False
            ) from None
        try:
            with client:
                if self.stream:
                    reply = self._streamed(client, prompt, deadline, watchdog, meter)
                else:
                    reply = self._complete(client, prompt, deadline, watchdog)
        finally:
            watchdog.cancel()
        return self._result(reply)

    def _streamed(
        self,
        client: anthropic.Anthropic,
        prompt: PhasePrompt,
        deadline: Deadline,
        watchdog: StreamWatchdog,
        meter: ProgressMeter,
    ) -> _Reply:
        reply = _Reply()
        try:
            stream = client.messages.create(
                **self.request_params(prompt), stream=True, timeout=deadline.http_timeout()
            )
        except Exception as error:
            raise self._translate(error, deadline, watchdog) from None
        with stream:
            watchdog.watch(stream.response)
            if stream.response.headers.get("content-type", "").startswith("application/json"):
                # A server (or proxy) that ignored "stream": a complete JSON reply.
                return self._read_json(stream.response, deadline, watchdog)
            iterator = iter(stream)
            while True:
                try:
                    event = next(iterator)
                except StopIteration:
                    break
                except Exception as error:
                    raise self._translate(error, deadline, watchdog) from None
                if deadline.expired():
                    raise error_timeout()
                try:
                    piece = self._event_read(event, reply)
                except (AttributeError, TypeError, ValueError) as error:
                    raise error_unreadable(f"bad stream event: {type(error).__name__}") from None
                meter.add(piece)  # may raise to abort the attempt: not ours to translate
        if watchdog.fired or deadline.expired():
            raise error_timeout()
        if not reply.finished:
            raise error_unreadable("the stream ended before message_stop")
        return reply

    @staticmethod
    def _event_read(event: Any, reply: _Reply) -> str:
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

    def _complete(
        self, client: anthropic.Anthropic, prompt: PhasePrompt, deadline: Deadline, watchdog: StreamWatchdog
    ) -> _Reply:
        try:
            with client.messages.with_streaming_response.create(
                **self.request_params(prompt), timeout=deadline.http_timeout()
            ) as raw:
                watchdog.watch(raw.http_response)
                return self._read_json(raw.http_response, deadline, watchdog)
        except LlmError:
            raise
        except Exception as error:
            raise self._translate(error, deadline, watchdog) from None

    def _read_json(self, response: httpx2.Response, deadline: Deadline, watchdog: StreamWatchdog) -> _Reply:
        try:
            body = response.read()
        except Exception as error:
            raise self._translate(error, deadline, watchdog) from None
        if watchdog.fired or deadline.expired():
            raise error_timeout()
        try:
            data = json.loads(body)
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
        except (KeyError, TypeError, ValueError) as error:
            raise error_unreadable(f"bad JSON reply: {type(error).__name__}") from None
        reply.started = reply.finished = True
        return reply

    # the answer

    def _result(self, reply: _Reply) -> LlmResult:
        if reply.stop_reason == "max_tokens":
            raise error_cut_off(self.max_tokens)
        if reply.stop_reason == "refusal":
            raise error_refused()
        text = reply_markdown(reply.text)
        if not text:
            raise error_unreadable("empty text")
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

    def _translate(self, error: Exception, deadline: Deadline, watchdog: StreamWatchdog) -> LlmError:
        """An SDK or transport exception as an `LlmError`; the details go to the log only."""
        if isinstance(error, LlmError):
            return error
        if watchdog.fired:
            return error_timeout()
        if isinstance(error, anthropic.APIStatusError):
            status = error.status_code
            if not 400 <= status <= 599:
                # An `error` event inside a 200 stream: its type says what happened.
                status = _STREAM_ERROR_STATUS.get(str(getattr(error, "type", None) or ""), 500)
            logger.warning(
                "Anthropic API error: status=%s type=%s request_id=%s",
                status,
                getattr(error, "type", None),
                getattr(error, "request_id", None),
            )
            return error_for_status(
                status,
                key_setting="ANTHROPIC_API_KEY",
                model_setting="ANTHROPIC_MODEL",
                base_url_setting="ANTHROPIC_BASE_URL",
                headers=error.response.headers,
            )
        if isinstance(error, anthropic.APITimeoutError | httpx2.TimeoutException):
            return error_timeout()
        if isinstance(error, anthropic.APIConnectionError | httpx2.TransportError):
            if deadline.expired():
                return error_timeout()
            logger.warning("Anthropic API connection failed: %s", type(error).__name__)
            return error_connection()
        return error_unreadable(f"{type(error).__name__} while reading the reply")
