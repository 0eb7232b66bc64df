"""Keeping run rows truthful when a worker dies: no run stays queued or processing forever.

A run is dead when its heartbeat (or start) is older than the phase limit plus the
grace period, when it waited in the queue past the no-worker bound, or when Redis says
its job is gone, failed, stopped or orphaned. The worker records dead runs about every
30 seconds (`runs_reconcile`, `processing.worker`); a start, a cancel and an admin re-run
record the application's own first (`application_reconcile`). Reads never write: they
present a run that is dead by the clock alone (`run_overdue`) as failed.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from applications.models import Application
from processing import queue
from processing.models import PhaseRun
from processing.runs import ERROR_PROCESSING, run_active, run_fail

logger = logging.getLogger(__name__)

Status = PhaseRun.Status

DEAD_WORKER_MESSAGE = "The worker running this phase stopped unexpectedly. Please try again."
NO_WORKER_MESSAGE = "No worker picked up this phase in time. Please try again."
# A queued run may wait this many phase limits for a busy worker before it is failed.
QUEUE_WAIT_PHASES = 3
# A run is only handed to RQ after its transaction commits: give it a moment.
ENQUEUE_SETTLE = timedelta(seconds=5)


def _limit() -> timedelta:
    return timedelta(seconds=settings.JOBFORGE_PHASE_TIMEOUT + settings.JOBFORGE_PHASE_GRACE)


def run_overdue(run: PhaseRun, *, now: datetime, queue_async: bool) -> str | None:
    """The failure message of an active run that is dead by the clock alone, else None.

    Processing: silent past the phase limit plus the grace period. Queued: waited past
    the limit (without Redis) or past `QUEUE_WAIT_PHASES` limits (even busy workers
    would have taken it by then). Reads no queue and writes nothing.
    """
    if not run.is_active:
        return None
    limit = _limit()
    if run.status == Status.PROCESSING:
        last_sign = run.heartbeat_at or run.started_at or run.queued_at
        return DEAD_WORKER_MESSAGE if last_sign < now - limit else None
    bound = limit * QUEUE_WAIT_PHASES if queue_async else limit
    return NO_WORKER_MESSAGE if now - run.queued_at > bound else None


def _queue_says_dead(run: PhaseRun, *, now: datetime, queue_view: queue.QueueView) -> str | None:
    # Past one limit, a queued run is dead unless some worker is alive (just busy).
    waited_too_long = run.status == Status.QUEUED and now - run.queued_at > _limit()
    if waited_too_long and not _safe(queue_view.workers_alive, default=False):
        return NO_WORKER_MESSAGE
    if run.rq_job_id and now - run.queued_at > ENQUEUE_SETTLE:
        verdict = _safe(lambda: queue_view.job_verdict(run.rq_job_id, now=now), default="alive")
        if verdict == "dead":
            return DEAD_WORKER_MESSAGE
    return None


def run_reconcile(run: PhaseRun, *, now: datetime, queue_view: queue.QueueView | None) -> bool:
    """Fail one active run that can no longer finish. True when it was failed.

    `queue_view` is None without Redis: then only the clock decides.
    """
    message = run_overdue(run, now=now, queue_async=queue_view is not None)
    if message is None and queue_view is not None:
        message = _queue_says_dead(run, now=now, queue_view=queue_view)
    if message is None:
        return False
    failed = run_fail(run=run, expected=run.status, code=ERROR_PROCESSING, message=message)
    if failed:
        logger.warning("Phase run %s (%s) failed by the reconciler: %s", run.id, run.status, message)
        if queue_view is not None and run.status == Status.QUEUED:
            job_id = run.rq_job_id
            transaction.on_commit(lambda: queue.job_stop(job_id=job_id))
    return failed


def _safe(call, *, default):
    try:
        return call()
    except Exception:
        logger.warning("Reconciler could not read the queue", exc_info=True)
        return default


def _queue_view() -> queue.QueueView | None:
    return queue.QueueView() if queue.queue_is_async() else None


def application_reconcile(*, application: Application) -> PhaseRun | None:
    """Record the application's active run as failed if it is dead (before a start or
    cancel). Returns the active run that is still alive, if any: the caller's one read of it."""
    run = run_active(application=application)
    if run is not None and run_reconcile(run, now=timezone.now(), queue_view=_queue_view()):
        return None
    return run


def runs_reconcile(*, now: datetime | None = None) -> int:
    """Fail every queued or processing run that can no longer finish (see the module's
    docstring). Returns how many runs were failed. Run by the worker every ~30 s."""
    now = now or timezone.now()
    queue_view = _queue_view()
    failed = 0
    for run in PhaseRun.objects.filter(status__in=PhaseRun.ACTIVE_STATUSES).order_by("queued_at")[:500]:
        failed += run_reconcile(run, now=now, queue_view=queue_view)
    return failed


def run_worker_lost(*, job_id: str) -> bool:
    """The work-horse running this job died (killed, out of memory): fail its run at once."""
    run = PhaseRun.objects.filter(rq_job_id=job_id, status__in=PhaseRun.ACTIVE_STATUSES).first()
    if run is None:
        return False
    return run_fail(run=run, expected=run.status, code=ERROR_PROCESSING, message=DEAD_WORKER_MESSAGE)
