"""The fake LLM server itself: other tests trust it to behave like the real APIs."""

import json
import socket
import threading
import urllib.error
import urllib.request

import pytest

from tests.processing.fake_llm import DEFAULT_TEXT, FakeLlmServer, hang, malformed, ok, status, trickle
from tests.processing.worker_helpers import wait_until, within


def _post(url: str, body: dict, *, timeout: float = 5) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json", "x-api-key": "k1"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def _sse_events(raw: bytes) -> list[tuple[str | None, str]]:
    events = []
    for block in raw.decode().split("\n\n"):
        event, data = None, ""
        for line in block.splitlines():
            if line.startswith("event: "):
                event = line.removeprefix("event: ")
            elif line.startswith("data: "):
                data = line.removeprefix("data: ")
        if data:
            events.append((event, data))
    return events


def test_it_answers_anthropic_json_with_text_and_usage(fake_llm):
    fake_llm.script(ok("# Hello", input_tokens=11, output_tokens=3, cache_read_input_tokens=5))

    code, _, raw = _post(f"{fake_llm.anthropic_base_url}/v1/messages", {"model": "m1", "messages": []})

    body = json.loads(raw)
    assert code == 200
    assert body["content"] == [{"type": "text", "text": "# Hello"}]
    assert body["model"] == "m1"
    assert body["usage"]["input_tokens"] == 11
    assert body["usage"]["output_tokens"] == 3
    assert body["usage"]["cache_read_input_tokens"] == 5


def test_it_streams_the_real_anthropic_event_sequence(fake_llm):
    fake_llm.script(ok("abcdefgh", chunk_chars=3))

    code, headers, raw = _post(f"{fake_llm.anthropic_base_url}/v1/messages", {"model": "m", "stream": True})

    assert code == 200
    assert headers["Content-Type"].startswith("text/event-stream")
    events = _sse_events(raw)
    names = [name for name, _ in events]
    assert names == [
        "message_start",
        "content_block_start",
        "ping",
        "content_block_delta",
        "content_block_delta",
        "content_block_delta",
        "content_block_stop",
        "message_delta",
        "message_stop",
    ]
    deltas = [json.loads(data)["delta"]["text"] for name, data in events if name == "content_block_delta"]
    assert "".join(deltas) == "abcdefgh"


def test_it_streams_openai_chunks_with_usage_and_done(fake_llm):
    fake_llm.script(ok("abcdef", chunk_chars=4, output_tokens=2))

    _, _, raw = _post(
        f"{fake_llm.openai_base_url}/chat/completions",
        {"model": "gpt", "stream": True, "stream_options": {"include_usage": True}},
    )

    datas = [data for _, data in _sse_events(raw)]
    assert datas[-1] == "[DONE]"
    chunks = [json.loads(d) for d in datas[:-1]]
    text = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks if c["choices"])
    assert text == "abcdef"
    assert chunks[-1]["choices"] == []
    assert chunks[-1]["usage"]["completion_tokens"] == 2
    assert chunks[-2]["choices"][0]["finish_reason"] == "stop"


def test_it_consumes_the_script_in_order_then_answers_the_default(fake_llm):
    fake_llm.script(status(500), ok("second"))
    url = f"{fake_llm.openai_base_url}/chat/completions"

    first, second, third = (_post(url, {"model": "g"}) for _ in range(3))

    assert first[0] == 500
    assert json.loads(second[2])["choices"][0]["message"]["content"] == "second"
    assert json.loads(third[2])["choices"][0]["message"]["content"] == DEFAULT_TEXT
    assert fake_llm.pending == 0


def test_it_records_path_headers_and_body(fake_llm):
    _post(f"{fake_llm.anthropic_base_url}/v1/messages", {"model": "m", "max_tokens": 9})

    request = fake_llm.last_request
    assert request.path == "/v1/messages"
    assert request.api == "anthropic"
    assert request.headers["x-api-key"] == "k1"
    assert request.body == {"model": "m", "max_tokens": 9}
    assert fake_llm.requests_to("/v1/messages") == [request]


def test_it_answers_errors_in_each_providers_shape_with_headers(fake_llm):
    fake_llm.script(status(429, headers={"Retry-After": "7"}), status(401))

    code, headers, raw = _post(f"{fake_llm.anthropic_base_url}/v1/messages", {"model": "m"})
    assert code == 429
    assert headers["Retry-After"] == "7"
    assert json.loads(raw)["error"]["type"] == "rate_limit_error"

    code, _, raw = _post(f"{fake_llm.openai_base_url}/chat/completions", {"model": "g"})
    assert code == 401
    assert json.loads(raw)["error"]["code"] == "invalid_api_key"


def test_it_sends_unreadable_json_when_malformed(fake_llm):
    fake_llm.script(malformed())

    code, _, raw = _post(f"{fake_llm.anthropic_base_url}/v1/messages", {"model": "m"})

    assert code == 200
    with pytest.raises(ValueError):
        json.loads(raw)


def test_it_streams_slowly_when_trickling(fake_llm):
    fake_llm.script(trickle("abcd", delay=0.1, chunk_chars=1))

    _, _, raw = _post(f"{fake_llm.anthropic_base_url}/v1/messages", {"model": "m", "stream": True})

    events = _sse_events(raw)
    assert events[-1][0] == "message_stop"
    assert [name for name, _ in events].count("content_block_delta") == 4  # one per character


def test_it_answers_404_for_other_paths(fake_llm):
    code, _, _ = _post(f"{fake_llm.url}/v1/completions", {})

    assert code == 404
    assert fake_llm.requests == []


def test_it_stops_at_once_even_with_a_hung_request():
    server = FakeLlmServer().start()
    server.script(hang(60))
    url = f"{server.anthropic_base_url}/v1/messages"
    outcome = []

    def call():
        try:
            _post(url, {"model": "m"}, timeout=30)
        except Exception as error:
            outcome.append(error)  # the server closes the connection without a reply

    client = threading.Thread(target=call, daemon=True)
    client.start()
    wait_until(lambda: server.requests, timeout=5, interval=0.01, what="the request to arrive")

    within(10, server.stop)  # a hung handler does not keep the server from stopping
    client.join(timeout=5)
    assert not client.is_alive()  # the hung handler let go of its connection
    assert len(outcome) == 1


def test_the_processing_tests_cannot_leave_the_machine():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock, pytest.raises(OSError, match="loopback"):
        sock.connect(("192.0.2.1", 443))  # TEST-NET-1: never routed
