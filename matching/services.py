"""Match reports: each application's analysis of its posting against its resume (SPEC §11).

The analysis is `matching.analysis` (deterministic, no AI call, a few milliseconds). Its
inputs are the posting text, the chosen resume (the application's own, else the user's
primary) with its structure, and the tailored resume's current version. A report is
stored with a digest of those inputs and recomputed only when the digest changes; its
score is copied onto `Application.match_score` so that lists can show and sort by it.
The lower apps announce their changes by signals (`matching.receivers`); this module
never runs inside their transactions but after they commit.
"""

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from applications.models import Application
from applications.services import application_resume
from documents.models import Document, DocumentVersion
from matching import analysis as analysis_package
from matching.analysis import MatchAnalysis, analyse_match
from matching.models import MatchReport
from resumes.models import Resume

logger = logging.getLogger(__name__)

# A resume change refreshes at most this many applications' reports in the request that
# made it; more go to the worker (`matching.jobs`).
RESUME_FAN_OUT_INLINE = 10
QUEUE_NAME = "default"
RESUME_JOB_PATH = "matching.jobs.resume_reports_refresh"


def _analysis_revision() -> str:
    """A fingerprint of the analysis' code and word lists, part of every digest: a new
    version of the engine makes every stored report stale, so reads analyse afresh and the
    next refresh (or `manage.py match_reports_refresh`) stores the new report."""
    engine = Path(analysis_package.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(p for p in engine.rglob("*") if p.suffix in (".py", ".json", ".txt")):
        digest.update(path.relative_to(engine).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


ANALYSIS_REVISION = _analysis_revision()


@dataclass(frozen=True)
class MatchInputs:
    """What an application's match report is computed from."""

    posting_text: str
    resume: Resume | None
    tailored: DocumentVersion | None  # the tailored resume's current version

    @property
    def digest(self) -> str:
        """A fingerprint of the inputs: the same inputs always give the same report."""
        parts = [ANALYSIS_REVISION, self.posting_text]
        if self.resume is not None:
            parts += [str(self.resume.pk), self.resume.content, self.resume.structure or None]
        if self.tailored is not None:
            parts += [str(self.tailored.pk), self.tailored.content]
        encoded = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(encoded.encode()).hexdigest()


def match_inputs(*, application: Application) -> MatchInputs:
    """The posting, the chosen resume and the tailored resume's current version (two queries)."""
    tailored = (
        DocumentVersion.objects.filter(
            document__application=application, document__document_type=Document.Type.OPTIMIZED_RESUME
        )
        .only("id", "number", "content")
        .order_by("-number")
        .first()
    )
    return MatchInputs(
        posting_text=application.job_description,
        resume=application_resume(application=application),
        tailored=tailored,
    )


def match_analyse(*, inputs: MatchInputs) -> MatchAnalysis:
    """The analysis of these inputs; they must hold a resume."""
    assert inputs.resume is not None
    return analyse_match(
        posting_text=inputs.posting_text,
        resume_structure=inputs.resume.structure or None,
        resume_text=inputs.resume.content,
        tailored_text=inputs.tailored.content if inputs.tailored is not None else None,
    )


def match_report_shape(*, analysis: dict, resume_id, document_version: int | None, computed_at) -> dict:
    """The SPEC §11 body: the analysis with the resume, the tailored version and the time."""
    return {
        **analysis,
        "resume_id": str(resume_id) if resume_id else None,
        "document_version": document_version,
        "computed_at": computed_at,
    }


@transaction.atomic
def match_report_refresh(*, application: Application) -> MatchReport | None:
    """Bring the application's match report up to date with its inputs.

    Recomputes only when the inputs' digest differs from the stored report's; writes the
    report and `Application.match_score` (not `updated_at`: a new score is not an edit).
    With no resume to match against, the report goes and the score is cleared (None is
    returned). The application row is locked, so concurrent refreshes take turns; the
    passed instance gets the new score too. None when the application no longer exists.
    """
    locked = Application.objects.select_for_update().filter(pk=application.pk).first()
    if locked is None:
        return None
    inputs = match_inputs(application=locked)
    report = MatchReport.objects.filter(application=locked).first()
    if inputs.resume is None:
        if report is not None:
            report.delete()
        _score_write(application, locked, None)
        return None
    digest = inputs.digest
    if report is not None and report.inputs_digest == digest:
        _score_write(application, locked, report.score)
        return report
    analysis = match_analyse(inputs=inputs)
    report, _ = MatchReport.objects.update_or_create(
        application=locked,
        defaults={
            "resume": inputs.resume,
            "document_version": inputs.tailored,
            "score": analysis.score,
            "score_source": analysis.score_source,
            "score_tailored": analysis.score_tailored,
            "report": analysis.as_dict(),
            "inputs_digest": digest,
            "computed_at": timezone.now(),
        },
    )
    _score_write(application, locked, report.score)
    return report


def _score_write(application: Application, locked: Application, score: int | None) -> None:
    if locked.match_score != score:
        Application.objects.filter(pk=locked.pk).update(match_score=score)
    application.match_score = score


def _resume_applications(*, user_id, resume_id):
    """The user's applications matched against this resume: tailored from it, or following
    the primary when it is (or was, if deleted) the primary."""
    affected = Q(resume_id=resume_id)
    is_primary = Resume.objects.filter(pk=resume_id).values_list("is_primary", flat=True).first()
    if is_primary is None or is_primary:
        affected |= Q(resume__isnull=True)
    return Application.objects.filter(affected, user_id=user_id)


def match_reports_refresh_for_resume(*, user_id, resume_id) -> int:
    """Refresh the reports a resume's change may alter (see `_resume_applications`).
    Returns how many applications were looked at (each recomputes only if its inputs changed)."""
    applications = list(_resume_applications(user_id=user_id, resume_id=resume_id).only("id", "match_score"))
    for application in applications:
        match_report_refresh(application=application)
    return len(applications)


def match_report_refresh_after_commit(*, application: Application) -> None:
    """Refresh the report once the current transaction commits (at once outside one).

    A failure is logged, never raised: the write that caused it has committed already,
    and the report catches up at the next change."""
    transaction.on_commit(lambda: match_report_refresh(application=application), robust=True)


def match_reports_refresh_for_resume_after_commit(*, user_id, resume_id) -> None:
    """After the commit, refresh the reports a resume's change may alter: in this request
    when there are few (`RESUME_FAN_OUT_INLINE`), else in the worker (each analysis costs
    tens of milliseconds, and a resume may serve hundreds of applications). Meanwhile a
    read of a stale report analyses it afresh; only the lists' scores wait."""

    def refresh() -> None:
        affected = _resume_applications(user_id=user_id, resume_id=resume_id)
        if affected.count() <= RESUME_FAN_OUT_INLINE or not _queue_is_async():
            match_reports_refresh_for_resume(user_id=user_id, resume_id=resume_id)
            return
        import django_rq

        django_rq.get_queue(QUEUE_NAME).enqueue(
            RESUME_JOB_PATH,
            user_id,
            resume_id,
            result_ttl=3600,
            failure_ttl=7 * 86400,
            description=f"match reports of resume {resume_id}",
        )

    transaction.on_commit(refresh, robust=True)


def _queue_is_async() -> bool:
    return bool(settings.RQ_QUEUES[QUEUE_NAME].get("ASYNC", True))
