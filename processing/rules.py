"""When a phase may start: the SPEC §5 rules, stated once for `phase_start` and the UI's buttons."""

from collections.abc import Callable

from applications.models import Application
from jobforge.errors import DomainError, InvalidState, PreconditionFailed, ValidationFailed
from processing.models import PhaseRun
from processing.phases import NEEDS_RESUME_MESSAGE, REGENERATE_HINT, phase_get, phase_keys


def phase_check(phase: str) -> str:
    """`phase` if it is one of ours, else a 400."""
    if phase not in phase_keys():
        allowed = ", ".join(phase_keys())
        raise ValidationFailed(
            f"Unknown phase {phase!r}. Allowed: {allowed}.",
            details={"phase": [f"Must be one of: {allowed}."]},
        )
    return phase


def phase_done(*, application: Application, phase: str, document_types: Callable[[], set[str]]) -> bool:
    """A pipeline phase is done when its application flag is set; a document made on demand
    once it exists (`document_types` is only called for those)."""
    spec = phase_get(phase)
    if spec.application_flag is not None:
        return bool(getattr(application, spec.application_flag))
    return spec.document_type in document_types()


def phase_block(
    *,
    application: Application,
    phase: str,
    regenerate: bool,
    active_run: PhaseRun | None,
    has_resume: Callable[[], bool],
    document_types: Callable[[], set[str]],
) -> DomainError | None:
    """The error that stops this start, or None (`has_resume` and `document_types` are only
    called when needed).

    One run at a time per application (409); the prerequisite phase completed and, for a
    phase that tailors the resume, a resume in the library (412); a completed phase runs
    again only with `regenerate` (409).
    """
    spec = phase_get(phase)
    if active_run is not None:
        running = phase_get(active_run.phase).label.lower()
        return InvalidState(f"The {running} phase is already {active_run.status}; wait for it or cancel it.")
    if spec.prerequisite and not phase_done(
        application=application, phase=spec.prerequisite, document_types=document_types
    ):
        return PreconditionFailed(spec.prerequisite_message)
    if spec.needs_resume and not has_resume():
        return PreconditionFailed(NEEDS_RESUME_MESSAGE)
    if not regenerate and phase_done(application=application, phase=phase, document_types=document_types):
        return InvalidState(f"{spec.already_done_message} {REGENERATE_HINT}")
    return None
