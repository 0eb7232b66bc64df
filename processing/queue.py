"""The job queue: enqueue a run's job, stop it, and ask Redis what it knows about jobs and workers.

Nothing here reads or writes a run row. Without Redis (`REDIS_URL` unset) the queue is
synchronous: a job runs in the calling process and Redis is never touched. The job is
named by its dotted path, so this module does not import `processing.jobs`.
"""

import logging
from datetime import datetime

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

QUEUE_NAME = "default"
JOB_PATH = "processing.jobs.phase_run_execute"
# RQ kills a job this long after the phase limit; the job's own deadline fires first.
JOB_TIMEOUT_MARGIN = 60


def queue_is_async() -> bool:
    """False without Redis: then jobs run synchronously in the web process (no Redis touched)."""
    return bool(settings.RQ_QUEUES[QUEUE_NAME].get("ASYNC", True))


def job_timeout() -> int:
    return settings.JOBFORGE_PHASE_TIMEOUT + JOB_TIMEOUT_MARGIN


def job_enqueue(*, run_id, job_id: str) -> None:
    """Hand run `run_id` to a worker as RQ job `job_id`, or run it now without Redis.

    Raises when Redis cannot take the job; the caller decides what that means for the run.
    """
    if not queue_is_async():
        import_string(JOB_PATH)(run_id)
        return
    import django_rq

    django_rq.get_queue(QUEUE_NAME).enqueue(
        JOB_PATH,
        run_id,
        job_id=job_id,
        job_timeout=job_timeout(),
        result_ttl=3600,
        failure_ttl=7 * 86400,
        description=f"phase run {run_id}",
    )


def job_stop(*, job_id: str) -> None:
    """Cancel a waiting job or stop a running one; best effort (the run row already says why)."""
    if not job_id or not queue_is_async():
        return
    import django_rq
    from rq.command import send_stop_job_command
    from rq.exceptions import InvalidJobOperation, NoSuchJobError
    from rq.job import Job, JobStatus

    try:
        connection = django_rq.get_connection(QUEUE_NAME)
        job = Job.fetch(job_id, connection=connection)
        status = job.get_status()
        if status == JobStatus.STARTED:
            send_stop_job_command(connection, job_id)
        elif status in (JobStatus.QUEUED, JobStatus.DEFERRED, JobStatus.SCHEDULED):
            job.cancel()
    except (NoSuchJobError, InvalidJobOperation):
        pass
    except Exception:
        # The row is already final; a job that still runs will write nothing.
        logger.warning("Could not stop RQ job %s", job_id, exc_info=True)


class QueueView:
    """What Redis knows about jobs and workers, fetched lazily once per reconcile pass."""

    def __init__(self) -> None:
        self._queue = None
        self._workers_alive: bool | None = None

    @property
    def queue(self):
        if self._queue is None:
            import django_rq

            self._queue = django_rq.get_queue(QUEUE_NAME)
        return self._queue

    def workers_alive(self) -> bool:
        if self._workers_alive is None:
            from rq import Worker

            self._workers_alive = len(Worker.all(queue=self.queue)) > 0
        return self._workers_alive

    def job_verdict(self, job_id: str, *, now: datetime) -> str:
        """`dead` when the job can no longer finish its run, else `alive`."""
        from rq.exceptions import NoSuchJobError
        from rq.job import Job, JobStatus
        from rq.registry import StartedJobRegistry

        try:
            job = Job.fetch(job_id, connection=self.queue.connection)
        except NoSuchJobError:
            return "dead"
        status = job.get_status(refresh=False)
        if status in (JobStatus.FAILED, JobStatus.STOPPED, JobStatus.CANCELED):
            return "dead"
        if status == JobStatus.FINISHED:
            # The job returned; a run it left active was not finished by it.
            return "dead"
        if status == JobStatus.STARTED:
            # A worker killed whole leaves the job "started": its entry in the started
            # registry stops being renewed by the worker's heartbeat and expires.
            registry = StartedJobRegistry(queue=self.queue)
            entries = self.queue.connection.zrange(registry.key, 0, -1, withscores=True)
            stamp = now.timestamp()
            live = [
                score
                for member, score in entries
                if registry.parse_job_id(member.decode() if isinstance(member, bytes) else member) == job_id
                and score >= stamp
            ]
            return "alive" if live else "dead"
        return "alive"
