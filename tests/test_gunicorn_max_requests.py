"""gunicorn replaces each web worker after a configurable number of requests, with jitter
(a backstop against memory growth), and refuses a bad setting at start."""

import http.client
import subprocess
import time

import pytest

from tests.api.test_request_limits import GUNICORN, ROOT, free_port, gunicorn_config, gunicorn_env

NAMES = ("JOBFORGE_WEB_MAX_REQUESTS", "JOBFORGE_WEB_MAX_REQUESTS_JITTER")


def config(**env: str) -> dict:
    for name in NAMES:
        env.setdefault(name, "")
    return gunicorn_config(**env)


def test_workers_are_recycled_after_1000_requests_with_jitter_by_default():
    defaults = config()
    assert (defaults["max_requests"], defaults["max_requests_jitter"]) == (1000, 100)


def test_the_limits_come_from_the_environment():
    chosen = config(JOBFORGE_WEB_MAX_REQUESTS="250", JOBFORGE_WEB_MAX_REQUESTS_JITTER="25")
    assert (chosen["max_requests"], chosen["max_requests_jitter"]) == (250, 25)
    off = config(JOBFORGE_WEB_MAX_REQUESTS="0", JOBFORGE_WEB_MAX_REQUESTS_JITTER="25")
    assert (off["max_requests"], off["max_requests_jitter"]) == (0, 0)


@pytest.mark.parametrize(("name", "value"), [(NAMES[0], "lots"), (NAMES[0], "-5"), (NAMES[1], "1.5")])
def test_a_bad_value_stops_the_server_naming_the_variable(name, value):
    with pytest.raises(SystemExit, match=name):
        config(**{name: value})


def test_a_worker_serves_its_quota_then_a_fresh_one_takes_over():
    port = free_port()
    env = gunicorn_env(JOBFORGE_WEB_MAX_REQUESTS="4", JOBFORGE_WEB_MAX_REQUESTS_JITTER="0")
    server = subprocess.Popen(
        [str(GUNICORN), "--bind", f"127.0.0.1:{port}", "--workers", "1", "--log-level", "info"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    statuses = []
    try:
        # Refused connections (not listening yet, or between workers) are retried, up to a
        # bound on the attempts that a loaded machine stays far below.
        attempts = 0
        while len(statuses) < 10 and attempts < 2000:
            attempts += 1
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                connection.request("GET", "/api/v1/nope")
                statuses.append(connection.getresponse().status)
            except OSError:
                time.sleep(0.1)  # not listening yet, or between workers
            finally:
                connection.close()
    finally:
        server.terminate()
        log = server.communicate(timeout=30)[1]
    assert statuses == [404] * 10  # every request answered, across the restarts
    assert log.count("Autorestarting worker after current request") == 2, log[-3000:]
    assert log.count("Booting worker with pid") == 3, log[-3000:]
