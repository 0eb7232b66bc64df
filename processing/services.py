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
from jobforge.errors import InvalidState, PreconditionFailed, ValidationFailed
from jobforge.ratelimit import ratelimit_consume
from processing import queue, selectors
from processing.models import PhaseRun
from processing.phases import (
    LENGTHS,
    NEEDS_RESUME_MESSAGE,
    PIPELINE,
    REGENERATE_HINT,
    TONES,
    phase_get,
    pipeline_next,
)
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
        document_types=selectors.lazy_document_types(application=application),
    )
    if block is not None:
        raise block


def _choice_check(field: str, value: str | None, choices: tuple[tuple[str, str], ...]) -> str:
    """`value`, or the first choice when it is None; a 400 naming the allowed values otherwise."""
    allowed = [key for key, _ in choices]
    if value is None:
        return allowed[0]
    if value not in allowed:
        raise ValidationFailed(
            "Invalid input data", details={field: [f"Must be one of: {', '.join(allowed)}."]}
        )
    return value


def phase_start(
    *,
    user: User,
    application: Application | None = None,
    application_id=None,
    phase: str,
    regenerate: bool = False,
    additional_context: str | None = None,
    tone: str | None = None,
    length: str | None = None,
) -> PhaseRun:
    """Queue one AI phase for the user's application (SPEC §5).

    404 for another user's application (a page hands on the one it loaded); 409 while any phase of it is queued or running
    (the partial unique constraint decides races); 412 when an earlier phase or the
    resume is missing; 409 when the phase is done, unless `regenerate`; 429 over the
    per-user AI throttle. The budget is charged only for a start that is accepted: in
    the transaction that creates the run, so a 429 leaves no run and a refused start
    costs nothing. The job is enqueued when the transaction commits and gets the run id
    only. A phase that takes context uses `additional_context` (≤ 5000 characters),
    else the application's own. A letter or an email is written in `tone` and `length`
    (defaults `formal` and `standard`; an unknown value is a 400); the other phases
    ignore them.
    """
    phase_check(phase)
    tone, length = _choice_check("tone", tone, TONES), _choice_check("length", length, LENGTHS)
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
    with transaction.atomic():
        # A refused create ends this transaction too: no savepoint of its own is needed.
        run = run_create(
            application=application,
            phase=phase,
            savepoint=False,
            **_run_inputs(application, phase, additional_context, tone, length),
        )
        ratelimit_consume(scope="ai", ident=str(user.pk), rate=settings.JOBFORGE_THROTTLE_AI)
    return run


def _run_inputs(
    application, phase: str, additional_context: str | None, tone: str, length: str, *, chain: bool = False
) -> dict:
    """What a run of `phase` keeps of the start's inputs: the notes (the application's own by
    default) for a phase that takes them, the tone and length for a letter or an email (and
    for every run of a "Generate all" chain, which hands them on to the letter)."""
    spec = phase_get(phase)
    inputs = {"additional_context": "", "tone": "", "length": ""}
    if spec.takes_context:
        notes = application.additional_context if additional_context is None else additional_context
        inputs["additional_context"] = notes.strip()
    if spec.takes_tone or chain:
        inputs.update(tone=tone, length=length)
    return inputs


def phases_start_all(
    *,
    user: User,
    application: Application | None = None,
    application_id=None,
    regenerate: bool = False,
    tone: str | None = None,
    length: str | None = None,
) -> tuple[PhaseRun, list[str]]:
    """ "Generate all" (SPEC §13): research → tailored resume → cover letter, one run each,
    in order in the worker; the run and the keys of the phases it will go through.

    Phases already done are skipped (the chain starts at the first one not done), unless
    `regenerate`, which runs all three again; 409 when all are done without it, or while
    a phase is queued or running; 412 without a resume. Each completed run queues the
    next one; the first failure (or a cancel) ends the chain, with its reason on its run.
    One start of the AI throttle, like a single phase.
    """
    tone, length = _choice_check("tone", tone, TONES), _choice_check("length", length, LENGTHS)
    application = application_of(user=user, application=application, application_id=application_id)
    application_reconcile(application=application)
    todo = [spec for spec in PIPELINE if regenerate or not getattr(application, spec.application_flag)]
    if not todo:
        raise InvalidState(f"Every document of the pipeline is already written. {REGENERATE_HINT}")
    first = todo[0].key
    _refuse_if_blocked(application=application, phase=first, regenerate=True)
    if any(spec.needs_resume for spec in todo) and not application_has_resume(application=application):
        raise PreconditionFailed(NEEDS_RESUME_MESSAGE)
    with transaction.atomic():
        run = run_create(
            application=application,
            phase=first,
            generate_all=True,
            **_run_inputs(application, first, None, tone, length, chain=True),
        )
        ratelimit_consume(scope="ai", ident=str(user.pk), rate=settings.JOBFORGE_THROTTLE_AI)
    return run, [spec.key for spec in todo]


def phase_chain_next(*, run: PhaseRun) -> PhaseRun | None:
    """After a "Generate all" run completed (in its transaction): queue the next pipeline
    phase with the same tone and length, or None after the last one."""
    following = pipeline_next(run.phase)
    if not run.generate_all or following is None:
        return None
    application = run.application
    return run_create(
        application=application,
        phase=following.key,
        generate_all=True,
        **_run_inputs(
            application, following.key, None, run.tone or TONES[0][0], run.length or LENGTHS[0][0], chain=True
        ),
    )


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
    return run_create(
        application=application,
        phase=run.phase,
        additional_context=run.additional_context,
        tone=run.tone,
        length=run.length,
    )
