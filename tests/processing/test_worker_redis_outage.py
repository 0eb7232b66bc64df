"""A real `manage.py rqworker default` outlives a Redis outage in the middle of a job.

The worker reaches Redis through a small TCP relay that the test cuts and restores,
so the outage is real for the worker while the shared Redis keeps running.
"""

import contextlib
import socket
import threading
import time
from urllib.parse import urlsplit, urlunsplit

import django_rq
import pytest
from django.conf import settings
from rq import Queue
from rq.job import JobStatus

from tests.processing.worker_helpers import WorkerProcess, wait_until

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("require_postgres", "require_redis"),
]


class RedisRelay:
    """Forwards TCP connections to the real Redis; `cut()` drops them all and turns new
    ones away (as a stopped Redis does), `restore()` forwards again."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.up = True
        self.running = True
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while self.running:
            try:
                client, _ = self.listener.accept()
            except OSError:
                continue
            if not self.up:
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            with self.lock:
                self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        self.up = False
        with self.lock:
            for sock in self.sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
            self.sockets.clear()

    def restore(self) -> None:
        self.up = True

    def close(self) -> None:
        self.cut()
        self.running = False
        self.thread.join()
        self.listener.close()


@pytest.fixture
def relay():
    url = urlsplit(settings.REDIS_URL)
    relay = RedisRelay((url.hostname, url.port or 6379))
    relay.url = urlunsplit(url._replace(netloc=f"127.0.0.1:{relay.port}"))
    yield relay
    relay.close()


@pytest.fixture
def queue():
    queue = django_rq.get_queue("default")
    queue.connection.flushdb()  # Redis db of this test run only (REDIS_URL)
    yield queue
    queue.connection.flushdb()


def test_the_worker_carries_on_after_redis_drops_during_a_job(relay, queue: Queue):
    worker = WorkerProcess(REDIS_URL=relay.url)
    try:
        first = queue.enqueue(time.sleep, 2)
        wait_until(
            lambda: first.get_status(refresh=True) == JobStatus.STARTED, timeout=60, what="the job to start"
        )

        # Redis goes away while the work-horse runs, and stays away until the horse is done.
        relay.cut()
        wait_until(
            lambda: worker.process.poll() is not None or "Redis unreachable while running" in worker.output(),
            timeout=60,
            what="the worker to meet the outage",
        )
        relay.restore()

        second = queue.enqueue(time.sleep, 0)
        wait_until(
            lambda: (
                worker.process.poll() is not None or second.get_status(refresh=True) == JobStatus.FINISHED
            ),
            timeout=90,
            what="the second job",
        )
        assert worker.process.poll() is None, "the worker quit on the Redis outage"
        assert second.get_status(refresh=True) == JobStatus.FINISHED
    finally:
        worker.stop()
