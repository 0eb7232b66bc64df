"""AI phases: start, cancel, status, availability, and keeping run rows truthful.

The `PhaseRun` row is the truth; the RQ job only carries the run id. Every status
write is compare-and-set on the expected status and attempt
(`PhaseRun.objects.filter(id=..., status=..., attempts=...).update(...)`), and gives
up unless exactly one row changed, so a late or duplicate writer changes nothing.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from applications.models import Application
from applications.services import application_get_for_user, application_resume
from jobforge.accounts.models import User
from jobforge.errors import DomainError, InvalidState, PreconditionFailed, ValidationFailed
from jobforge.ratelimit import ratelimit_consume
from processing.models import PhaseRun

logger = logging.getLogger(__name__)

Phase = PhaseRun.Phase
Status = PhaseRun.Status

PHASES = tuple(Phase.values)
ADDITIONAL_CONTEXT_MAX = 5000
QUEUE_NAME = "default"
# RQ kills a job this long after the phase limit; the job's own deadline fires first.
JOB_TIMEOUT_MARGIN = 60
# A queued run may wait this many phase limits for a busy worker before it is failed.
QUEUE_WAIT_PHASES = 3

DEAD_WORKER_MESSAGE = "The worker running this phase stopped unexpectedly. Please try again."
NO_WORKER_MESSAGE = "No worker picked up this phase in time. Please try again."
QUEUE_DOWN_MESSAGE = "The job queue is unavailable right now. Please try again in a moment."
ERROR_PROCESSING = "PROCESSING_ERROR"
ERROR_EXTERNAL = "EXTERNAL_API_ERROR"

# What each phase writes and sets on the application.
PHASE_DOCUMENT = {
    Phase.RESEARCH: "research_report",
    Phase.RESUME: "optimized_resume",
    Phase.COVER_LETTER: "cover_letter",
}
PHASE_FLAG = {
    Phase.RESEARCH: "research_completed",
    Phase.RESUME: "resume_optimized",
    Phase.COVER_LETTER: "cover_letter_generated",
}
PHASE_APPLICATION_STATUS = {
    Phase.RESEARCH: Application.Status.RESEARCH_COMPLETE,
    Phase.RESUME: Application.Status.RESUME_COMPLETE,
    Phase.COVER_LETTER: Application.Status.COVER_LETTER_COMPLETE,
}
# The application's AI status only moves forward.
APPLICATION_STATUS_ORDER = (
    Application.Status.DRAFT,
    Application.Status.RESEARCH_COMPLETE,
    Application.Status.RESUME_COMPLETE,
    Application.Status.COVER_LETTER_COMPLETE,
)
# Rough durations for `estimated_completion` before a run reports progress.
TYPICAL_SECONDS = {"offline": 5, "anthropic": 60, "openai": 60}


class PhaseRunError(Exception):
    """A run cannot go on for a reason the user can fix; `message` is shown as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- rules: one place, used by phase_start and phase_availability ---------------------


@dataclass(frozen=True)
class PhaseAvailability:
    """Whether a phase can start now, and why not in plain words (for the UI)."""

    phase: str
    can_start: bool
    reason: str | None
    completed: bool
    can_regenerate: bool
    active_run: PhaseRun | None
    latest_run: PhaseRun | None


def _phase_block(
    *,
    application: Application,
    phase: str,
    regenerate: bool,
    active_run: PhaseRun | None,
    has_resume,
) -> DomainError | None:
    """The error that stops this start, or None. `has_resume` is a callable (queried only when needed)."""
    if active_run is not None:
        running = Phase(active_run.phase).label.lower()
        return InvalidState(f"The {running} phase is already {active_run.status}; wait for it or cancel it.")
    if phase == Phase.RESUME:
        if not application.research_completed:
            return PreconditionFailed("Run the research first.")
        if not has_resume():
            return PreconditionFailed("Add a resume to your library first.")
    if phase == Phase.COVER_LETTER and not application.resume_optimized:
        return PreconditionFailed("Tailor the resume first.")
    if getattr(application, PHASE_FLAG[phase]) and not regenerate:
        done = {
            Phase.RESEARCH: "The research is already completed.",
            Phase.RESUME: "The resume is already tailored.",
            Phase.COVER_LETTER: "The cover letter is already generated.",
        }[phase]
        return InvalidState(f"{done} Send regenerate to run it again.")
    return None


def _phase_check(phase: str) -> str:
    if phase not in PHASES:
        raise ValidationFailed(
            f"Unknown phase {phase!r}. Allowed: {', '.join(PHASES)}.",
            details={"phase": [f"Must be one of: {', '.join(PHASES)}."]},
        )
    return phase


def _active_run(application: Application) -> PhaseRun | None:
    return PhaseRun.objects.filter(application=application, status__in=PhaseRun.ACTIVE_STATUSES).first()


def phase_availability(*, application: Application) -> dict[str, PhaseAvailability]:
    """For each phase: can it start now (the same rules as `phase_start`), and its latest run.

    The caller has already scoped `application` to the user. Runs 3 queries, plus one
    for the resume when the resume phase is otherwise allowed.
    """
    latest = {
        phase: PhaseRun.objects.filter(application=application, phase=phase).order_by("-created_at").first()
        for phase in PHASES
    }
    # The active run, if any, is the latest run of its phase (a newer one cannot start meanwhile).
    active = next((run for run in latest.values() if run is not None and run.is_active), None)
    resume_known: list[bool] = []

    def has_resume() -> bool:
        if not resume_known:
            resume_known.append(application_resume(application=application) is not None)
        return resume_known[0]

    result = {}
    for phase in PHASES:
        block = _phase_block(
            application=application, phase=phase, regenerate=False, active_run=active, has_resume=has_resume
        )
        completed = bool(getattr(application, PHASE_FLAG[phase]))
        regenerate_block = (
            _phase_block(
                application=application,
                phase=phase,
                regenerate=True,
                active_run=active,
                has_resume=has_resume,
            )
            if completed
            else block
        )
        result[phase] = PhaseAvailability(
            phase=phase,
            can_start=block is None,
            reason=None if block is None else block.message,
            completed=completed,
            can_regenerate=completed and regenerate_block is None,
            active_run=active if active is not None and active.phase == phase else None,
            latest_run=latest[phase],
        )
    return result


# --- start ------------------------------------------------------------------------------


def phase_start(
    *,
    user: User,
    application_id,
    phase: str,
    regenerate: bool = False,
    additional_context: str | None = None,
) -> PhaseRun:
    """Queue one AI phase for the user's application (SPEC §5).

    404 for another user's application; 409 while any phase of it is queued or running
    (the partial unique constraint decides races); 412 when an earlier phase or the
    resume is missing; 409 when the phase is done, unless `regenerate`; 429 over the
    per-user AI throttle. The job is enqueued when the transaction commits and gets
    the run id only. The cover letter uses `additional_context` (≤ 5000 characters),
    else the application's own.
    """
    _phase_check(phase)
    if additional_context is not None and len(additional_context) > ADDITIONAL_CONTEXT_MAX:
        raise ValidationFailed(
            "Invalid input data",
            details={
                "additional_context": [
                    f"Ensure this field has no more than {ADDITIONAL_CONTEXT_MAX} characters."
                ]
            },
        )
    application = application_get_for_user(user=user, application_id=application_id)
    # The status read reconciles first, so a dead run does not block a new start.
    _reconcile_application(application=application)
    block = _phase_block(
        application=application,
        phase=phase,
        regenerate=regenerate,
        active_run=_active_run(application),
        has_resume=lambda: application_resume(application=application) is not None,
    )
    if block is not None:
        raise block
    ratelimit_consume(scope="ai", ident=str(user.pk), rate=settings.JOBFORGE_THROTTLE_AI)

    context = ""
    if phase == Phase.COVER_LETTER:
        context = (
            application.additional_context if additional_context is None else additional_context
        ).strip()
    return _run_create(application=application, phase=phase, additional_context=context)


def _run_create(*, application: Application, phase: str, additional_context: str = "") -> PhaseRun:
    try:
        with transaction.atomic():
            run = PhaseRun(application=application, phase=phase, additional_context=additional_context)
            run.rq_job_id = f"phase-run-{run.id}"
            run.save(force_insert=True)
            run_id = run.id
            transaction.on_commit(lambda: _run_enqueue(run_id=run_id))
    except IntegrityError:
        # Another start won the race for this application's one active slot.
        raise InvalidState("Another phase of this application is already queued or running.") from None
    return run


def queue_is_async() -> bool:
    """False without Redis: then jobs run synchronously in the web process (no Redis touched)."""
    return bool(settings.RQ_QUEUES[QUEUE_NAME].get("ASYNC", True))


def job_timeout() -> int:
    return settings.JOBFORGE_PHASE_TIMEOUT + JOB_TIMEOUT_MARGIN


def _run_enqueue(*, run_id) -> None:
    from processing.jobs import phase_run_execute

    if not queue_is_async():
        phase_run_execute(run_id)
        return
    import django_rq

    run = PhaseRun.objects.filter(id=run_id).only("id", "rq_job_id", "status", "attempts").first()
    if run is None or run.status != Status.QUEUED:
        return
    try:
        django_rq.get_queue(QUEUE_NAME).enqueue(
            phase_run_execute,
            run.id,
            job_id=run.rq_job_id,
            job_timeout=job_timeout(),
            result_ttl=3600,
            failure_ttl=7 * 86400,
            description=f"phase run {run.id}",
        )
    except Exception:
        logger.exception("Could not enqueue phase run %s", run.id)
        run_fail(run=run, expected=Status.QUEUED, code=ERROR_PROCESSING, message=QUEUE_DOWN_MESSAGE)


# --- guarded status writes --------------------------------------------------------------


def run_transition(*, run_id, expected: str, expected_attempts: int, **fields) -> bool:
    """Compare-and-set one run: True only when exactly one row in the expected status and
    attempt count changed (a late or duplicate writer changes nothing)."""
    fields.setdefault("updated_at", timezone.now())
    changed = PhaseRun.objects.filter(id=run_id, status=expected, attempts=expected_attempts).update(**fields)
    return changed == 1


def run_fail(*, run: PhaseRun, expected: str, code: str, message: str) -> bool:
    """End an active run as `failed` with a plain message, unless someone else moved it first."""
    now = timezone.now()
    return run_transition(
        run_id=run.id,
        expected=expected,
        expected_attempts=run.attempts,
        status=Status.FAILED,
        error_code=code,
        error_message=message,
        completed_at=now,
    )


# --- cancel -----------------------------------------------------------------------------


def phase_cancel(*, user: User, application_id) -> PhaseRun:
    """Cancel the application's queued or running phase; 409 when nothing is running.

    The row becomes `cancelled` at once (a worker still running it stops at its next
    progress report and writes nothing); the RQ job is cancelled or stopped when possible.
    """
    application = application_get_for_user(user=user, application_id=application_id)
    _reconcile_application(application=application)
    run = _active_run(application)
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
    transaction.on_commit(lambda: _rq_job_stop(job_id=job_id))
    run.refresh_from_db()
    return run


def _rq_job_stop(*, job_id: str) -> None:
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
        # The row is already cancelled; a job that still runs will write nothing.
        logger.warning("Could not stop RQ job %s", job_id, exc_info=True)


# --- status -----------------------------------------------------------------------------


def _estimated_completion(run: PhaseRun, *, now: datetime) -> datetime | None:
    if not run.is_active:
        return None
    limit = timedelta(seconds=settings.JOBFORGE_PHASE_TIMEOUT)
    if run.status == Status.PROCESSING and run.started_at and run.progress >= 0.05:
        elapsed = now - run.started_at
        estimate = run.started_at + elapsed / run.progress
    else:
        typical = TYPICAL_SECONDS.get(run.provider or settings.JOBFORGE_LLM_PROVIDER, 60)
        estimate = (run.started_at or now) + timedelta(seconds=typical)
    ceiling = (run.started_at or now) + limit
    return max(now, min(estimate, ceiling))


def phase_status(*, user: User, application_id) -> dict:
    """The SPEC §5 status body for the application's latest run (`idle` when none ever ran).

    Reconciles the application's active run first, so a run whose worker died reads
    as `failed`, not as `processing` forever.
    """
    application = application_get_for_user(user=user, application_id=application_id)
    _reconcile_application(application=application)
    run = PhaseRun.objects.filter(application=application).order_by("-created_at").first()
    if run is None:
        return {
            "application_id": application.id,
            "current_phase": None,
            "status": "idle",
            "progress": 0.0,
            "estimated_completion": None,
            "started_at": None,
            "completed_at": None,
            "error_message": None,
        }
    return {
        "application_id": application.id,
        "current_phase": run.phase,
        "status": run.status,
        "progress": round(run.progress, 4),
        "estimated_completion": _estimated_completion(run, now=timezone.now()),
        "started_at": run.started_at,
        "completed_at": run.completed_at,
        "error_message": run.error_message or None,
    }


def phase_estimated_completion(*, run: PhaseRun) -> datetime | None:
    """When an active run should be done (for the 202 answer and the UI)."""
    return _estimated_completion(run, now=timezone.now())


# --- reconciler -------------------------------------------------------------------------


class _QueueView:
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
        """`dead` when the job can no longer finish the run, else `alive`; `unknown` without Redis."""
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


def _run_reconcile(run: PhaseRun, *, now: datetime, queue_view: _QueueView | None) -> bool:
    """Fail one active run that can no longer finish. True when it was failed."""
    limit = timedelta(seconds=settings.JOBFORGE_PHASE_TIMEOUT + settings.JOBFORGE_PHASE_GRACE)
    message = DEAD_WORKER_MESSAGE
    dead = False
    if run.status == Status.PROCESSING:
        dead = (run.heartbeat_at or run.started_at or run.queued_at) < now - limit
    else:
        waited = now - run.queued_at
        # Workers that are alive but busy earn the queue a longer wait (asked only when it matters).
        if waited > limit and (
            queue_view is None
            or waited > limit * QUEUE_WAIT_PHASES
            or not _safe(queue_view.workers_alive, default=False)
        ):
            dead, message = True, NO_WORKER_MESSAGE
    # A run is only handed to RQ after its transaction commits: give it a moment.
    if not dead and queue_view is not None and run.rq_job_id and now - run.queued_at > timedelta(seconds=5):
        dead = _safe(lambda: queue_view.job_verdict(run.rq_job_id, now=now), default="alive") == "dead"
    if not dead:
        return False
    failed = run_fail(run=run, expected=run.status, code=ERROR_PROCESSING, message=message)
    if failed:
        logger.warning("Phase run %s (%s) failed by the reconciler: %s", run.id, run.status, message)
        if queue_view is not None and run.status == Status.QUEUED:
            job_id = run.rq_job_id
            transaction.on_commit(lambda: _rq_job_stop(job_id=job_id))
    return failed


def _safe(call, *, default):
    try:
        return call()
    except Exception:
        logger.warning("Reconciler could not read the queue", exc_info=True)
        return default


def _reconcile_application(*, application: Application) -> None:
    run = _active_run(application)
    if run is not None:
        _run_reconcile(run, now=timezone.now(), queue_view=_QueueView() if queue_is_async() else None)


def runs_reconcile(*, now: datetime | None = None) -> int:
    """Fail every queued or processing run whose worker died, whose RQ job is gone,
    failed, stopped or cancelled, or which went silent past the phase limit plus the
    grace period. Returns how many runs were failed. Run by the worker every ~30 s and
    on every status read."""
    now = now or timezone.now()
    queue_view = _QueueView() if queue_is_async() else None
    failed = 0
    for run in PhaseRun.objects.filter(status__in=PhaseRun.ACTIVE_STATUSES).order_by("queued_at")[:500]:
        failed += _run_reconcile(run, now=now, queue_view=queue_view)
    return failed


def run_worker_lost(*, job_id: str) -> bool:
    """The work-horse running this job died (killed, out of memory): fail its run at once."""
    run = PhaseRun.objects.filter(rq_job_id=job_id, status__in=PhaseRun.ACTIVE_STATUSES).first()
    if run is None:
        return False
    return run_fail(run=run, expected=run.status, code=ERROR_PROCESSING, message=DEAD_WORKER_MESSAGE)


# --- admin ------------------------------------------------------------------------------


def phase_run_rerun(*, run: PhaseRun) -> PhaseRun:
    """Operator action: start a failed or cancelled run's phase again, as a new run.

    The same rules as a user's start apply (order, one at a time); a phase that has
    completed since is regenerated. The user's AI throttle is not charged.
    """
    if run.status not in (Status.FAILED, Status.CANCELLED):
        raise InvalidState("Only failed or cancelled runs can be re-run.")
    application = run.application
    _reconcile_application(application=application)
    block = _phase_block(
        application=application,
        phase=run.phase,
        regenerate=True,
        active_run=_active_run(application),
        has_resume=lambda: application_resume(application=application) is not None,
    )
    if block is not None:
        raise block
    return _run_create(application=application, phase=run.phase, additional_context=run.additional_context)
