"""The RQ worker class for `python manage.py rqworker default` (settings `RQ["WORKER_CLASS"]`).

RQ alone leaves a phase run's row stale when a worker dies: a killed work-horse fails
the RQ job but calls no `on_failure` callback, and a worker killed whole leaves the
job "started" until RQ's own maintenance (every ~10 minutes) cleans it up. This
worker keeps the rows truthful:

- when its work-horse dies, the run fails at once;
- about every 30 seconds, idle or busy, it runs `processing.reconcile.runs_reconcile`,
  which records as failed runs whose job is gone, failed or stopped, or whose heartbeat went
  silent past the phase limit plus the grace period (so a worker that died whole is
  noticed by the others). Reads never write: until then the status and the panel
  present such a run as failed;
- it outlives a Redis restart: RQ waits for Redis only while it waits for a job, and
  quits on a connection error anywhere else (a heartbeat, maintenance, watching a
  work-horse), leaving the queue unserved. Those steps log the error instead, and the
  next wait for a job reconnects with RQ's own backoff.
"""

import contextlib
import logging
import os
import time

from django.db import close_old_connections, connections
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from rq import Worker

logger = logging.getLogger("rq.worker")

RECONCILE_INTERVAL = 30
REDIS_ERRORS = (RedisConnectionError, RedisTimeoutError)
REDIS_WAIT_MAX = 30


class PhaseRunWorker(Worker):
    reconcile_interval = RECONCILE_INTERVAL

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._last_reconciled = 0.0
        self._preload()

    def _preload(self) -> None:
        """Import the job and the configured provider's SDK once, so each forked horse starts warm."""
        try:
            import processing.jobs  # noqa: F401
            from processing.llm import provider_get

            provider_get()
        except Exception:
            logger.warning("Worker %s: could not preload the AI provider", self.name, exc_info=True)

    @property
    def dequeue_timeout(self) -> int:
        # Wake from the blocking dequeue often enough to reconcile on time.
        return max(1, min(self.worker_ttl - 15, self.reconcile_interval))

    def _reconcile_due(self) -> bool:
        return time.monotonic() - self._last_reconciled >= self.reconcile_interval

    @property
    def should_run_maintenance_tasks(self) -> bool:
        return self._reconcile_due() or super().should_run_maintenance_tasks

    def run_maintenance_tasks(self) -> None:
        if super().should_run_maintenance_tasks:
            with self._redis_outage_logged("maintenance"):
                super().run_maintenance_tasks()
        self.reconcile_runs()

    @contextlib.contextmanager
    def _redis_outage_logged(self, step: str):
        try:
            yield
        except REDIS_ERRORS as exc:
            logger.warning("Worker %s: Redis unreachable during %s (%s); carrying on", self.name, step, exc)

    def check_for_suspension(self, burst: bool) -> None:
        with self._redis_outage_logged("the suspension check"):
            super().check_for_suspension(burst)

    def dequeue_job_and_maintain_ttl(self, *args, **kwargs):
        # RQ retries a lost connection while it blocks for a job, but not in the Redis
        # calls around that wait (the worker's state, its heartbeat).
        wait = 1
        while True:
            try:
                return super().dequeue_job_and_maintain_ttl(*args, **kwargs)
            except REDIS_ERRORS as exc:
                logger.warning("Worker %s: Redis unreachable (%s); retrying in %s s", self.name, exc, wait)
                time.sleep(wait)
                wait = min(wait * 2, REDIS_WAIT_MAX)

    def heartbeat(self, *args, **kwargs) -> None:
        with self._redis_outage_logged("a heartbeat"):
            super().heartbeat(*args, **kwargs)

    def execute_job(self, job, queue) -> None:
        try:
            super().execute_job(job, queue)
        except REDIS_ERRORS as exc:
            # The work-horse writes the run's outcome to the database itself; wait for it
            # so that no two horses run at once. A run it could not finish is failed by
            # `reconcile_runs` once its heartbeat goes silent.
            logger.warning("Worker %s: Redis unreachable while running %s (%s)", self.name, job.id, exc)
            if self.horse_pid:
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(self.horse_pid, 0)
                self._horse_pid = 0

    def maintain_heartbeats(self, job, execution) -> None:
        # Called every job_monitoring_interval while this worker's horse runs a job.
        super().maintain_heartbeats(job, execution)
        if self._reconcile_due():
            self.reconcile_runs()

    def reconcile_runs(self) -> None:
        from processing.reconcile import runs_reconcile

        self._last_reconciled = time.monotonic()
        try:
            close_old_connections()
            failed = runs_reconcile()
            if failed:
                logger.warning("Worker %s: failed %s phase run(s) left by dead workers", self.name, failed)
        except Exception:
            logger.exception("Worker %s: reconciling phase runs failed", self.name)
        finally:
            # The next work-horse is forked from this process: it must not share a connection.
            connections.close_all()

    def handle_work_horse_killed(self, job, retpid, ret_val, rusage) -> None:
        super().handle_work_horse_killed(job, retpid, ret_val, rusage)
        from processing.reconcile import run_worker_lost

        try:
            close_old_connections()
            if run_worker_lost(job_id=job.id):
                logger.warning("Worker %s: work-horse for %s died; its phase run failed", self.name, job.id)
        except Exception:
            logger.exception("Worker %s: could not fail the run of job %s", self.name, job.id)
        finally:
            connections.close_all()
