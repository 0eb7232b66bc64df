"""Reads of match reports (never a write: a stale or missing report is analysed in memory)."""

from django.utils import timezone

from applications.models import Application
from jobforge.errors import PreconditionFailed
from matching.models import MatchReport
from matching.services import match_analyse, match_inputs, match_report_shape

NO_RESUME_MESSAGE = (
    "There is no resume to match this posting against: add one to your resume library "
    "(or choose one for this application)."
)
# How well a requirement is shown, from least to most.
STATUS_RANK = {"missing": 0, "partial": 1, "matched": 2}


def match_report_get(*, application: Application) -> dict:
    """The application's match report in the SPEC §11 shape.

    The stored report while its inputs are unchanged; otherwise (a change not yet
    refreshed, or an application older than match reports) the analysis of the current
    inputs, computed now and not stored. PreconditionFailed when there is no resume.
    The caller has scoped the application to the user. Three queries (resume, tailored
    version, stored report)."""
    inputs = match_inputs(application=application)
    if inputs.resume is None:
        raise PreconditionFailed(NO_RESUME_MESSAGE)
    version = inputs.tailored.number if inputs.tailored is not None else None
    stored = MatchReport.objects.filter(application=application).only(
        "report", "inputs_digest", "computed_at"
    )
    report = stored.first()
    if report is not None and report.inputs_digest == inputs.digest:
        analysis, computed_at = report.report, report.computed_at
    else:
        analysis, computed_at = match_analyse(inputs=inputs).as_dict(), timezone.now()
    return match_report_shape(
        analysis=analysis, resume_id=inputs.resume.pk, document_version=version, computed_at=computed_at
    )


def requirement_gap(requirement: dict) -> str | None:
    """What kind of gap a requirement is, which says what to do about it:

    - `unclaimable`: the resume does not show it: address it in the letter or the
      interview, never claim it;
    - `claimable`: the resume shows it but the tailored resume does not surface it (as
      well): regenerate the tailored resume or edit it;
    - `partial`: the resume shows part of it: say what is there, address the rest;
    - None: no gap.
    """
    source, tailored = requirement["source"], requirement.get("tailored")
    if source == "missing":
        return "unclaimable"
    if tailored is not None and STATUS_RANK[tailored] < STATUS_RANK[source]:
        return "claimable"
    if source == "partial":
        return "partial"
    return None
