"""The OpenAI provider: the official `openai` SDK, Chat Completions API, streamed.

Chat Completions is what every OpenAI-compatible server speaks (Ollama, vLLM, LM Studio),
so a local model works by setting OPENAI_BASE_URL (such servers ignore the key, so with a
base URL set the key may be left empty). One attempt per `generate()`: the SDK's own
retries are off, the pipeline retries. OpenAI caches long prompt prefixes by itself, so
the posting and the resume come first, the phase's task last.
"""

import logging
import re
from contextlib import AbstractContextManager
from typing import Any

import httpx2
import openai
from django.conf import settings

from processing.llm.base import LlmResult
from processing.llm.errors import LlmError
from processing.llm.prompts import PhasePrompt, reply_markdown
from processing.llm.remote import (
    Deadline,
    StreamWatchdog,
    error_connection,
    error_cut_off,
    error_for_status,
    error_not_configured,
    error_refused,
    error_timeout,
    error_unreadable,
)
from processing.llm.sdk_provider import SdkProvider

logger = logging.getLogger("processing.llm")

# OpenAI's reasoning models reject `max_tokens` and take `max_completion_tokens` instead.
_REASONING_MODEL = re.compile(r"^(o\d|gpt-5)", re.IGNORECASE)
# Local servers do not check the key, but the SDK insists on one.
_NO_KEY = "not-needed"


class _Reply:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.input_tokens: int | None = None
        self.output_tokens: int | None = None
        self.cached_tokens = 0
        self.finish_reason: str | None = None
        self.response_model = ""

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def usage_read(self, usage: Any) -> None:
        if usage is None:
            return

        def field(source: Any, name: str) -> Any:
            return source.get(name) if isinstance(source, dict) else getattr(source, name, None)

        prompt_tokens = field(usage, "prompt_tokens")
        completion_tokens = field(usage, "completion_tokens")
        if isinstance(prompt_tokens, int) and prompt_tokens >= 0:
            self.input_tokens = prompt_tokens
        if isinstance(completion_tokens, int) and completion_tokens >= 0:
            self.output_tokens = completion_tokens
        details = field(usage, "prompt_tokens_details")
        cached = field(details, "cached_tokens") if details is not None else None
        if isinstance(cached, int) and cached >= 0:
            self.cached_tokens = cached


class OpenAIProvider(SdkProvider[_Reply]):
    name = "openai"
    label = "OpenAI"
    misconfigured_message = "The AI provider is misconfigured. Check OPENAI_API_KEY and OPENAI_BASE_URL."

    def __init__(
        self,
        *,
        api_key: str | None = None,
        model: str | None = None,
        base_url: str | None = None,
        max_tokens: int | None = None,
        stream: bool = True,
    ) -> None:
        super().__init__(
            api_key=settings.OPENAI_API_KEY if api_key is None else api_key,
            model=model or settings.OPENAI_MODEL,
            base_url=base_url if base_url is not None else settings.OPENAI_BASE_URL,
            max_tokens=max_tokens or settings.JOBFORGE_LLM_MAX_TOKENS,
            stream=stream,
        )

    # the request

    def request_params(self, prompt: PhasePrompt) -> dict[str, Any]:
        """The Chat Completions parameters for one phase (no key in them)."""
        params: dict[str, Any] = {
            "model": self.model,
            "messages": [
                {"role": "system", "content": prompt.system},
                {"role": "user", "content": prompt.user},
            ],
        }
        if not self.base_url and _REASONING_MODEL.match(self.model):
            params["max_completion_tokens"] = self.max_tokens
        else:
            params["max_tokens"] = self.max_tokens
        return params

    def configuration_check(self) -> None:
        if not self.api_key and not self.base_url:
            raise error_not_configured("OPENAI_API_KEY")

    def client_build(self, deadline: Deadline) -> openai.OpenAI:
        return openai.OpenAI(
            api_key=self.api_key or _NO_KEY,
            base_url=self.base_url or None,
            max_retries=0,
            timeout=deadline.http_timeout(),
        )

    def stream_open(self, client: openai.OpenAI, prompt: PhasePrompt, deadline: Deadline) -> Any:
        return client.chat.completions.create(
            **self.request_params(prompt),
            stream=True,
            stream_options={"include_usage": True},
            timeout=deadline.http_timeout(),
        )

    def raw_open(
        self, client: openai.OpenAI, prompt: PhasePrompt, deadline: Deadline
    ) -> AbstractContextManager:
        return client.chat.completions.with_streaming_response.create(
            **self.request_params(prompt), timeout=deadline.http_timeout()
        )

    # the reply

    def reply_new(self) -> _Reply:
        return _Reply()

    def event_read(self, chunk: Any, reply: _Reply) -> str:
        if getattr(chunk, "object", None) not in (None, "chat.completion.chunk"):
            raise ValueError("not a chat completion chunk")
        reply.response_model = getattr(chunk, "model", None) or reply.response_model
        reply.usage_read(getattr(chunk, "usage", None))
        choices = getattr(chunk, "choices", None)
        if choices is None:
            raise ValueError("chunk without choices")
        piece = ""
        for choice in choices:
            if getattr(choice, "index", 0) != 0:
                continue
            delta = getattr(choice, "delta", None)
            content = getattr(delta, "content", None) if delta is not None else None
            if content is not None:
                if not isinstance(content, str):
                    raise TypeError("content is not text")
                piece += content
            if getattr(choice, "finish_reason", None):
                reply.finish_reason = choice.finish_reason
        if piece:
            reply.parts.append(piece)
        return piece

    def stream_end_check(self, reply: _Reply) -> None:
        if reply.finish_reason is None:
            raise error_unreadable("the stream ended without a finish_reason")

    def json_reply(self, data: Any) -> _Reply:
        if not isinstance(data, dict):
            raise TypeError("not an object")
        if data.get("error"):
            raise ValueError("an error object in a 200 reply")
        choice = data["choices"][0]
        content = choice["message"]["content"]
        if not isinstance(content, str):
            raise TypeError("content is not text")
        reply = _Reply()
        reply.parts.append(content)
        reply.finish_reason = choice.get("finish_reason") or "stop"
        reply.response_model = data.get("model") or ""
        reply.usage_read(data.get("usage"))
        return reply

    # the answer

    def result_build(self, reply: _Reply, prompt: PhasePrompt) -> LlmResult:
        if reply.finish_reason == "length":
            raise error_cut_off(self.max_tokens)
        if reply.finish_reason == "content_filter":
            raise error_refused()
        text = reply_markdown(reply.text)
        if not text:
            raise error_unreadable("empty text")
        estimated = reply.input_tokens is None or reply.output_tokens is None
        input_tokens = reply.input_tokens
        if input_tokens is None:  # servers that send no usage: about four characters a token
            input_tokens = max(1, (len(prompt.system) + len(prompt.user)) // 4)
        output_tokens = reply.output_tokens
        if output_tokens is None:
            output_tokens = max(1, len(reply.text) // 4)
        return LlmResult(
            text=text,
            model=self.model,
            input_tokens=input_tokens,
            output_tokens=output_tokens,
            extra={
                "provider": self.name,
                "response_model": reply.response_model,
                "stop_reason": reply.finish_reason,
                "cache_read_input_tokens": reply.cached_tokens,
                "usage_estimated": estimated,
            },
        )

    # failures

    def translate(self, error: Exception, deadline: Deadline, watchdog: StreamWatchdog) -> LlmError:
        if isinstance(error, LlmError):
            return error
        if watchdog.fired:
            return error_timeout()
        if isinstance(error, openai.APIStatusError):
            logger.warning(
                "OpenAI API error: status=%s type=%s request_id=%s",
                error.status_code,
                getattr(error, "type", None),
                getattr(error, "request_id", None),
            )
            return error_for_status(
                error.status_code,
                key_setting="OPENAI_API_KEY",
                model_setting="OPENAI_MODEL",
                base_url_setting="OPENAI_BASE_URL",
                headers=error.response.headers,
            )
        if isinstance(error, openai.APITimeoutError | httpx2.TimeoutException):
            return error_timeout()
        if isinstance(error, openai.APIConnectionError | httpx2.TransportError):
            if deadline.expired():
                return error_timeout()
            logger.warning("OpenAI API connection failed: %s", type(error).__name__)
            return error_connection()
        if isinstance(error, openai.APIError) and not isinstance(error, openai.APIResponseValidationError):
            # An error object inside a 200 stream: the server failed mid-answer.
            kind = str(getattr(error, "type", None) or getattr(error, "code", None) or "")
            logger.warning("OpenAI API error inside the stream: type=%s", kind or "unknown")
            if "invalid" in kind or "auth" in kind:
                return LlmError("The AI provider rejected the request.", transient=False)
            if "rate" in kind:
                return error_for_status(
                    429,
                    key_setting="OPENAI_API_KEY",
                    model_setting="OPENAI_MODEL",
                    base_url_setting="OPENAI_BASE_URL",
                )
            return LlmError(
                "The AI provider had a temporary problem while answering. Try again in a few minutes.",
                transient=True,
            )
        return error_unreadable(f"{type(error).__name__} while reading the reply")
