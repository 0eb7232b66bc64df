"""Run rows: creation (one active run per application) and guarded status writes.

The `PhaseRun` row is the truth; the RQ job only carries the run id. Every status
write is compare-and-set on the expected status and attempt
(`PhaseRun.objects.filter(id=..., status=..., attempts=...).update(...)`), and gives
up unless exactly one row changed, so a late or duplicate writer changes nothing.
"""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from applications.models import Application
from jobforge.errors import InvalidState
from processing import queue
from processing.models import PhaseRun

logger = logging.getLogger(__name__)

Status = PhaseRun.Status

ERROR_PROCESSING = "PROCESSING_ERROR"
ERROR_EXTERNAL = "EXTERNAL_API_ERROR"
QUEUE_DOWN_MESSAGE = "The job queue is unavailable right now. Please try again in a moment."


def run_active(*, application: Application) -> PhaseRun | None:
    """The application's queued or processing run, if any (there is at most one)."""
    return PhaseRun.objects.filter(application=application, status__in=PhaseRun.ACTIVE_STATUSES).first()


def run_create(
    *,
    application: Application,
    phase: str,
    additional_context: str = "",
    tone: str = "",
    length: str = "",
    generate_all: bool = False,
    savepoint: bool = True,
) -> PhaseRun:
    """A new queued run, handed to the queue when the transaction commits.

    The partial unique constraint decides races for the application's one active slot:
    the loser gets `InvalidState` (a 409) and nothing is written. Inside a transaction that
    the 409 ends anyway, `savepoint=False` spares the savepoint's two statements.
    """
    try:
        with transaction.atomic(savepoint=savepoint):
            run = PhaseRun(
                application=application,
                phase=phase,
                additional_context=additional_context,
                tone=tone,
                length=length,
                generate_all=generate_all,
            )
            run.rq_job_id = f"phase-run-{run.id}"
            run.save(force_insert=True)
            run_id = run.id
            transaction.on_commit(lambda: run_enqueue(run_id=run_id))
    except IntegrityError:
        raise InvalidState("Another phase of this application is already queued or running.") from None
    return run


def run_enqueue(*, run_id) -> None:
    """Give a still-queued run to the queue; a queue that is down fails the run plainly."""
    if not queue.queue_is_async():
        queue.job_enqueue(run_id=run_id, job_id="")
        return
    run = PhaseRun.objects.filter(id=run_id).only("id", "rq_job_id", "status", "attempts").first()
    if run is None or run.status != Status.QUEUED:
        return
    try:
        queue.job_enqueue(run_id=run.id, job_id=run.rq_job_id)
    except Exception:
        logger.exception("Could not enqueue phase run %s", run.id)
        run_fail(run=run, expected=Status.QUEUED, code=ERROR_PROCESSING, message=QUEUE_DOWN_MESSAGE)


def run_transition(*, run_id, expected: str, expected_attempts: int, **fields) -> bool:
    """Compare-and-set one run: True only when exactly one row in the expected status and
    attempt count changed (a late or duplicate writer changes nothing)."""
    fields.setdefault("updated_at", timezone.now())
    changed = PhaseRun.objects.filter(id=run_id, status=expected, attempts=expected_attempts).update(**fields)
    return changed == 1


def run_fail(*, run: PhaseRun, expected: str, code: str, message: str) -> bool:
    """End an active run as `failed` with a plain message, unless someone else moved it first."""
    return run_transition(
        run_id=run.id,
        expected=expected,
        expected_attempts=run.attempts,
        status=Status.FAILED,
        error_code=code,
        error_message=message,
        completed_at=timezone.now(),
    )
