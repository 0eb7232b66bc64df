"""One source of truth (SPEC §11): the research report a phase writes states the score and
the gaps of the same analysis that the match API answers, and tailoring the resume moves
the stored report onto the tailored resume."""

import pytest

from applications.models import Application
from documents.models import Document
from tests.processing.pipeline_helpers import sync_queue_fixture  # noqa: F401  (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sync_queue")]

BASE = "/api/v1/processing/applications"


@pytest.fixture(autouse=True)
def _offline(settings):
    settings.JOBFORGE_LLM_PROVIDER = "offline"


def test_the_research_report_and_the_match_api_say_the_same(alice_client, application, committed):
    with committed():
        assert alice_client.post(f"{BASE}/{application.pk}/research", {}, format="json").status_code == 202
    report = Document.objects.get(application=application, document_type="research_report").content
    match = alice_client.get(f"/api/v1/applications/{application.pk}/match").json()

    assert f"Match score: **{match['score_source']}/100**." in report
    gaps = report.split("### Gaps", 1)[1]
    for requirement in match["requirements"]:
        if requirement["kind"] == "must" and requirement["source"] == "missing":
            assert f"- **{requirement['text']}** (must-have) — not shown in your resume" in gaps

    with committed():
        assert alice_client.post(f"{BASE}/{application.pk}/resume", {}, format="json").status_code == 202
    tailored = alice_client.get(f"/api/v1/applications/{application.pk}/match").json()
    assert tailored["document_version"] == 1
    assert tailored["score"] == tailored["score_tailored"] is not None
    assert Application.objects.get(pk=application.pk).match_score == tailored["score"]
