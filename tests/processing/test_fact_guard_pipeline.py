"""The fact guard on every model's draft (SPEC §9.2), through the API, the real SDK clients and
the local fake servers: a draft that invents goes back once with what it invented; a second
one fails the run with the invented items named; nothing unverified is ever saved."""

import json

import pytest

from documents.models import DocumentVersion
from processing.models import PhaseRun
from tests.processing.fake_llm import malformed, ok
from tests.processing.pipeline_helpers import application_at, sync_queue_fixture  # noqa: F401  (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sync_queue")]

HONEST = {
    "summary": {
        "text": "Backend engineer with seven years of experience building Python services.",
        "source_ids": ["summary"],
    },
    "roles": [
        {
            "id": "w1",
            "bullets": [
                {
                    "text": "Cut API latency by 40% with Redis caching and query tuning.",
                    "source_ids": ["w1h2"],
                },
                {
                    "text": "Designed a Django and PostgreSQL order platform for 2 million orders a month.",
                    "source_ids": ["w1h1"],
                },
            ],
        }
    ],
    "skills": ["Python", "PostgreSQL", "Redis", "Docker"],
}
INVENTING = {
    "roles": [
        {
            "id": "w1",
            "bullets": [
                {"text": "Led a Kubernetes migration at Initech for 300 engineers.", "source_ids": ["w1h3"]},
            ],
        }
    ],
    "skills": ["Python"],
}
HONEST_LETTER = (
    "Dear Acme Robotics hiring team,\n\nI am applying for the Senior Backend Engineer role. At Northwind "
    "Logistics I cut API latency by 40% with Redis caching.\n\nSincerely,\n\nJordan Rivera"
)
INVENTING_LETTER = (
    "Dear Acme Robotics hiring team,\n\nI have run Kubernetes clusters in production for eight years and I "
    "hold an MBA.\n\nSincerely,\n\nJordan Rivera"
)


@pytest.fixture
def start(alice_client, django_capture_on_commit_callbacks):
    """Start a phase through the API; without Redis the job runs when the request commits."""

    def send(application, phase_path):
        with django_capture_on_commit_callbacks(execute=True):
            response = alice_client.post(
                f"/api/v1/processing/applications/{application.pk}/{phase_path}", {}, format="json"
            )
        assert response.status_code == 202, response.content
        return PhaseRun.objects.get(pk=response.json()["run_id"])

    return send


def _saved(application, document_type):
    return list(
        DocumentVersion.objects.filter(
            document__application=application, document__document_type=document_type
        ).values_list("content", flat=True)
    )


class TestTailoredResume:
    def test_an_honest_draft_is_rendered_with_every_role_and_saved(
        self, anthropic_settings, fake_llm, alice, start
    ):
        fake_llm.script(ok(json.dumps(HONEST)))
        application = application_at(alice, research=True)
        run = start(application, "resume")
        assert run.status == "completed", run.error_message
        [content] = _saved(application, "optimized_resume")
        assert content.startswith("# Jordan Rivera\n")
        assert "### Senior Software Engineer — Northwind Logistics" in content
        # The role the draft did not mention is still there, as the resume has it.
        assert "### Software Engineer — Bluebird Analytics" in content
        assert "- Cut API latency by 40% with Redis caching and query tuning." in content
        # The model was given the resume's structure with its ids, as data.
        body = fake_llm.requests[0].raw.decode()
        assert "<resume_structure>" in body and "w1h2" in body

    def test_a_draft_that_invents_goes_back_once_and_the_honest_one_is_saved(
        self, anthropic_settings, fake_llm, alice, start
    ):
        fake_llm.script(ok(json.dumps(INVENTING)), ok(json.dumps(HONEST)))
        application = application_at(alice, research=True)
        run = start(application, "resume")
        assert run.status == "completed", run.error_message
        assert len(fake_llm.requests) == 2
        retry = fake_llm.requests[1].raw.decode()
        assert "<review_notes>" in retry
        assert "Initech" in retry and "300" in retry
        [content] = _saved(application, "optimized_resume")
        assert "Initech" not in content and "300" not in content

    def test_a_model_that_keeps_inventing_fails_the_run_naming_what_it_invented(
        self, openai_settings, fake_llm, alice, start
    ):
        fake_llm.script(ok(json.dumps(INVENTING)), ok(json.dumps(INVENTING)))
        application = application_at(alice, research=True)
        run = start(application, "resume")
        assert run.status == "failed"
        assert run.error_code == "PROCESSING_ERROR"
        assert run.error_message.startswith("The draft stated things your resume does not:")
        assert "“Initech”" in run.error_message and "“300”" in run.error_message
        assert _saved(application, "optimized_resume") == []
        application.refresh_from_db()
        assert application.resume_optimized is False

    def test_a_reply_that_is_not_the_json_asked_for_is_refused(
        self, anthropic_settings, fake_llm, alice, start
    ):
        fake_llm.script(ok("# Jordan Rivera\n\nA resume in Markdown."), ok('{"roles": [{"id": "w9"}]}'))
        application = application_at(alice, research=True)
        run = start(application, "resume")
        assert run.status == "failed"
        assert "could not be read" in run.error_message
        assert _saved(application, "optimized_resume") == []

    def test_a_malformed_reply_fails_without_saving(self, anthropic_settings, fake_llm, alice, start):
        fake_llm.script(malformed("json"))
        application = application_at(alice, research=True)
        run = start(application, "resume")
        assert run.status == "failed"
        assert _saved(application, "optimized_resume") == []


class TestCoverLetter:
    def test_a_letter_that_invents_goes_back_once(self, openai_settings, fake_llm, alice, start):
        fake_llm.script(ok(INVENTING_LETTER), ok(HONEST_LETTER))
        application = application_at(alice, resume=True)
        run = start(application, "cover-letter")
        assert run.status == "completed", run.error_message
        retry = fake_llm.requests[1].raw.decode()
        assert "“MBA” is not in the resume." in retry and "“Kubernetes” is not in the resume." in retry
        assert _saved(application, "cover_letter") == [HONEST_LETTER + "\n"]

    def test_a_letter_that_keeps_inventing_is_never_saved(self, anthropic_settings, fake_llm, alice, start):
        fake_llm.script(ok(INVENTING_LETTER), ok(INVENTING_LETTER))
        application = application_at(alice, resume=True)
        run = start(application, "cover-letter")
        assert (run.status, run.error_code) == ("failed", "PROCESSING_ERROR")
        assert "“MBA”" in run.error_message
        assert _saved(application, "cover_letter") == []


def test_the_saved_tailored_resume_carries_where_each_line_comes_from(
    anthropic_settings, fake_llm, alice, alice_client, start
):
    fake_llm.script(ok(json.dumps(HONEST)))
    application = application_at(alice, research=True)
    assert start(application, "resume").status == "completed"
    response = alice_client.get(
        f"/api/v1/applications/{application.pk}/documents/optimized_resume/provenance"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["document_version"] == 1
    assert body["guard"] == {"passed": True, "violations": []}
    latency = next(line for line in body["lines"] if line["text"].startswith("Cut API latency"))
    assert latency["source_ids"] == ["w1h2"]
    assert latency["change"] in ("kept", "reordered")
    assert {
        "source_id": "w2h1",
        "source_text": "Built ETL pipelines in Python and Airflow feeding a Snowflake warehouse.",
    } in body["dropped"]
