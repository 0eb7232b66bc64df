"""A real `manage.py rqworker default` subprocess on the test database and Redis."""

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)


def database_url() -> str:
    """The pytest test database, as a URL for the worker's DATABASE_URL."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def worker_env(**overrides: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("JOBFORGE_", "ANTHROPIC_", "OPENAI_", "PYTEST_"))
    }
    env.update(
        DJANGO_DEBUG="1",
        DJANGO_SETTINGS_MODULE="jobforge.settings",
        DATABASE_URL=database_url(),
        REDIS_URL=settings.REDIS_URL,
        JOBFORGE_LLM_PROVIDER="offline",
        JOBFORGE_LLM_BACKOFF_SECONDS="1",
        DJANGO_LOG_LEVEL="INFO",
    )
    env.update({key: str(value) for key, value in overrides.items()})
    return env


class WorkerProcess:
    """`python manage.py rqworker default` (the worker class comes from settings)."""

    def __init__(self, *, burst: bool = False, **env: str) -> None:
        self.log = tempfile.NamedTemporaryFile(prefix="rqworker-", suffix=".log", delete=False)  # noqa: SIM115
        args = [sys.executable, "manage.py", "rqworker", "default", "--worker-ttl", "60"]
        if burst:
            args.append("--burst")
        self.process = subprocess.Popen(
            args,
            cwd=BASE_DIR,
            env=worker_env(**env),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @property
    def pid(self) -> int:
        return self.process.pid

    def output(self) -> str:
        return Path(self.log.name).read_text(errors="replace")

    def wait(self, timeout: float = 60) -> int:
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"worker still running after {timeout}s:\n{self.output()}") from None

    def horse_pid(self, timeout: float = 20) -> int:
        """The work-horse forked for the current job (a child of the worker)."""
        children = Path(f"/proc/{self.pid}/task/{self.pid}/children")

        def horse() -> int | None:
            pids = children.read_text().split() if children.exists() else []
            return int(pids[0]) if pids else None

        return wait_until(horse, timeout=timeout, interval=0.05, what=f"a work-horse:\n{self.output()}")

    def kill_horse(self) -> None:
        os.killpg(self.horse_pid(), signal.SIGKILL)

    def kill_whole(self) -> None:
        """SIGKILL the worker and its work-horse at once, as the OOM killer or a lost machine would."""
        horse = self.horse_pid()
        os.killpg(self.pid, signal.SIGKILL)
        os.killpg(horse, signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.pid, signal.SIGKILL)
            self.process.wait(10)
        print(f"--- worker {self.pid} output ---\n{self.output()}")  # shown by pytest on failure
        self.log.close()
        os.unlink(self.log.name)


def run_burst(timeout: float = 60, **env: str) -> WorkerProcess:
    """Run `rqworker default --burst` until the queue is empty."""
    worker = WorkerProcess(burst=True, **env)
    code = worker.wait(timeout)
    assert code == 0, worker.output()
    return worker


def wait_until(predicate: Callable[[], object], *, timeout: float, interval: float = 0.1, what: str = ""):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what or predicate}")
        time.sleep(interval)


def within(timeout: float, call: Callable[[], object]):
    """`call()`'s result, or a failure if it has not returned within `timeout` seconds.

    A bound on work that must stop by itself (a deadline, a watchdog), not a measurement:
    the timeout is several times what the work should take, so a busy machine passes.
    """
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # re-raised in the caller's thread
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise AssertionError(f"still running after {timeout}s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
