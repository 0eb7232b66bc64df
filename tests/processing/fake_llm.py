"""A loopback HTTP server that speaks just enough of two LLM APIs for the real SDK clients.

- Anthropic Messages: ``POST /v1/messages`` (JSON, or SSE when the body has ``"stream": true``)
  with the real event sequence ``message_start``, ``content_block_start``, ``ping``,
  ``content_block_delta``..., ``content_block_stop``, ``message_delta``, ``message_stop``.
- OpenAI Chat Completions: ``POST /v1/chat/completions`` (JSON, or SSE ``data:`` chunks that end
  with ``data: [DONE]``, preceded by a usage chunk when ``stream_options.include_usage`` is set).

Point the SDKs at it with ``server.anthropic_base_url`` (the anthropic SDK appends
``/v1/messages``) and ``server.openai_base_url`` (ends in ``/v1``; the openai SDK appends
``/chat/completions``). Another process (an ``rqworker`` subprocess) can use the same URLs:
the script and the request log live in the process that started the server.

Script each test with behaviours, consumed one per request in order, whatever the path::

    fake_llm.script(status(429, headers={"Retry-After": "7"}), ok("# Report"))

``ok(text)`` answers normally (``ok(text, force_json=True)``: one JSON body even to a streamed
request); ``status(code)`` answers an error in the provider's real JSON
shape; ``hang(seconds)`` accepts and sends nothing; ``trickle(...)`` streams slowly (or forever);
``malformed(kind)`` sends an unreadable reply; ``stream_error(...)`` fails mid-stream;
``drop()`` closes the connection without a reply. With an empty script every request gets
``ok(DEFAULT_TEXT)``. Every request is recorded (``server.requests``) with its path, headers
(lower-case names) and parsed JSON body.

``stop()`` never waits for a hung handler: handlers sleep on an event that stop() sets, and
handler threads are daemons that the server does not join.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

DEFAULT_TEXT = (
    "# Default reply\n\nThis text comes from the fake LLM server used by the tests. "
    "It is long enough to be streamed in several pieces."
)

ANTHROPIC_PATH = "/v1/messages"
OPENAI_PATH = "/v1/chat/completions"


# --- behaviours --------------------------------------------------------------------------


@dataclass(frozen=True)
class Ok:
    text: str = DEFAULT_TEXT
    input_tokens: int | None = None  # None: estimated from the request body
    output_tokens: int | None = None  # None: estimated from the text
    cache_read_input_tokens: int = 0
    cache_creation_input_tokens: int = 0
    usage: bool = True  # False: a streamed OpenAI reply without a usage chunk
    stop_reason: str | None = None  # None: end_turn / stop
    chunk_chars: int = 16  # size of each streamed text delta
    delay: float = 0.0  # seconds between streamed deltas
    force_json: bool = False  # answer a streamed request with one JSON body, as some proxies do


@dataclass(frozen=True)
class Status:
    code: int
    body: Any = None  # None: the provider's real error shape; dict/list: JSON; str/bytes: raw
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Hang:
    seconds: float = 60.0  # then the connection is closed without a reply


@dataclass(frozen=True)
class Trickle:
    text: str = DEFAULT_TEXT
    delay: float = 0.2  # seconds between pieces
    chunk_chars: int = 4
    forever: bool = False  # True: after the headers, keep-alive bytes forever and no event ever ends


@dataclass(frozen=True)
class Malformed:
    # "json": 200 with a body that is not JSON; "sse": a stream whose data is not JSON;
    # "truncated": a stream that stops before its stop event; "fields": JSON missing fields;
    # "empty": a complete reply with empty text. None: "sse" for streamed requests, else "json".
    kind: str | None = None


@dataclass(frozen=True)
class StreamError:
    error_type: str = "overloaded_error"
    message: str = "Overloaded"


@dataclass(frozen=True)
class Drop:
    pass


Behaviour = Ok | Status | Hang | Trickle | Malformed | StreamError | Drop


def ok(text: str = DEFAULT_TEXT, **kwargs: Any) -> Ok:
    return Ok(text=text, **kwargs)


def status(code: int, body: Any = None, headers: dict[str, str] | None = None) -> Status:
    return Status(code=code, body=body, headers=dict(headers or {}))


def hang(seconds: float = 60.0) -> Hang:
    return Hang(seconds=seconds)


def trickle(
    text: str = DEFAULT_TEXT, *, delay: float = 0.2, chunk_chars: int = 4, forever: bool = False
) -> Trickle:
    return Trickle(text=text, delay=delay, chunk_chars=chunk_chars, forever=forever)


def malformed(kind: str | None = None) -> Malformed:
    if kind not in {None, "json", "sse", "truncated", "fields", "empty"}:
        raise ValueError(f"unknown malformed kind {kind!r}")
    return Malformed(kind=kind)


def stream_error(error_type: str = "overloaded_error", message: str = "Overloaded") -> StreamError:
    return StreamError(error_type=error_type, message=message)


def drop() -> Drop:
    return Drop()


# --- request log ------------------------------------------------------------------------


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]  # lower-case names
    body: Any  # parsed JSON, or None when the body was not JSON
    raw: bytes

    @property
    def api(self) -> str:
        return "anthropic" if self.path == ANTHROPIC_PATH else "openai" if self.path == OPENAI_PATH else ""

    @property
    def streamed(self) -> bool:
        return isinstance(self.body, dict) and bool(self.body.get("stream"))


# --- the server --------------------------------------------------------------------------

_ANTHROPIC_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    402: "billing_error",
    403: "permission_error",
    404: "not_found_error",
    408: "timeout_error",
    413: "request_too_large",
    429: "rate_limit_error",
    500: "api_error",
    504: "timeout_error",
    529: "overloaded_error",
}
_OPENAI_ERROR_TYPES = {
    400: ("invalid_request_error", None),
    401: ("invalid_request_error", "invalid_api_key"),
    403: ("invalid_request_error", "unsupported_country_region_territory"),
    404: ("invalid_request_error", "model_not_found"),
    429: ("requests", "rate_limit_exceeded"),
    500: ("server_error", None),
    503: ("server_error", None),
}


class FakeLlmServer:
    """See the module docstring. Use as a context manager or call start()/stop()."""

    def __init__(self, *, default_text: str = DEFAULT_TEXT) -> None:
        self.default_text = default_text
        self.requests: list[RecordedRequest] = []
        self._script: deque[Behaviour] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # lifecycle

    def start(self) -> FakeLlmServer:
        server = self

        class Handler(_Handler):
            fake = server

        httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        httpd.daemon_threads = True
        httpd.block_on_close = False  # server_close() must not join a hung handler
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-llm", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes every hang/trickle
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeLlmServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # addresses

    @property
    def port(self) -> int:
        assert self._httpd is not None, "the fake LLM server is not running"
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def anthropic_base_url(self) -> str:
        return self.url

    @property
    def openai_base_url(self) -> str:
        return f"{self.url}/v1"

    # scripting

    def script(self, *behaviours: Behaviour) -> None:
        """Append behaviours, each answering one request, in order."""
        with self._lock:
            self._script.extend(behaviours)

    def clear(self) -> None:
        with self._lock:
            self._script.clear()
            self.requests.clear()

    @property
    def pending(self) -> int:
        """How many scripted behaviours are still waiting for a request."""
        with self._lock:
            return len(self._script)

    def _next_behaviour(self, request: RecordedRequest) -> Behaviour:
        with self._lock:
            self.requests.append(request)
            return self._script.popleft() if self._script else Ok(text=self.default_text)

    # request log

    def requests_to(self, path: str) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    @property
    def last_request(self) -> RecordedRequest:
        with self._lock:
            assert self.requests, "the fake LLM server has received no request"
            return self.requests[-1]

    def wait(self, seconds: float) -> bool:
        """Sleep up to `seconds`; True when the server is stopping (the handler should give up)."""
        return self._stopping.wait(seconds)


class _Handler(BaseHTTPRequestHandler):
    fake: FakeLlmServer
    protocol_version = "HTTP/1.1"
    server_version = "FakeLLM/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep the test output quiet

    # routing

    def do_GET(self) -> None:
        self._not_found()

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        path = self.path.split("?", 1)[0]
        request = RecordedRequest(
            method="POST",
            path=path,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
            raw=raw,
        )
        if request.api == "":
            self._not_found()
            return
        behaviour = self.fake._next_behaviour(request)
        try:
            self._answer(request, behaviour)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (its own timeout): nothing left to say
        finally:
            self.close_connection = True

    def _answer(self, request: RecordedRequest, behaviour: Behaviour) -> None:
        if isinstance(behaviour, Status):
            self._status(request, behaviour)
        elif isinstance(behaviour, Hang):
            self.fake.wait(behaviour.seconds)
        elif isinstance(behaviour, Drop):
            pass  # close without a byte
        elif isinstance(behaviour, Malformed):
            self._malformed(request, behaviour.kind or ("sse" if request.streamed else "json"))
        elif isinstance(behaviour, StreamError):
            self._stream_error(request, behaviour)
        elif isinstance(behaviour, Trickle):
            self._trickle(request, behaviour)
        else:
            self._ok(request, behaviour)

    # writing helpers

    def _send_json(self, code: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _start_stream(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Connection", "close")
        self.end_headers()

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def _end_stream(self) -> None:
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _anthropic_event(self, event: str, data: dict) -> None:
        self._chunk(f"event: {event}\ndata: {json.dumps(data)}\n\n".encode())

    def _openai_event(self, data: dict | str) -> None:
        payload = data if isinstance(data, str) else json.dumps(data)
        self._chunk(f"data: {payload}\n\n".encode())

    def _not_found(self) -> None:
        self._send_json(404, {"type": "error", "error": {"type": "not_found_error", "message": "Not found"}})
        self.close_connection = True

    # behaviours

    def _status(self, request: RecordedRequest, behaviour: Status) -> None:
        body = behaviour.body
        if body is None:
            body = _error_body(request, behaviour.code)
        elif isinstance(body, str):
            body = body.encode()
        headers = dict(behaviour.headers)
        if request.api == "anthropic":
            headers.setdefault("request-id", f"req_{uuid.uuid4().hex[:24]}")
        if isinstance(body, bytes):
            self.send_response(behaviour.code)
            self.send_header("Content-Type", headers.pop("Content-Type", "text/plain"))
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
        else:
            self._send_json(behaviour.code, body, headers)

    def _ok(self, request: RecordedRequest, behaviour: Ok) -> None:
        usage = _usage(request, behaviour)
        if not request.streamed or behaviour.force_json:
            self._send_json(200, _complete_body(request, behaviour.text, usage, behaviour))
            return
        self._start_stream()
        pieces = _pieces(behaviour.text, behaviour.chunk_chars)
        self._stream_open(request, usage)
        for piece in pieces:
            if behaviour.delay and self.fake.wait(behaviour.delay):
                return
            self._stream_delta(request, piece)
        self._stream_close(request, usage, behaviour)
        self._end_stream()

    def _trickle(self, request: RecordedRequest, behaviour: Trickle) -> None:
        usage = _usage(request, Ok(text=behaviour.text))
        if not request.streamed:
            data = json.dumps(
                _complete_body(request, behaviour.text, usage, Ok(text=behaviour.text))
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.flush()
            for i in range(0, len(data), max(1, behaviour.chunk_chars)):
                if self.fake.wait(behaviour.delay):
                    return
                self.wfile.write(data[i : i + behaviour.chunk_chars])
                self.wfile.flush()
            return
        self._start_stream()
        if behaviour.forever:
            # Bytes keep coming but no event ever completes: SSE comment lines are
            # skipped by every SSE decoder, so only a deadline can end this.
            while not self.fake.wait(behaviour.delay):
                self._chunk(b": keep-alive\n\n")
            return
        self._stream_open(request, usage)
        for piece in _pieces(behaviour.text, behaviour.chunk_chars):
            if self.fake.wait(behaviour.delay):
                return
            self._stream_delta(request, piece)
        self._stream_close(request, usage, Ok(text=behaviour.text))
        self._end_stream()

    def _malformed(self, request: RecordedRequest, kind: str) -> None:
        usage = _usage(request, Ok())
        if kind == "json":
            self._send_json(200, b'{"id": "msg_broken", "content": [{"type": "text", "text": "unfinished')
        elif kind == "fields":
            self._send_json(200, {"id": "broken", "unexpected": True})
        elif kind == "empty":
            if request.streamed:
                self._start_stream()
                self._stream_open(request, usage)
                self._stream_close(request, usage, Ok(text=""))
                self._end_stream()
            else:
                self._send_json(200, _complete_body(request, "", usage, Ok(text="")))
        elif kind == "sse":
            self._start_stream()
            self._stream_open(request, usage)
            if request.api == "anthropic":
                self._chunk(
                    b'event: content_block_delta\ndata: {"type": "content_block_delta", "index": 0, "del\n\n'
                )
            else:
                self._chunk(b'data: {"id": "chatcmpl-broken", "choices": [{"delta": {"content": "unfin\n\n')
            self._end_stream()
        else:  # truncated: a few deltas, then the stream ends without its stop event
            self._start_stream()
            self._stream_open(request, usage)
            self._stream_delta(request, "# Half a reply")
            self._end_stream()

    def _stream_error(self, request: RecordedRequest, behaviour: StreamError) -> None:
        usage = _usage(request, Ok())
        self._start_stream()
        self._stream_open(request, usage)
        self._stream_delta(request, "# Start")
        if request.api == "anthropic":
            self._anthropic_event(
                "error",
                {"type": "error", "error": {"type": behaviour.error_type, "message": behaviour.message}},
            )
        else:
            self._openai_event(
                {
                    "error": {
                        "message": behaviour.message,
                        "type": behaviour.error_type,
                        "param": None,
                        "code": None,
                    }
                }
            )
        self._end_stream()

    # the two streaming dialects

    def _stream_open(self, request: RecordedRequest, usage: dict[str, int]) -> None:
        model = _model(request)
        if request.api == "anthropic":
            self._anthropic_event(
                "message_start",
                {
                    "type": "message_start",
                    "message": {
                        "id": f"msg_{uuid.uuid4().hex[:24]}",
                        "type": "message",
                        "role": "assistant",
                        "model": model,
                        "content": [],
                        "stop_reason": None,
                        "stop_sequence": None,
                        "usage": {
                            "input_tokens": usage["input"],
                            "cache_creation_input_tokens": usage["cache_creation"],
                            "cache_read_input_tokens": usage["cache_read"],
                            "output_tokens": 1,
                        },
                    },
                },
            )
            self._anthropic_event(
                "content_block_start",
                {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
            )
            self._anthropic_event("ping", {"type": "ping"})
        else:
            self._openai_event(_openai_chunk(request, {"role": "assistant", "content": ""}, None))

    def _stream_delta(self, request: RecordedRequest, piece: str) -> None:
        if request.api == "anthropic":
            self._anthropic_event(
                "content_block_delta",
                {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": piece}},
            )
        else:
            self._openai_event(_openai_chunk(request, {"content": piece}, None))

    def _stream_close(self, request: RecordedRequest, usage: dict[str, int], behaviour: Ok) -> None:
        if request.api == "anthropic":
            self._anthropic_event("content_block_stop", {"type": "content_block_stop", "index": 0})
            self._anthropic_event(
                "message_delta",
                {
                    "type": "message_delta",
                    "delta": {"stop_reason": behaviour.stop_reason or "end_turn", "stop_sequence": None},
                    "usage": {"output_tokens": usage["output"]},
                },
            )
            self._anthropic_event("message_stop", {"type": "message_stop"})
            return
        self._openai_event(_openai_chunk(request, {}, behaviour.stop_reason or "stop"))
        options = request.body.get("stream_options") or {}
        if behaviour.usage and options.get("include_usage"):
            chunk = _openai_chunk(request, None, None)
            chunk["choices"] = []
            chunk["usage"] = _openai_usage(usage)
            self._openai_event(chunk)
        self._openai_event("[DONE]")


# --- bodies ---------------------------------------------------------------------------------


def _pieces(text: str, size: int) -> list[str]:
    size = max(1, size)
    return [text[i : i + size] for i in range(0, len(text), size)]


def _model(request: RecordedRequest) -> str:
    model = request.body.get("model") if isinstance(request.body, dict) else None
    return model if isinstance(model, str) else "fake-model"


def _usage(request: RecordedRequest, behaviour: Ok) -> dict[str, int]:
    estimated_input = max(1, len(request.raw) // 4)
    return {
        "input": behaviour.input_tokens if behaviour.input_tokens is not None else estimated_input,
        "output": behaviour.output_tokens
        if behaviour.output_tokens is not None
        else max(1, len(behaviour.text) // 4),
        "cache_read": behaviour.cache_read_input_tokens,
        "cache_creation": behaviour.cache_creation_input_tokens,
    }


def _openai_usage(usage: dict[str, int]) -> dict[str, Any]:
    prompt = usage["input"] + usage["cache_read"]
    return {
        "prompt_tokens": prompt,
        "completion_tokens": usage["output"],
        "total_tokens": prompt + usage["output"],
        "prompt_tokens_details": {"cached_tokens": usage["cache_read"]},
    }


def _complete_body(request: RecordedRequest, text: str, usage: dict[str, int], behaviour: Ok) -> dict:
    model = _model(request)
    if request.api == "anthropic":
        return {
            "id": f"msg_{uuid.uuid4().hex[:24]}",
            "type": "message",
            "role": "assistant",
            "model": model,
            "content": [{"type": "text", "text": text}],
            "stop_reason": behaviour.stop_reason or "end_turn",
            "stop_sequence": None,
            "usage": {
                "input_tokens": usage["input"],
                "cache_creation_input_tokens": usage["cache_creation"],
                "cache_read_input_tokens": usage["cache_read"],
                "output_tokens": usage["output"],
            },
        }
    body: dict[str, Any] = {
        "id": f"chatcmpl-{uuid.uuid4().hex[:24]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": behaviour.stop_reason or "stop",
            }
        ],
    }
    if behaviour.usage:
        body["usage"] = _openai_usage(usage)
    return body


def _openai_chunk(request: RecordedRequest, delta: dict | None, finish_reason: str | None) -> dict:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": _model(request),
        "choices": [{"index": 0, "delta": delta or {}, "finish_reason": finish_reason}],
    }


def _error_body(request: RecordedRequest, code: int) -> dict:
    """The provider's real error JSON. The 401 echoes the key it was sent, as some
    providers do, so tests can prove the key never reaches a user-facing message."""
    sent_key = request.headers.get("x-api-key") or request.headers.get("authorization", "").removeprefix(
        "Bearer "
    )
    if request.api == "anthropic":
        error_type = _ANTHROPIC_ERROR_TYPES.get(code, "api_error")
        message = {
            401: f"invalid x-api-key: {sent_key}",
            429: "Number of requests has exceeded your per-minute rate limit",
            529: "Overloaded",
        }.get(code, f"Fake error {code}")
        return {
            "type": "error",
            "error": {"type": error_type, "message": message},
            "request_id": f"req_{uuid.uuid4().hex[:24]}",
        }
    error_type, error_code = _OPENAI_ERROR_TYPES.get(code, ("server_error", None))
    message = {
        401: f"Incorrect API key provided: {sent_key}. You can find your API key in your account settings.",
        429: "Rate limit reached for requests. Please try again in 7s.",
    }.get(code, f"Fake error {code}")
    return {"error": {"message": message, "type": error_type, "param": None, "code": error_code}}
