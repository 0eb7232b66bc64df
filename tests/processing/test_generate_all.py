""" "Generate all" (SPEC §13): research → tailored resume → cover letter in order in the worker,
one run row per phase, skipping what is done (or all again with regenerate), stopping at the
first failure with its reason."""

import pytest

from documents.models import Document, DocumentVersion
from processing.jobs import phase_run_execute
from processing.models import PhaseRun
from tests.pages import messages_of
from tests.processing.pipeline_helpers import (  # noqa: F401  (fixtures)
    application_at,
    fast_passwords_fixture,
    offline_fixture,
    permanent,
    post_fixture,
    scripted_fixture,
    sync_queue_fixture,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords", "sync_queue", "offline")]

BASE = "/api/v1/processing/applications"


def _runs(application) -> list[tuple[str, str, bool]]:
    return list(
        PhaseRun.objects.filter(application=application)
        .order_by("created_at", "id")
        .values_list("phase", "status", "generate_all")
    )


class TestApi:
    def test_it_runs_the_three_phases_in_order_one_run_each(self, alice, alice_client, post):
        application = application_at(alice)
        response = post(alice_client, f"{BASE}/{application.pk}/all")
        assert response.status_code == 202, response.content
        body = response.json()
        assert body["phases"] == ["research", "resume", "cover_letter"]
        assert body["phase"] == "research"
        assert body["message"] == "Generate all started: research report, tailored resume, cover letter."
        assert _runs(application) == [
            ("research", "completed", True),
            ("resume", "completed", True),
            ("cover_letter", "completed", True),
        ]
        application.refresh_from_db()
        assert application.status == "cover_letter_complete"
        assert application.cover_letter_generated is True
        assert Document.objects.filter(application=application).count() == 3
        status = alice_client.get(f"{BASE}/{application.pk}/status").json()
        assert (status["current_phase"], status["status"]) == ("cover_letter", "completed")

    def test_phases_already_done_are_skipped(self, alice, alice_client, post):
        application = application_at(alice, research=True)
        response = post(alice_client, f"{BASE}/{application.pk}/all")
        assert response.json()["phases"] == ["resume", "cover_letter"]
        assert _runs(application) == [("resume", "completed", True), ("cover_letter", "completed", True)]
        # The research report written before is untouched.
        assert Document.objects.get(application=application, document_type="research_report").version == 1

    def test_when_all_are_done_it_is_a_409_unless_regenerate_runs_them_again(self, alice, alice_client, post):
        application = application_at(alice)
        post(alice_client, f"{BASE}/{application.pk}/all")
        again = post(alice_client, f"{BASE}/{application.pk}/all")
        assert again.status_code == 409
        assert again.json()["error"]["code"] == "INVALID_STATE"
        assert len(_runs(application)) == 3
        regenerated = post(alice_client, f"{BASE}/{application.pk}/all", {"regenerate": True})
        assert regenerated.status_code == 202
        assert regenerated.json()["phases"] == ["research", "resume", "cover_letter"]
        assert [status for _, status, _ in _runs(application)] == ["completed"] * 6
        versions = DocumentVersion.objects.filter(document__application=application)
        assert sorted(versions.values_list("number", flat=True)) == [1, 1, 1, 2, 2, 2]

    def test_it_stops_at_the_first_failure_with_the_reason(self, alice, alice_client, post, scripted):
        scripted(
            "# Research\n\nThe role needs Python.",
            permanent("The AI provider rejected the request: the key is not valid."),
        )
        application = application_at(alice)
        assert post(alice_client, f"{BASE}/{application.pk}/all").status_code == 202
        assert _runs(application) == [("research", "completed", True), ("resume", "failed", True)]
        status = alice_client.get(f"{BASE}/{application.pk}/status").json()
        assert (status["current_phase"], status["status"]) == ("resume", "failed")
        assert status["error_message"] == "The AI provider rejected the request: the key is not valid."
        application.refresh_from_db()
        assert (application.research_completed, application.resume_optimized) == (True, False)
        assert not Document.objects.filter(application=application, document_type="cover_letter").exists()

    def test_the_tone_and_length_reach_the_cover_letter(self, alice, alice_client, post):
        application = application_at(alice, research=True)
        post(alice_client, f"{BASE}/{application.pk}/all", {"tone": "warm", "length": "short"})
        letter = PhaseRun.objects.get(application=application, phase="cover_letter")
        assert (letter.tone, letter.length) == ("warm", "short")
        # Only the letter's version records them: the resume has no tone.
        resume = DocumentVersion.objects.get(
            document__application=application, document__document_type="optimized_resume"
        )
        assert (resume.tone, resume.length) == ("", "")
        assert (
            "Warm regards,"
            in Document.objects.get(application=application, document_type="cover_letter").content
        )

    def test_an_unknown_tone_is_a_400_and_starts_nothing(self, alice, alice_client, post):
        application = application_at(alice)
        response = post(alice_client, f"{BASE}/{application.pk}/all", {"tone": "loud"})
        assert response.status_code == 400
        assert response.json()["error"]["details"] == {"tone": ['"loud" is not a valid choice.']}
        assert _runs(application) == []

    def test_without_a_resume_it_is_a_412_before_any_run(self, alice, alice_client, post):
        application = application_at(alice, with_resume=False)
        response = post(alice_client, f"{BASE}/{application.pk}/all")
        assert response.status_code == 412
        assert response.json()["error"]["message"] == "Add a resume to your library first."
        assert _runs(application) == []

    def test_while_a_phase_runs_it_is_a_409(self, alice, alice_client, post):
        application = application_at(alice)
        PhaseRun.objects.create(application=application, phase="research")
        response = post(alice_client, f"{BASE}/{application.pk}/all")
        assert response.status_code == 409
        assert PhaseRun.objects.filter(application=application).count() == 1

    def test_a_stranger_gets_a_404(self, alice, charlie_client, post):
        application = application_at(alice)
        response = post(charlie_client, f"{BASE}/{application.pk}/all")
        assert response.status_code == 404
        assert _runs(application) == []


class TestInTheWorker:
    def test_each_completed_run_queues_the_next_and_a_cancel_ends_the_chain(
        self, alice, alice_client, django_capture_on_commit_callbacks
    ):
        application = application_at(alice)
        # As with a queue server: the request queues the first run only.
        response = alice_client.post(f"{BASE}/{application.pk}/all", {}, format="json")
        assert _runs(application) == [("research", "queued", True)]
        with django_capture_on_commit_callbacks(execute=False):
            assert phase_run_execute(response.json()["run_id"]) == "completed"
        # The research completed and, in the same transaction, the resume was queued.
        assert _runs(application) == [("research", "completed", True), ("resume", "queued", True)]
        cancelled = alice_client.post(f"{BASE}/{application.pk}/cancel")
        assert cancelled.json()["phase"] == "resume"
        resume_run = PhaseRun.objects.get(application=application, phase="resume")
        assert phase_run_execute(resume_run.id) == "skipped"
        assert _runs(application) == [("research", "completed", True), ("resume", "cancelled", True)]

    def test_a_single_phase_start_does_not_chain(
        self, alice, alice_client, django_capture_on_commit_callbacks
    ):
        application = application_at(alice)
        with django_capture_on_commit_callbacks(execute=True):
            alice_client.post(f"{BASE}/{application.pk}/research", {}, format="json")
        assert _runs(application) == [("research", "completed", False)]


class TestPage:
    def test_the_panel_offers_generate_all_until_everything_is_done(self, alice, web, alice_client, post):
        application = application_at(alice)
        html = web.get(f"/applications/{application.pk}/phases/", HTTP_HX_REQUEST="true").content.decode()
        assert f'action="/applications/{application.pk}/phases/generate-all/"' in html
        assert "what is done already is kept" not in html
        post(alice_client, f"{BASE}/{application.pk}/research")
        html = web.get(f"/applications/{application.pk}/phases/", HTTP_HX_REQUEST="true").content.decode()
        assert "what is done already is kept" in html
        post(alice_client, f"{BASE}/{application.pk}/all")
        html = web.get(f"/applications/{application.pk}/phases/", HTTP_HX_REQUEST="true").content.decode()
        assert "generate-all" not in html

    def test_the_button_runs_the_chain_and_says_how_it_ended(
        self, alice, web, django_capture_on_commit_callbacks
    ):
        application = application_at(alice)
        with django_capture_on_commit_callbacks(execute=True):
            response = web.post(f"/applications/{application.pk}/phases/generate-all/", {"tone": "concise"})
        assert response.status_code == 302
        assert [phase for phase, _, _ in _runs(application)] == ["research", "resume", "cover_letter"]
        assert PhaseRun.objects.get(application=application, phase="cover_letter").tone == "concise"
        # The panel that was following the chain sees it end and reloads the page, which says so.
        poll = web.get(f"/applications/{application.pk}/phases/?poll=1", HTTP_HX_REQUEST="true")
        assert poll["HX-Refresh"] == "true"
        assert "Your cover letter is ready." in messages_of(web.get(f"/applications/{application.pk}/"))

    def test_with_a_queue_server_it_says_the_page_follows(self, alice, web):
        application = application_at(alice)
        response = web.post(f"/applications/{application.pk}/phases/generate-all/", follow=True)
        assert "Generate all: started. This page updates as each document is written." in messages_of(
            response
        )
        html = web.get(f"/applications/{application.pk}/phases/", HTTP_HX_REQUEST="true").content.decode()
        assert 'hx-trigger="every 2s"' in html

    def test_a_refusal_is_a_message_and_starts_nothing(self, alice, web):
        application = application_at(alice, with_resume=False)
        response = web.post(f"/applications/{application.pk}/phases/generate-all/", follow=True)
        assert "Add a resume to your library first." in messages_of(response)
        assert _runs(application) == []

    def test_a_stranger_gets_a_404(self, alice, charlie_web):
        application = application_at(alice)
        assert charlie_web.post(f"/applications/{application.pk}/phases/generate-all/").status_code == 404
        assert _runs(application) == []
