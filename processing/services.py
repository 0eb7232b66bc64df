"""AI phases, the writes: start, cancel, and the operator's re-run.

Each records the application's dead run first (`application_reconcile`), so a run
whose worker died never blocks a new start. The rules are in `processing.rules`, the
run rows in `processing.runs`, the queue in `processing.queue` and the reads in
`processing.selectors`.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from applications.models import Application
from applications.services import application_has_resume, application_of
from jobforge.accounts.models import User
from jobforge.errors import InvalidState, ValidationFailed
from jobforge.ratelimit import ratelimit_consume
from processing import queue
from processing.models import PhaseRun
from processing.phases import phase_get
from processing.reconcile import application_reconcile
from processing.rules import phase_block, phase_check
from processing.runs import run_create, run_transition

Status = PhaseRun.Status

ADDITIONAL_CONTEXT_MAX = 5000


def _refuse_if_blocked(*, application, phase: str, regenerate: bool) -> None:
    block = phase_block(
        application=application,
        phase=phase,
        regenerate=regenerate,
        active_run=application_reconcile(application=application),
        has_resume=lambda: application_has_resume(application=application),
    )
    if block is not None:
        raise block


def phase_start(
    *,
    user: User,
    application: Application | None = None,
    application_id=None,
    phase: str,
    regenerate: bool = False,
    additional_context: str | None = None,
) -> PhaseRun:
    """Queue one AI phase for the user's application (SPEC §5).

    404 for another user's application (a page hands on the one it loaded); 409 while any phase of it is queued or running
    (the partial unique constraint decides races); 412 when an earlier phase or the
    resume is missing; 409 when the phase is done, unless `regenerate`; 429 over the
    per-user AI throttle. The budget is charged only for a start that is accepted: in
    the transaction that creates the run, so a 429 leaves no run and a refused start
    costs nothing. The job is enqueued when the transaction commits and gets the run id
    only. A phase that takes context uses `additional_context` (≤ 5000 characters),
    else the application's own.
    """
    phase_check(phase)
    if additional_context is not None and len(additional_context) > ADDITIONAL_CONTEXT_MAX:
        raise ValidationFailed(
            "Invalid input data",
            details={
                "additional_context": [
                    f"Ensure this field has no more than {ADDITIONAL_CONTEXT_MAX} characters."
                ]
            },
        )
    application = application_of(user=user, application=application, application_id=application_id)
    _refuse_if_blocked(application=application, phase=phase, regenerate=regenerate)
    context = ""
    if phase_get(phase).takes_context:
        context = (
            application.additional_context if additional_context is None else additional_context
        ).strip()
    with transaction.atomic():
        # A refused create ends this transaction too: no savepoint of its own is needed.
        run = run_create(application=application, phase=phase, additional_context=context, savepoint=False)
        ratelimit_consume(scope="ai", ident=str(user.pk), rate=settings.JOBFORGE_THROTTLE_AI)
    return run


def phase_cancel(*, user: User, application: Application | None = None, application_id=None) -> PhaseRun:
    """Cancel the application's queued or running phase; 409 when nothing is running.

    The row becomes `cancelled` at once (a worker still running it stops at its next
    progress report and writes nothing); the RQ job is cancelled or stopped when possible.
    """
    application = application_of(user=user, application=application, application_id=application_id)
    run = application_reconcile(application=application)
    if run is None or not run_transition(
        run_id=run.id,
        expected=run.status,
        expected_attempts=run.attempts,
        status=Status.CANCELLED,
        completed_at=timezone.now(),
        error_code="",
        error_message="",
    ):
        raise InvalidState("Nothing is running for this application.")
    job_id = run.rq_job_id
    transaction.on_commit(lambda: queue.job_stop(job_id=job_id))
    run.refresh_from_db()
    return run


def phase_run_rerun(*, run: PhaseRun) -> PhaseRun:
    """Operator action: start a failed or cancelled run's phase again, as a new run.

    The same rules as a user's start apply (order, one at a time); a phase that has
    completed since is regenerated. The user's AI throttle is not charged.
    """
    if run.status not in (Status.FAILED, Status.CANCELLED):
        raise InvalidState("Only failed or cancelled runs can be re-run.")
    application = run.application
    _refuse_if_blocked(application=application, phase=run.phase, regenerate=True)
    return run_create(application=application, phase=run.phase, additional_context=run.additional_context)
