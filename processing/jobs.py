"""The RQ job that runs one AI phase: `phase_run_execute(run_id)`.

Safe to run twice: it only works on a run it moved `queued → processing` itself, and
every later write is compare-and-set on that status and its attempt count. Provider
errors that are transient are retried with exponential backoff, all inside one
deadline (`JOBFORGE_PHASE_TIMEOUT`); on success the document version, the
application's flag and status, and the run's `completed` row commit together.
"""

import dataclasses
import logging
import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from applications.models import Application
from applications.services import application_resume
from documents.models import Document, DocumentVersion
from documents.services import document_version_write
from processing.llm.base import LlmResult, PhaseInput
from processing.llm.errors import LlmError
from processing.models import PhaseRun
from processing.phases import LENGTHS, NEEDS_RESUME_RETRY_MESSAGE, PIPELINE, TONES, phase_get
from processing.runs import ERROR_EXTERNAL, ERROR_PROCESSING, run_fail, run_transition
from processing.services import phase_chain_next
from processing.verify import DraftRefused, Verified, document_verify
from tracking.models import Interview

logger = logging.getLogger(__name__)

Status = PhaseRun.Status

# One provider call may use at most this many seconds of the phase's budget, so a hung
# first call still leaves time for a retry when the phase limit is long.
REQUEST_TIMEOUT_CAP = 180.0
# A call is not worth starting with less than this left.
MIN_ATTEMPT_SECONDS = 2.0
# A provider's Retry-After is honoured up to this many seconds.
RETRY_AFTER_CAP = 30.0
# Progress is written at most this often (it also renews the heartbeat).
PROGRESS_WRITE_INTERVAL = 1.0
# The provider's fraction of its work, [0, 1], maps onto this span of the run's progress:
# the one place progress is capped; 1.0 is written once the document is saved.
PROGRESS_START, PROGRESS_END = 0.05, 0.95
# The application's AI status only moves forward, along the phases.
APPLICATION_STATUS_ORDER = (Application.Status.DRAFT, *(spec.application_status for spec in PIPELINE))

GENERIC_FAILURE = "Something went wrong while generating the document. Please try again."


class PhaseRunError(Exception):
    """A run cannot go on for a reason the user can fix; `message` is shown as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RunAborted(Exception):
    """The run is no longer ours to finish (cancelled, or failed by the reconciler)."""


class DeadlineExceeded(Exception):
    """The phase's time limit was reached."""


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


def _deadline_message() -> str:
    return (
        f"The AI provider did not finish within the {settings.JOBFORGE_PHASE_TIMEOUT}-second "
        "limit for this phase. Please try again."
    )


def phase_run_input(*, run: PhaseRun) -> PhaseInput:
    """Everything the provider sees, read from the application, its resume and documents."""
    application: Application = run.application
    documents = {
        document.document_type: document.content
        for document in Document.objects.filter(
            application=application,
            document_type__in=[Document.Type.RESEARCH_REPORT, Document.Type.OPTIMIZED_RESUME],
        )
    }
    resume = application_resume(application=application)
    spec = phase_get(run.phase)
    if (spec.needs_resume or spec.checks_facts) and resume is None:
        # The start checked it too; the resume may have been deleted since.
        raise PhaseRunError(NEEDS_RESUME_RETRY_MESSAGE)
    return PhaseInput(
        phase=run.phase,
        company_name=application.company_name,
        role_title=application.role_title,
        job_description=application.job_description,
        location=application.location,
        job_url=application.job_url,
        applicant_name=application.user.full_name,
        resume=resume.content if resume is not None else "",
        research_report=documents.get(Document.Type.RESEARCH_REPORT, ""),
        optimized_resume=documents.get(Document.Type.OPTIMIZED_RESUME, ""),
        additional_context=run.additional_context,
        resume_structure=(resume.structure or {}) if resume is not None else {},
        tone=run.tone or TONES[0][0],
        length=run.length or LENGTHS[0][0],
        interview=interview_described(application=application) if spec.uses_interview else {},
    )


# How a note names an interview of each kind.
INTERVIEW_NAMES = {
    Interview.Kind.PHONE_SCREEN: "phone screen",
    Interview.Kind.TECHNICAL: "technical interview",
    Interview.Kind.ONSITE: "on-site interview",
    Interview.Kind.FINAL: "final interview",
    Interview.Kind.OTHER: "interview",
}


def interview_described(*, application: Application) -> dict:
    """The interview a thank-you note or a prep sheet is about: the latest one that has
    taken place, else the next one (cancelled ones aside); {} when none is recorded.

    Named by its kind and weekday, never by a date: a number the resume does not hold is
    one the fact guard refuses, and "Tuesday" says enough in a note.
    """
    now = timezone.now()
    interviews = Interview.objects.filter(application=application).exclude(
        outcome=Interview.Outcome.CANCELLED
    )
    past = interviews.filter(scheduled_at__lte=now).order_by("-scheduled_at", "-id").first()
    chosen = past or interviews.filter(scheduled_at__gt=now).order_by("scheduled_at", "id").first()
    if chosen is None:
        return {}
    return {
        "kind": INTERVIEW_NAMES.get(chosen.kind, "interview"),
        "weekday": timezone.localtime(chosen.scheduled_at).strftime("%A"),
        "when": "past" if chosen is past else "next",
        "notes": chosen.notes,
    }


class _Execution:
    """One execution of one run: owns it while `status=processing` and `attempts` match."""

    def __init__(self, run: PhaseRun, provider) -> None:
        self.run = run
        self.provider = provider
        self.attempts = run.attempts
        self.deadline = time.monotonic() + settings.JOBFORGE_PHASE_TIMEOUT
        self.abort: Exception | None = None
        self.last_write = 0.0
        # Tokens of every call that answered (a refused draft's retry costs too).
        self.input_tokens = 0
        self.output_tokens = 0

    # guarded writes

    def _write(self, **fields) -> bool:
        return run_transition(
            run_id=self.run.id, expected=Status.PROCESSING, expected_attempts=self.attempts, **fields
        )

    def on_progress(self, fraction: float) -> None:
        """Provider callback: monotonic, throttled progress plus heartbeat; stops a cancelled run."""
        if self.abort is not None:
            raise self.abort
        if time.monotonic() > self.deadline:
            self.abort = DeadlineExceeded()
            raise self.abort
        now = time.monotonic()
        if now - self.last_write < PROGRESS_WRITE_INTERVAL:
            return
        self.last_write = now
        fraction = min(max(float(fraction), 0.0), 1.0)
        progress = round(PROGRESS_START + (PROGRESS_END - PROGRESS_START) * fraction, 4)
        stamp = timezone.now()
        changed = PhaseRun.objects.filter(
            id=self.run.id, status=Status.PROCESSING, attempts=self.attempts, progress__lt=progress
        ).update(progress=progress, heartbeat_at=stamp, updated_at=stamp)
        # Progress did not move: renew the heartbeat, and stop if the run is no longer ours.
        if changed != 1 and not self._write(heartbeat_at=stamp):
            self.abort = RunAborted()
            raise self.abort

    # the work

    def generate(self, phase_input: PhaseInput) -> LlmResult:
        """Call the provider, retrying transient errors with backoff inside the deadline."""
        max_attempts = settings.JOBFORGE_LLM_ATTEMPTS
        for attempt in range(1, max_attempts + 1):
            remaining = self.deadline - time.monotonic()
            if remaining < MIN_ATTEMPT_SECONDS:
                raise DeadlineExceeded()
            stamp = timezone.now()
            if not self._write(attempts=self.attempts + 1, heartbeat_at=stamp):
                raise RunAborted()
            self.attempts += 1
            try:
                result = self.provider.generate(
                    phase_input, timeout=min(remaining, REQUEST_TIMEOUT_CAP), on_progress=self.on_progress
                )
            except LlmError as exc:
                if self.abort is not None:
                    raise self.abort from exc
                if not exc.transient or attempt == max_attempts:
                    raise
                delay = settings.JOBFORGE_LLM_BACKOFF_SECONDS * 2 ** (attempt - 1)
                if exc.retry_after is not None:
                    delay = max(delay, min(float(exc.retry_after), RETRY_AFTER_CAP))
                if time.monotonic() + delay + MIN_ATTEMPT_SECONDS > self.deadline:
                    # No time left to wait and try again within the phase limit.
                    if self.deadline - time.monotonic() < MIN_ATTEMPT_SECONDS:
                        raise DeadlineExceeded() from exc
                    raise
                logger.info(
                    "Phase run %s: attempt %s failed (%s), retrying in %.1fs",
                    self.run.id,
                    attempt,
                    exc.status or "transient",
                    delay,
                )
                _sleep(delay)
                continue
            except Exception:
                # A provider may wrap our own abort in its error handling: ours wins.
                if self.abort is not None:
                    raise self.abort from None
                raise
            if self.abort is not None:
                raise self.abort
            if time.monotonic() > self.deadline:
                raise DeadlineExceeded()
            if not result.text or not result.text.strip():
                raise LlmError(
                    "The AI provider returned an empty document. Please try again.", transient=False
                )
            self.input_tokens += max(0, int(result.input_tokens or 0))
            self.output_tokens += max(0, int(result.output_tokens or 0))
            return result
        raise DeadlineExceeded()  # pragma: no cover  (the loop returns or raises)

    def verified(self, phase_input: PhaseInput, result: LlmResult) -> Verified:
        """The document to save: a draft the fact guard refuses goes back to the model once
        with what it stated beyond the resume; a second refusal fails the run, naming those
        items (an unverified document is never saved). The offline writer is honest by
        construction, so a refusal of its document fails the run at once."""
        today = timezone.localdate()
        try:
            return document_verify(phase_input=phase_input, result=result, today=today)
        except DraftRefused as refusal:
            if getattr(self.provider, "name", "") == "offline":
                raise PhaseRunError(refusal.message) from None
            logger.info(
                "Phase run %s: the draft was refused, asking once more: %s", self.run.id, refusal.message
            )
            retry = dataclasses.replace(phase_input, review_notes=refusal.notes)
            result = self.generate(retry)
            try:
                return document_verify(phase_input=phase_input, result=result, today=today)
            except DraftRefused as again:
                raise PhaseRunError(again.message) from None

    def complete(self, result: LlmResult, verified: Verified) -> None:
        """Document version + application flag/status + run `completed`, in one transaction.

        Locks are taken in the order every writer uses: the application row, then the run
        (deleting an application locks it, then cascades to its runs), so a delete racing
        the end of a phase waits instead of deadlocking.
        """
        from processing.llm.pricing import cost_estimate

        run = self.run
        spec = phase_get(run.phase)
        now = timezone.now()
        with transaction.atomic():
            applications = Application.objects.filter(pk=run.application_id)
            if not applications.select_for_update().exists():
                raise RunAborted()  # deleted meanwhile; its runs went with it
            # The guarded write locks the run row next, so a concurrent cancel either
            # happened before (and nothing is written) or waits and finds it completed.
            if not self._write(
                status=Status.COMPLETED,
                progress=1.0,
                completed_at=now,
                heartbeat_at=now,
                provider=getattr(self.provider, "name", "") or run.provider,
                model=result.model or run.model,
                input_tokens=self.input_tokens,
                output_tokens=self.output_tokens,
                cost_estimate=cost_estimate(
                    model=result.model or run.model,
                    input_tokens=self.input_tokens,
                    output_tokens=self.output_tokens,
                ),
                error_code="",
                error_message="",
            ):
                raise RunAborted()
            document_version_write(
                application=run.application,
                document_type=spec.document_type,
                content=verified.text,
                provenance=verified.provenance,
                source=DocumentVersion.Source.AI,
                source_run_id=run.id,
                # What the document was written in: only a letter's or an email's.
                tone=run.tone if spec.takes_tone else "",
                length=run.length if spec.takes_tone else "",
            )
            if spec.application_flag is None:
                applications.update(updated_at=now)
            else:
                applications.update(**{spec.application_flag: True, "updated_at": now})
                order = APPLICATION_STATUS_ORDER
                target = spec.application_status
                # Regenerating an earlier phase never moves the status backwards.
                applications.filter(status__in=order[: order.index(target)]).update(status=target)
            # "Generate all": the next phase is queued as this one completes, so the
            # application always has a run to follow until the chain ends.
            phase_chain_next(run=run)


def _provider():
    from processing import llm

    return llm.provider_get()


def phase_run_execute(run_id) -> str:
    """RQ entry point: run one phase for the run with this id. Returns what happened.

    Never raises: every failure ends the row in a terminal state with a plain message.
    """
    run = PhaseRun.objects.select_related("application", "application__user").filter(id=run_id).first()
    if run is None:
        logger.info("Phase run %s no longer exists (application deleted?)", run_id)
        return "missing"
    try:
        provider = _provider()
        provider_name, model = getattr(provider, "name", ""), getattr(provider, "model", "")
    except Exception:
        logger.exception("Phase run %s: provider could not be created", run.id)
        run_fail(
            run=run,
            expected=Status.QUEUED,
            code=ERROR_PROCESSING,
            message="The AI provider is not configured correctly. Please contact the operator.",
        )
        return "failed"
    now = timezone.now()
    if not run_transition(
        run_id=run.id,
        expected=Status.QUEUED,
        expected_attempts=run.attempts,
        status=Status.PROCESSING,
        started_at=now,
        heartbeat_at=now,
        progress=PROGRESS_START,
        provider=provider_name,
        model=model,
    ):
        # A duplicate or late job: the run is already someone else's, or over.
        logger.info("Phase run %s is not queued any more; nothing to do", run.id)
        return "skipped"
    run.status, run.provider, run.model = Status.PROCESSING, provider_name, model
    execution = _Execution(run, provider)
    code, message = ERROR_PROCESSING, GENERIC_FAILURE
    try:
        phase_input = phase_run_input(run=run)
        result = execution.generate(phase_input)
        verified = execution.verified(phase_input, result)
        execution.complete(result, verified)
        return "completed"
    except RunAborted:
        logger.info("Phase run %s was cancelled or taken over; stopped", run.id)
        return "aborted"
    except PhaseRunError as exc:
        message = exc.message
    except LlmError as exc:
        code = exc.code or ERROR_EXTERNAL
        message = exc.message or "The AI provider failed. Please try again."
        if exc.transient and execution.attempts > 1:
            message = f"{message} (Tried {execution.attempts} times.)"
        logger.warning("Phase run %s failed at the provider: %s", run.id, message)
    except DeadlineExceeded:
        code, message = ERROR_EXTERNAL, _deadline_message()
        logger.warning("Phase run %s hit its time limit", run.id)
    except Exception as exc:
        if _is_rq_timeout(exc):
            code, message = ERROR_EXTERNAL, _deadline_message()
        logger.exception("Phase run %s failed", run.id)
    _run_end_failed(run=run, attempts=execution.attempts, code=code, message=message)
    return "failed"


def _is_rq_timeout(exc: Exception) -> bool:
    from rq.timeouts import JobTimeoutException

    return isinstance(exc, JobTimeoutException)


def _run_end_failed(*, run: PhaseRun, attempts: int, code: str, message: str) -> None:
    if not run_transition(
        run_id=run.id,
        expected=Status.PROCESSING,
        expected_attempts=attempts,
        status=Status.FAILED,
        error_code=code,
        error_message=message,
        completed_at=timezone.now(),
    ):
        logger.info("Phase run %s ended elsewhere (cancelled or reconciled)", run.id)
