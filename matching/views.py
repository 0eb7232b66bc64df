"""The match page: how an application's posting matches its resume (SPEC §11).

Thin: `matching.selectors` reads the report; another user's application is a 404."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from applications.views import users_application
from jobforge.errors import PreconditionFailed
from matching import selectors

KIND_LABELS = {"must": "Must-have", "nice": "Nice-to-have"}
STATUS_LABELS = {"matched": "Shown", "partial": "Partly shown", "missing": "Not shown"}
EVIDENCE_LABELS = {"source_resume": "Your resume", "optimized_resume": "Tailored resume"}


def _requirement_view(requirement: dict) -> dict:
    """A requirement as the page shows it: its statuses in words, the gap and its evidence."""
    tailored = requirement.get("tailored")
    return {
        **requirement,
        "gap": selectors.requirement_gap(requirement),
        "source_label": STATUS_LABELS[requirement["source"]],
        "tailored_label": STATUS_LABELS[tailored] if tailored else None,
        "evidence": [
            {**line, "label": EVIDENCE_LABELS.get(line["document"], line["document"])}
            for line in requirement.get("evidence", [])
        ],
    }


@login_required
@require_GET
@users_application
def match_page(request, application):
    try:
        report = selectors.match_report_get(application=application)
    except PreconditionFailed as exc:
        return render(request, "matching/match.html", {"application": application, "no_resume": exc.message})
    groups = [
        {
            "kind": kind,
            "label": label,
            "requirements": [
                _requirement_view(requirement)
                for requirement in report["requirements"]
                if requirement["kind"] == kind
            ],
        }
        for kind, label in KIND_LABELS.items()
    ]
    return render(
        request,
        "matching/match.html",
        {
            "application": application,
            "report": report,
            "groups": [group for group in groups if group["requirements"]],
            # Most weighed first (a must-have's keyword weighs more); ties keep the report's order.
            "keywords": sorted(report["keywords"], key=lambda keyword: -keyword["weight"]),
            "tailored": report["document_version"] is not None,
        },
    )
