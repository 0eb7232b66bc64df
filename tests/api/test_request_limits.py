"""Over-long URLs get the app's answer (the envelope under /api/), under gunicorn too."""

import http.client
import os
import runpy
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jobforge.api.request_limits import MAX_URL_LENGTH
from tests.api.test_conventions import assert_envelope

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def test_an_over_long_api_url_is_a_414_in_the_envelope(api_client):
    query = "q=" + "x" * MAX_URL_LENGTH
    body = assert_envelope(api_client.get(f"/api/v1/applications?{query}"), 414, "VALIDATION_ERROR")
    assert str(MAX_URL_LENGTH) in body["error"]["message"]
    response = api_client.get("/api/v1/" + "a" * MAX_URL_LENGTH)
    assert_envelope(response, 414, "VALIDATION_ERROR")
    assert response["X-Request-ID"]


@pytest.mark.django_db
def test_a_url_at_the_limit_is_served(alice_client):
    path = "/api/v1/applications"
    query = "offset=" + "0" * (MAX_URL_LENGTH - len(path) - len("offset="))
    assert alice_client.get(f"{path}?{query}").status_code == 200
    assert alice_client.get(f"{path}?{query}0").status_code == 414


def test_an_over_long_page_url_is_a_short_414(client):
    response = client.get("/applications/?q=" + "x" * MAX_URL_LENGTH)
    assert response.status_code == 414
    assert response["Content-Type"].startswith("text/plain")


def gunicorn_config(**env: str) -> dict:
    clean = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "JOBFORGE_PHASE_TIMEOUT"}}
    saved = os.environ.copy()
    os.environ.clear()
    os.environ.update({**clean, **env})
    try:
        return runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    finally:
        os.environ.clear()
        os.environ.update(saved)


def test_gunicorn_waits_longer_than_any_request_may_take():
    without_redis = gunicorn_config(JOBFORGE_PHASE_TIMEOUT="120")
    assert without_redis["timeout"] > 120  # a phase may run inside the request for 120 s
    assert without_redis["graceful_timeout"] >= without_redis["timeout"]
    assert gunicorn_config()["timeout"] > 300  # the default phase limit
    with_redis = gunicorn_config(REDIS_URL="redis://127.0.0.1:6379/0")
    assert 30 <= with_redis["timeout"] < 300  # phases run in the queue workers
    config = gunicorn_config()
    assert config["limit_request_line"] > MAX_URL_LENGTH + len("GET  HTTP/1.1")
    assert config["wsgi_app"] == "jobforge.wsgi:application"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def gunicorn_env(**extra: str) -> dict:
    """Production settings (DEBUG off) for a gunicorn on loopback, plus `extra`."""
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "JOBFORGE_", "PYTEST_"))},
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "k3y-" + "x7Rq9Lm2Vb8Nc4Zt6Yp1Wd5Hs3Jf0Gu" * 2,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "JOBFORGE_SSL_REDIRECT": "0",
        **extra,
    }


@pytest.fixture
def gunicorn_server():
    """gunicorn with the project's config, read from the working directory as in production."""
    port = free_port()
    env = gunicorn_env()
    server = subprocess.Popen(
        [str(GUNICORN), "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(150):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if server.poll() is not None:
                pytest.fail(f"gunicorn exited: {server.stderr.read().decode()[-2000:]}")
            time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not listen within 15 s")
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def get(port: int, target: str) -> tuple[int, str, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", target)
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read()
    finally:
        connection.close()


def test_under_gunicorn_an_over_long_url_gets_the_envelope_not_gunicorns_page(gunicorn_server):
    # Longer than gunicorn's default request line (4,094 bytes), which it would answer in HTML.
    status, content_type, body = get(gunicorn_server, "/api/v1/applications?q=" + "x" * 6000)
    assert status == 414, body[:300]
    assert content_type.startswith("application/json")
    assert b'"code":"VALIDATION_ERROR"' in body.replace(b" ", b"")
    # The server still answers normally afterwards.
    status, content_type, _ = get(gunicorn_server, "/api/v1/nope")
    assert (status, content_type.split(";")[0]) == (404, "application/json")
