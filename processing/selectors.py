"""Reads of the AI phases, free of side effects: availability, the status body, the ETA.

Nothing here writes. A run that is dead by the clock alone (see
`processing.reconcile.run_overdue`) is *presented* as failed with the reconciler's
message, so a status that is polled never reads "processing" forever; the worker or
the next start or cancel records it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from applications.models import Application
from applications.services import application_get_for_user, application_resume
from documents.models import Document
from jobforge.accounts.models import User
from processing.models import PhaseRun
from processing.phases import PHASES, phase_get
from processing.queue import queue_is_async
from processing.reconcile import run_overdue
from processing.rules import phase_block, phase_done
from processing.runs import ERROR_PROCESSING

Status = PhaseRun.Status


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


def run_presented(run: PhaseRun | None, *, now: datetime) -> PhaseRun | None:
    """The run as it should read: one that is dead by the clock reads as failed (in memory only)."""
    if run is None:
        return None
    message = run_overdue(run, now=now, queue_async=queue_is_async())
    if message is not None:
        run.status, run.error_code, run.error_message, run.completed_at = (
            Status.FAILED,
            ERROR_PROCESSING,
            message,
            now,
        )
    return run


def phase_runs_latest(*, application: Application) -> dict[str, PhaseRun | None]:
    """The latest run of each phase, in pipeline order, in one query (presented as above)."""
    now = timezone.now()
    latest: dict[str, PhaseRun | None] = {spec.key: None for spec in PHASES}
    rows = (
        PhaseRun.objects.filter(application=application)
        .annotate(
            newest=Window(
                RowNumber(), partition_by=[F("phase")], order_by=[F("created_at").desc(), F("id").desc()]
            )
        )
        .filter(newest=1)
    )
    for run in rows:
        if run.phase in latest:
            latest[run.phase] = run_presented(run, now=now)
    return latest


def lazy_document_types(*, application: Application) -> Callable[[], set[str]]:
    """The types of the application's documents, read by one query on the first call only."""
    known: list[set[str]] = []

    def document_types() -> set[str]:
        if not known:
            known.append(
                set(
                    Document.objects.filter(application=application)
                    .order_by()
                    .values_list("document_type", flat=True)
                )
            )
        return known[0]

    return document_types


def phase_availability(
    *, application: Application, latest: dict[str, PhaseRun | None] | None = None
) -> dict[str, PhaseAvailability]:
    """For each phase: can it start now (the same rules as `phase_start`), and its latest run.

    The caller has already scoped `application` to the user and may pass the runs it
    read with `phase_runs_latest`. One query for the runs (unless passed), one for the
    types of its documents (a document made on demand is done once it exists), plus one
    for the resume when a phase that needs it is otherwise allowed.
    """
    if latest is None:
        latest = phase_runs_latest(application=application)
    # The active run, if any, is the latest run of its phase (a newer one cannot start meanwhile).
    active = next((run for run in latest.values() if run is not None and run.is_active), None)
    resume_known: list[bool] = []

    def has_resume() -> bool:
        if not resume_known:
            resume_known.append(application_resume(application=application) is not None)
        return resume_known[0]

    types = lazy_document_types(application=application)
    result = {}
    for spec in PHASES:
        rules = {
            "application": application,
            "phase": spec.key,
            "active_run": active,
            "has_resume": has_resume,
            "document_types": types,
        }
        block = phase_block(regenerate=False, **rules)
        completed = phase_done(application=application, phase=spec.key, document_types=types)
        regenerate_block = phase_block(regenerate=True, **rules) if completed else block
        result[spec.key] = PhaseAvailability(
            phase=spec.key,
            can_start=block is None,
            reason=None if block is None else block.message,
            completed=completed,
            can_regenerate=completed and regenerate_block is None,
            active_run=active if active is not None and active.phase == spec.key else None,
            latest_run=latest[spec.key],
        )
    return result


def run_estimated_completion(run: PhaseRun, *, now: datetime | None = None) -> datetime | None:
    """When an active run should be done (for the 202 answer, the status and the UI)."""
    if not run.is_active:
        return None
    now = now or timezone.now()
    limit = timedelta(seconds=settings.JOBFORGE_PHASE_TIMEOUT)
    if run.status == Status.PROCESSING and run.started_at and run.progress >= 0.05:
        elapsed = now - run.started_at
        estimate = run.started_at + elapsed / run.progress
    else:
        typical = phase_get(run.phase).typical_seconds.get(run.provider or settings.JOBFORGE_LLM_PROVIDER, 60)
        estimate = (run.started_at or now) + timedelta(seconds=typical)
    ceiling = (run.started_at or now) + limit
    return max(now, min(estimate, ceiling))


def phase_status(*, user: User, application_id) -> dict:
    """The SPEC §5 status body for the application's latest run (`idle` when none ever ran).

    Two queries (the application, its latest run) and no write.
    """
    application = application_get_for_user(user=user, application_id=application_id)
    now = timezone.now()
    run = run_presented(
        PhaseRun.objects.filter(application=application).order_by("-created_at", "-id").first(), now=now
    )
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
        "estimated_completion": run_estimated_completion(run, now=now),
        "started_at": run.started_at,
        "completed_at": run.completed_at,
        "error_message": run.error_message or None,
    }
