"""A model's research report keeps the model's reading of the role, but its "How your resume
matches" part is the match analysis's own (SPEC §11: one source of truth)."""

import pytest

from documents.models import Document
from processing.models import PhaseRun
from tests.processing.fake_llm import ok
from tests.processing.pipeline_helpers import application_at, sync_queue_fixture  # noqa: F401  (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sync_queue")]

READING = "# Research: the role\n\n## What the role is about\n\nA backend team shipping robots."
WRONG_MATCH = "\n\n## How your resume matches\n\nMatch score: **99/100**. You match everything.\n"
AFTER = "\n## Questions to ask\n\n- How do you deploy?\n"


@pytest.fixture
def research(alice_client, django_capture_on_commit_callbacks):
    def run(application):
        with django_capture_on_commit_callbacks(execute=True):
            response = alice_client.post(
                f"/api/v1/processing/applications/{application.pk}/research", {}, format="json"
            )
        assert response.status_code == 202, response.content
        run = PhaseRun.objects.get(pk=response.json()["run_id"])
        assert run.status == "completed", run.error_message
        report = Document.objects.get(application=application, document_type="research_report")
        return report.content, alice_client.get(f"/api/v1/applications/{application.pk}/match").json()

    return run


@pytest.mark.parametrize("provider", ["anthropic_settings", "openai_settings"])
def test_a_models_own_match_part_is_replaced_by_the_analysis(request, provider, fake_llm, alice, research):
    request.getfixturevalue(provider)
    fake_llm.script(ok(READING + WRONG_MATCH + AFTER))
    content, match = research(application_at(alice))
    assert content.startswith(READING)
    assert "99/100" not in content and "You match everything" not in content
    assert f"Match score: **{match['score_source']}/100**" in content
    assert content.count("## How your resume matches") == 1
    assert content.rstrip().endswith("- How do you deploy?")  # the part after it is kept


def test_a_report_without_a_match_part_gets_one(anthropic_settings, fake_llm, alice, research):
    fake_llm.script(ok(READING))
    content, match = research(application_at(alice))
    assert content.startswith(READING)
    assert f"Match score: **{match['score_source']}/100**" in content
