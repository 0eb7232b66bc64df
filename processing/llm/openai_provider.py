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

import openai

from processing.llm.base import LlmResult
from processing.llm.errors import LlmError
from processing.llm.prompts import PhasePrompt
from processing.llm.remote import (
    Deadline,
    error_not_configured,
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
    sdk = openai
    settings_prefix = "OPENAI"
    cut_off_reason, refusal_reason = "length", "content_filter"
    misconfigured_message = "The AI provider is misconfigured. Check OPENAI_API_KEY and OPENAI_BASE_URL."

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
        text = self.reply_text(reply.finish_reason, reply.text)
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

    def other_error(self, error: Exception) -> LlmError | None:
        if not isinstance(error, openai.APIError) or isinstance(error, openai.APIResponseValidationError):
            return None
        # An error object inside a 200 stream: the server failed mid-answer.
        kind = str(getattr(error, "type", None) or getattr(error, "code", None) or "")
        logger.warning("OpenAI API error inside the stream: type=%s", kind or "unknown")
        if "invalid" in kind or "auth" in kind:
            return LlmError("The AI provider rejected the request.", transient=False)
        if "rate" in kind:
            return self.error_for_status(429)
        return LlmError(
            "The AI provider had a temporary problem while answering. Try again in a few minutes.",
            transient=True,
        )
