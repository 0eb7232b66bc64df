"""What the HTTP benchmarks share: the app's environment, gunicorn started and stopped by
the script, and one HTTP call on a new connection (gunicorn's sync workers close it anyway).

Used by bench/bare_view.py, bench/throughput.py and bench/pdf_memory.py --server.
"""

import contextlib
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
GUNICORN = Path(sys.executable).with_name("gunicorn")
STRONG_PASSWORD = "Bench-Password-2026"  # noqa: S105  (users of a throwaway database)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def app_env(database_url: str, **extra: str) -> dict:
    """Production settings (DEBUG off) on loopback, with limits out of a benchmark's way."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "JOBFORGE_", "PYTEST_"))}
    env.pop("REDIS_URL", None)
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-" + "k7Qw2Er9Ty4Ui1Op8As3Df6Gh0Jk5Lz" * 2,
        DJANGO_ALLOWED_HOSTS=HOST,
        JOBFORGE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        JOBFORGE_THROTTLE_AUTH="100000/min",
        JOBFORGE_THROTTLE_EXPORT="100000/min",
        JOBFORGE_WEB_MAX_REQUESTS="0",  # a benchmark measures one worker's whole life
        DJANGO_LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def migrate(env: dict) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


class Gunicorn:
    """gunicorn serving `app` from the project folder (so it reads gunicorn.conf.py)."""

    def __init__(self, *, env: dict, workers: int = 1, app: str = "jobforge.wsgi", config: str | None = None):
        self.port = free_port()
        command = [str(GUNICORN), app, "--workers", str(workers), "--bind", f"{HOST}:{self.port}"]
        if config is not None:
            command += ["--config", config]
        self.process = subprocess.Popen(  # noqa: S603  (a fixed command)
            command,
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.process.stderr.read().decode()[-2000:]}")
            with contextlib.suppress(OSError), socket.create_connection((HOST, self.port), timeout=1):
                return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("gunicorn did not listen within 60 s")

    def worker_pids(self) -> list[int]:
        """The worker processes (the master's children)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def stop(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def call(port: int, method: str, path: str, body=None, token: str = "") -> tuple[int, bytes]:
    """One request on a new connection: (status, body)."""
    headers = {"Accept": "application/json"}
    payload = None
    if body is not None:
        payload = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        connection.request(method, path, body=payload, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def register(port: int, email: str) -> str:
    """A new user's access token."""
    status, raw = call(
        port,
        "POST",
        "/api/v1/auth/register",
        {"email": email, "password": STRONG_PASSWORD, "full_name": "Bench User"},
    )
    if status != 201:
        raise RuntimeError(f"register answered {status}: {raw[:300]!r}")
    return json.loads(raw)["access_token"]


def rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


POSTING = (
    "We are hiring a backend engineer to build Django and PostgreSQL services. You will own REST "
    "APIs and background jobs. Requirements: 3+ years of Python, Django, PostgreSQL."
)
