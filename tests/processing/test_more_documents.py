"""The follow-up email, the thank-you note and the interview prep sheet (SPEC §13), through the
API with the offline provider: rules, runs, versions, exports, tenancy and the fact guard."""

from datetime import timedelta

import pytest
from django.utils import timezone

from documents.models import Document, DocumentVersion
from processing.guard import document_check, facts_from_structure
from processing.models import PhaseRun
from tests.factories import ApplicationFactory
from tests.processing.pipeline_helpers import (  # noqa: F401  (fixtures)
    application_at,
    fast_passwords_fixture,
    offline_fixture,
    post_fixture,
    sync_queue_fixture,
)
from tracking.models import Interview

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords", "sync_queue", "offline")]

BASE = "/api/v1/processing/applications"
NEW = [
    ("follow-up-email", "follow_up_email"),
    ("thank-you-note", "thank_you_note"),
    ("interview-prep", "interview_prep"),
]


def _content(application, document_type) -> str:
    return Document.objects.get(application=application, document_type=document_type).content


def _guard(application, text: str) -> list:
    resume = application.user.resumes.get(is_primary=True)
    today = timezone.localdate()
    return document_check(
        document=text,
        facts=facts_from_structure(resume.structure, today=today, source_text=resume.content),
        today=today,
        posting=application.job_description,
        company=application.company_name,
        role_title=application.role_title,
    )


@pytest.mark.parametrize(("path", "document_type"), NEW)
class TestEachNewPhase:
    def test_it_needs_the_research_first(self, alice, alice_client, post, path, document_type):
        application = application_at(alice)
        response = post(alice_client, f"{BASE}/{application.pk}/{path}")
        assert response.status_code == 412
        error = response.json()["error"]
        assert (error["code"], error["message"]) == ("PRECONDITION_FAILED", "Run the research first.")
        assert not PhaseRun.objects.filter(application=application).exists()

    def test_after_the_research_it_writes_a_guard_clean_document(
        self, alice, alice_client, post, path, document_type
    ):
        application = application_at(alice, research=True)
        response = post(alice_client, f"{BASE}/{application.pk}/{path}")
        assert response.status_code == 202, response.content
        body = response.json()
        assert body["phase"] == document_type
        run = PhaseRun.objects.get(pk=body["run_id"])
        assert (run.status, run.provider) == ("completed", "offline")
        text = _content(application, document_type)
        assert "Acme Robotics" in text
        assert _guard(application, text) == []
        status = alice_client.get(f"{BASE}/{application.pk}/status").json()
        assert (status["current_phase"], status["status"], status["progress"]) == (
            document_type,
            "completed",
            1.0,
        )
        # The pipeline's flags and status are not the on-demand documents' to move.
        application.refresh_from_db()
        assert (application.status, application.resume_optimized) == ("research_complete", False)

    def test_it_is_done_once_then_regenerates_into_a_new_version(
        self, alice, alice_client, post, path, document_type
    ):
        application = application_at(alice, research=True)
        assert post(alice_client, f"{BASE}/{application.pk}/{path}").status_code == 202
        again = post(alice_client, f"{BASE}/{application.pk}/{path}")
        assert again.status_code == 409
        assert again.json()["error"]["code"] == "INVALID_STATE"
        assert "Send regenerate" in again.json()["error"]["message"]
        assert post(alice_client, f"{BASE}/{application.pk}/{path}", {"regenerate": True}).status_code == 202
        versions = alice_client.get(
            f"/api/v1/applications/{application.pk}/documents/{document_type}/versions"
        )
        assert [v["version"] for v in versions.json()["versions"]] == [2, 1]
        assert {v["source"] for v in versions.json()["versions"]} == {"ai"}

    def test_every_export_format_downloads(self, alice, alice_client, post, path, document_type):
        application = application_at(alice, research=True)
        post(alice_client, f"{BASE}/{application.pk}/{path}")
        for fmt, magic in (("pdf", b"%PDF"), ("docx", b"PK"), ("md", b""), ("txt", b"")):
            response = alice_client.get(
                f"/api/v1/applications/{application.pk}/documents/{document_type}/export?format={fmt}"
            )
            assert response.status_code == 200, (fmt, response.content[:200])
            data = b"".join(response.streaming_content) if response.streaming else response.content
            assert data.startswith(magic) and len(data) > 50, fmt

    def test_a_stranger_gets_a_404_and_nothing_starts(self, alice, charlie_client, post, path, document_type):
        application = application_at(alice, research=True)
        response = post(charlie_client, f"{BASE}/{application.pk}/{path}")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "NOT_FOUND"
        assert not PhaseRun.objects.filter(application=application).exists()

    def test_it_cancels_like_any_phase(self, alice, alice_client, path, document_type):
        application = application_at(alice, research=True)
        # The job is not run (no commit callbacks): the run stays queued until cancelled.
        response = alice_client.post(f"{BASE}/{application.pk}/{path}", {}, format="json")
        assert response.json()["status"] == "queued"
        cancelled = alice_client.post(f"{BASE}/{application.pk}/cancel")
        assert cancelled.status_code == 202
        assert cancelled.json()["phase"] == document_type
        assert PhaseRun.objects.get(pk=response.json()["run_id"]).status == "cancelled"


def test_they_start_in_any_order_once_the_research_is_done(alice, alice_client, post):
    application = application_at(alice, research=True)
    for path, _ in reversed(NEW):
        assert post(alice_client, f"{BASE}/{application.pk}/{path}").status_code == 202, path
    assert set(Document.objects.filter(application=application).values_list("document_type", flat=True)) == {
        "research_report",
        *(document_type for _, document_type in NEW),
    }


def test_without_a_resume_they_are_refused_before_any_run(alice, alice_client, post):
    application = application_at(alice, research=True, with_resume=False)
    for path, _ in NEW:
        response = post(alice_client, f"{BASE}/{application.pk}/{path}")
        assert response.status_code == 412
        assert response.json()["error"]["message"] == "Add a resume to your library first."
    assert not PhaseRun.objects.exists()


class TestThankYouNote:
    def test_it_names_the_latest_interview_that_took_place(self, alice, alice_client, post):
        application = application_at(alice, research=True)
        held = timezone.now() - timedelta(days=2)
        Interview.objects.create(application=application, kind="technical", scheduled_at=held)
        Interview.objects.create(
            application=application, kind="final", scheduled_at=timezone.now() + timedelta(days=5)
        )
        post(alice_client, f"{BASE}/{application.pk}/thank-you-note")
        text = _content(application, "thank_you_note")
        weekday = timezone.localtime(held).strftime("%A")
        assert f"the technical interview on {weekday}" in text
        assert "final interview" not in text
        assert _guard(application, text) == []

    def test_without_one_that_took_place_it_names_the_next(self, alice, alice_client, post):
        application = application_at(alice, research=True)
        Interview.objects.create(
            application=application, kind="phone_screen", scheduled_at=timezone.now() + timedelta(days=1)
        )
        Interview.objects.create(
            application=application,
            kind="onsite",
            outcome="cancelled",
            scheduled_at=timezone.now() - timedelta(days=1),
        )
        post(alice_client, f"{BASE}/{application.pk}/thank-you-note")
        assert "the phone screen on" in _content(application, "thank_you_note")
        assert "on-site" not in _content(application, "thank_you_note")

    def test_without_an_interview_it_thanks_for_the_conversation(self, alice, alice_client, post):
        application = application_at(alice, research=True)
        post(alice_client, f"{BASE}/{application.pk}/thank-you-note")
        text = _content(application, "thank_you_note")
        assert text.startswith("**Subject:** Thank you: Senior Backend Engineer\n")
        assert (
            "Thank you for taking the time to speak with me about the Senior Backend Engineer position."
            in text
        )


class TestInterviewPrep:
    def test_answers_come_from_the_resume_with_their_source_line_named(self, alice, alice_client, post):
        application = application_at(alice, research=True)
        post(alice_client, f"{BASE}/{application.pk}/interview-prep")
        text = _content(application, "interview_prep")
        assert text.startswith("# Interview prep: Senior Backend Engineer, Acme Robotics\n")
        for heading in ("## Likely questions", "## Questions to ask", "## Gaps and how to speak to them"):
            assert heading in text
        assert "### “How have you used Redis in your work?”" in text
        assert "- **Task and action:** Cut API latency by 40% with Redis caching and query tuning." in text
        assert "- **Result:** Lead with the figure your resume gives (40%)" in text
        assert (
            "- *Source:* Senior Software Engineer, Northwind Logistics: "
            "“Cut API latency by 40% with Redis caching and query tuning.”"
        ) in text
        # Kubernetes is asked for and not in the resume: a gap, never an answer.
        assert "- **Kubernetes:** the posting asks for it; your resume does not show it." in text
        assert "used Kubernetes" not in text
        assert _guard(application, text) == []

    def test_it_asks_the_research_reports_questions_without_numbers(self, alice, alice_client, post):
        application = application_at(alice, research=True)
        Document.objects.filter(application=application, document_type="research_report").update(
            content="# Research\n\n## Questions to ask\n\n- How is the robot fleet monitored?\n"
            "- Is the team of 12 growing?\n"
        )
        post(alice_client, f"{BASE}/{application.pk}/interview-prep")
        text = _content(application, "interview_prep")
        assert "- How is the robot fleet monitored?" in text
        assert "12" not in text

    def test_an_upcoming_interview_is_named_at_the_top(self, alice, alice_client, post):
        application = application_at(alice, research=True)
        when = timezone.now() + timedelta(days=3)
        Interview.objects.create(application=application, kind="onsite", scheduled_at=when)
        post(alice_client, f"{BASE}/{application.pk}/interview-prep")
        weekday = timezone.localtime(when).strftime("%A")
        assert f"Coming up: the on-site interview on {weekday}." in _content(application, "interview_prep")


def test_the_panel_offers_the_new_documents_once_the_research_is_done(alice, web):
    fresh = application_at(alice)
    html = web.get(f"/applications/{fresh.pk}/phases/", HTTP_HX_REQUEST="true").content.decode()
    assert html.count("Run the research first.") == 4  # the resume's reason is its own
    researched = application_at(alice, research=True)
    html = web.get(f"/applications/{researched.pk}/phases/", HTTP_HX_REQUEST="true").content.decode()
    for label in ("Write the follow-up email", "Write the thank-you note", "Prepare me"):
        assert label in html
    assert f'action="/applications/{researched.pk}/phases/follow_up_email/start/"' in html


def test_the_application_page_lists_the_new_documents(alice, web, post, alice_client):
    application = application_at(alice, research=True)
    post(alice_client, f"{BASE}/{application.pk}/follow-up-email")
    html = web.get(f"/applications/{application.pk}/").content.decode()
    assert f"/applications/{application.pk}/documents/follow_up_email/" in html
    assert "Follow-up email" in html and "Interview prep" in html


def test_a_page_start_of_a_new_phase_writes_it(alice, web, django_capture_on_commit_callbacks):
    application = application_at(alice, research=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = web.post(
            f"/applications/{application.pk}/phases/thank_you_note/start/",
            {"tone": "warm", "length": "short"},
        )
    assert response.status_code == 302
    version = DocumentVersion.objects.get(
        document__application=application, document__document_type="thank_you_note"
    )
    assert (version.tone, version.length) == ("warm", "short")
    assert "Warm regards," in version.content


def test_another_users_application_is_not_touched_by_the_page_start(alice, charlie_web):
    application = ApplicationFactory(user=alice)
    response = charlie_web.post(f"/applications/{application.pk}/phases/follow_up_email/start/")
    assert response.status_code == 404
    assert not PhaseRun.objects.exists()


@pytest.mark.parametrize(
    ("document_type", "kind"), [("follow_up_email", "Follow-up email"), ("interview_prep", "Interview prep")]
)
def test_the_pdf_is_headed_by_the_documents_kind(alice, document_type, kind):
    from documents.export.context import export_context
    from documents.export.pdf import document_html

    application = application_at(alice, research=True)
    context = export_context(application=application, document_type=document_type)
    html = document_html(markdown="# Notes\n\nA short text.", context=context)
    assert f'<p class="report-kicker">{kind}</p>' in html
    assert f"<title>{kind} – Senior Backend Engineer at Acme Robotics</title>" in html
