"""The shape both SDK providers share: one attempt, streamed, held to its deadline.

`SdkProvider.generate()` sets up the SDK client, opens the stream (or, with
`stream=False`, reads one JSON reply), feeds the text to the progress meter and turns
every failure into an `LlmError`: settings, SDK exceptions, stop reasons. A subclass says
only what is its API's own: how to open the request, how to read one stream event or one
JSON body, when a stream is complete, and what the finished reply is worth.
"""

import json
import logging
from contextlib import AbstractContextManager
from types import ModuleType
from typing import Any, Generic, TypeVar

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
    error_refused,
    error_timeout,
    error_unreadable,
)

logger = logging.getLogger("processing.llm")

Reply = TypeVar("Reply")


class SdkProvider(Generic[Reply]):
    name: str
    label: str  # the provider's name in log lines
    sdk: ModuleType  # the SDK package: its APIStatusError, APITimeoutError, APIConnectionError
    settings_prefix: str  # "ANTHROPIC": ANTHROPIC_API_KEY, ANTHROPIC_MODEL, ANTHROPIC_BASE_URL
    misconfigured_message: str  # when the SDK refuses its settings
    cut_off_reason: str  # the stop reason for a reply that reached max_tokens
    refusal_reason: str  # the stop reason for a reply the model declined to write

    def __init__(
        self,
        *,
        api_key: str | None = None,
        model: str | None = None,
        base_url: str | None = None,
        max_tokens: int | None = None,
        stream: bool = True,
    ) -> None:
        """Anything not given comes from the `<PREFIX>_*` settings."""
        self.api_key = self._setting("API_KEY") if api_key is None else api_key
        self.model = model or self._setting("MODEL")
        self.base_url = self._setting("BASE_URL") if base_url is None else base_url
        self.max_tokens = max_tokens or settings.JOBFORGE_LLM_MAX_TOKENS
        self.stream = stream

    def _setting(self, name: str) -> str:
        return getattr(settings, f"{self.settings_prefix}_{name}")

    def __repr__(self) -> str:  # never the key
        return f"{type(self).__name__}(model={self.model!r})"

    def generate(
        self, phase_input: PhaseInput, *, timeout: float, on_progress: ProgressCallback
    ) -> LlmResult:
        self.configuration_check()
        deadline = Deadline(timeout)
        prompt = prompt_build(phase_input)
        meter = ProgressMeter(on_progress, prompt.expected_chars)
        watchdog = StreamWatchdog(deadline)
        try:
            client = self.client_build(deadline)
        except Exception as error:
            logger.warning("Could not set up the %s client: %s", self.label, type(error).__name__)
            raise LlmError(self.misconfigured_message, transient=False) from None
        try:
            with client:
                if self.stream:
                    reply = self._streamed(client, prompt, deadline, watchdog, meter)
                else:
                    reply = self._complete(client, prompt, deadline, watchdog)
        finally:
            watchdog.cancel()
        return self.result_build(reply, prompt)

    # What each API does its own way.

    def configuration_check(self) -> None:
        """Raise `LlmError` when a required setting is missing."""

    def client_build(self, deadline: Deadline) -> Any:
        raise NotImplementedError

    def stream_open(self, client: Any, prompt: PhasePrompt, deadline: Deadline) -> Any:
        """The SDK's stream object (iterable, a context manager, with `.response`)."""
        raise NotImplementedError

    def raw_open(self, client: Any, prompt: PhasePrompt, deadline: Deadline) -> AbstractContextManager:
        """The SDK's raw-response context manager for a request without streaming."""
        raise NotImplementedError

    def reply_new(self) -> Reply:
        raise NotImplementedError

    def event_read(self, event: Any, reply: Reply) -> str:
        """Record one stream event on `reply`; the new text it carries, or ""."""
        raise NotImplementedError

    def stream_end_check(self, reply: Reply) -> None:
        """Raise `LlmError` when the stream ended before the reply was complete."""

    def json_reply(self, data: Any) -> Reply:
        """A complete JSON reply; KeyError, IndexError, TypeError or ValueError when malformed."""
        raise NotImplementedError

    def result_build(self, reply: Reply, prompt: PhasePrompt) -> LlmResult:
        raise NotImplementedError

    def reply_text(self, stop_reason: str | None, text: str) -> str:
        """The reply's Markdown, or an `LlmError` when it was cut off, refused or empty."""
        if stop_reason == self.cut_off_reason:
            raise error_cut_off(self.max_tokens)
        if stop_reason == self.refusal_reason:
            raise error_refused()
        markdown = reply_markdown(text)
        if not markdown:
            raise error_unreadable("empty text")
        return markdown

    def status_of(self, error: Exception) -> int:
        """The HTTP status an `APIStatusError` stands for."""
        return error.status_code

    def other_error(self, error: Exception) -> LlmError | None:
        """An SDK error that is neither a status, a timeout nor a connection failure, if known."""
        return None

    def error_for_status(self, status: int, headers=None) -> LlmError:
        prefix = self.settings_prefix
        return error_for_status(
            status,
            key_setting=f"{prefix}_API_KEY",
            model_setting=f"{prefix}_MODEL",
            base_url_setting=f"{prefix}_BASE_URL",
            headers=headers,
        )

    def translate(self, error: Exception, deadline: Deadline, watchdog: StreamWatchdog) -> LlmError:
        """An SDK or transport exception as an `LlmError`; details go to the log only."""
        if isinstance(error, LlmError):
            return error
        if watchdog.fired:
            return error_timeout()
        if isinstance(error, self.sdk.APIStatusError):
            status = self.status_of(error)
            logger.warning(
                "%s API error: status=%s type=%s request_id=%s",
                self.label,
                status,
                getattr(error, "type", None),
                getattr(error, "request_id", None),
            )
            return self.error_for_status(status, headers=error.response.headers)
        if isinstance(error, self.sdk.APITimeoutError | httpx2.TimeoutException):
            return error_timeout()
        if isinstance(error, self.sdk.APIConnectionError | httpx2.TransportError):
            if deadline.expired():
                return error_timeout()
            logger.warning("%s API connection failed: %s", self.label, type(error).__name__)
            return error_connection()
        return self.other_error(error) or error_unreadable(f"{type(error).__name__} while reading the reply")

    # The shared mechanics.

    def _streamed(
        self,
        client: Any,
        prompt: PhasePrompt,
        deadline: Deadline,
        watchdog: StreamWatchdog,
        meter: ProgressMeter,
    ) -> Reply:
        reply = self.reply_new()
        try:
            stream = self.stream_open(client, prompt, deadline)
        except Exception as error:
            raise self.translate(error, deadline, watchdog) from None
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
                    raise self.translate(error, deadline, watchdog) from None
                if deadline.expired():
                    raise error_timeout()
                try:
                    piece = self.event_read(event, reply)
                except (AttributeError, TypeError, ValueError) as error:
                    raise error_unreadable(f"bad stream event: {type(error).__name__}") from None
                meter.add(piece)  # may raise to abort the attempt: not ours to translate
        if watchdog.fired or deadline.expired():
            raise error_timeout()
        self.stream_end_check(reply)
        return reply

    def _complete(
        self, client: Any, prompt: PhasePrompt, deadline: Deadline, watchdog: StreamWatchdog
    ) -> Reply:
        try:
            with self.raw_open(client, prompt, deadline) as raw:
                watchdog.watch(raw.http_response)
                return self._read_json(raw.http_response, deadline, watchdog)
        except LlmError:
            raise
        except Exception as error:
            raise self.translate(error, deadline, watchdog) from None

    def _read_json(self, response: httpx2.Response, deadline: Deadline, watchdog: StreamWatchdog) -> Reply:
        try:
            body = response.read()
        except Exception as error:
            raise self.translate(error, deadline, watchdog) from None
        if watchdog.fired or deadline.expired():
            raise error_timeout()
        try:
            return self.json_reply(json.loads(body))
        except (KeyError, IndexError, TypeError, ValueError) as error:
            raise error_unreadable(f"bad JSON reply: {type(error).__name__}") from None
