"""The phase panel partial and its start / cancel forms."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from applications.models import Application
from documents.models import Document
from processing.jobs import phase_run_execute
from processing.models import PhaseRun
from tests.factories import ApplicationFactory, ResumeFactory
from tests.pages import messages_of, reads_of
from tests.processing.pipeline_helpers import sql_writes

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(alice):
    ResumeFactory(user=alice, is_primary=True)
    return ApplicationFactory(user=alice)


def _panel(client, application, **extra):
    return client.get(f"/applications/{application.pk}/phases/", HTTP_HX_REQUEST="true", **extra)


def _states(response) -> dict[str, str]:
    return {p["phase"]: p["state"] for p in response.context["phases"]}


def _running(application, phase="research", status="processing", progress=0.4):
    now = timezone.now()
    return PhaseRun.objects.create(
        application=application,
        phase=phase,
        status=status,
        progress=progress,
        started_at=now,
        heartbeat_at=now,
    )


class TestPanel:
    def test_it_says_why_a_phase_cannot_start(self, web, alice):
        application = ApplicationFactory(user=alice)  # no resume in the library
        Application.objects.filter(pk=application.pk).update(research_completed=True)
        response = _panel(web, application)
        html = response.content.decode()
        assert _states(response) == {"research": "completed", "resume": "blocked", "cover_letter": "blocked"}
        assert "Add a resume to your library first." in html
        assert "Tailor the resume first." in html

    def test_a_fresh_application_can_start_the_research_only(self, web, application):
        response = _panel(web, application)
        html = response.content.decode()
        assert _states(response) == {"research": "ready", "resume": "blocked", "cover_letter": "blocked"}
        assert "Run the research first." in html
        assert f'action="/applications/{application.pk}/phases/research/start/"' in html
        assert "<html" not in html  # the partial, not a page
        assert "every 2s" not in html

    def test_it_polls_with_a_progress_bar_while_a_run_is_active(self, web, application):
        _running(application, progress=0.4)
        response = _panel(web, application)
        html = response.content.decode()
        assert 'hx-trigger="every 2s"' in html
        assert '<progress id="progress-research" max="100" value="40">' in html
        assert f'action="/applications/{application.pk}/phases/cancel/"' in html
        assert "HX-Refresh" not in response

    def test_it_stops_polling_and_reloads_the_page_when_the_run_ends(self, web, application):
        run = _running(application)
        PhaseRun.objects.filter(pk=run.pk).update(status="failed", error_message="The AI service timed out.")
        response = _panel(web, application, QUERY_STRING="poll=1")
        assert "every 2s" not in response.content.decode()
        assert response["HX-Refresh"] == "true"
        page = web.get(f"/applications/{application.pk}/")
        assert "Research the role failed: The AI service timed out." in messages_of(page)

    def test_a_failed_run_shows_its_message_and_try_again(self, web, application):
        PhaseRun.objects.create(
            application=application,
            phase="research",
            status="failed",
            error_message="The AI service timed out.",
        )
        response = _panel(web, application)
        html = response.content.decode()
        assert _states(response)["research"] == "failed"
        assert "The AI service timed out." in html
        assert "Try again" in html

    def test_a_completed_phase_offers_regenerate_with_a_history_note(self, web, application):
        Application.objects.filter(pk=application.pk).update(research_completed=True)
        html = _panel(web, application).content.decode()
        assert 'name="regenerate"' in html
        assert "stays in its version history" in html

    def test_the_cover_letter_form_takes_extra_context(self, web, application):
        Application.objects.filter(pk=application.pk).update(research_completed=True, resume_optimized=True)
        html = _panel(web, application).content.decode()
        assert 'name="additional_context"' in html

    def test_without_htmx_it_is_a_full_page(self, web, application):
        response = web.get(f"/applications/{application.pk}/phases/")
        assert "<html" in response.content.decode()
        assert "processing/panel_page.html" in [t.name for t in response.templates]

    def test_it_reads_the_runs_once_and_writes_nothing(self, web, application):
        _running(application)
        PhaseRun.objects.create(application=application, phase="research", status="failed")
        with CaptureQueriesContext(connection) as queries:
            assert _panel(web, application).status_code == 200
        # session, user, application, the latest run of each phase (one query), the types of
        # its documents (when the documents made on demand are done); no resume query while
        # a run is active (nothing else can start).
        assert len(queries) == 5, "\n".join(query["sql"] for query in queries.captured_queries)
        assert sql_writes(queries) == []

    def test_a_dead_run_reads_as_failed_without_a_write(self, web, application):
        silent_since = timezone.now() - timedelta(seconds=300 + 60 + 1)  # phase limit + grace
        run = _running(application)
        PhaseRun.objects.filter(pk=run.pk).update(started_at=silent_since, heartbeat_at=silent_since)
        with CaptureQueriesContext(connection) as queries:
            response = _panel(web, application, QUERY_STRING="poll=1")
        assert sql_writes(queries) == []
        assert _states(response)["research"] == "failed"
        assert "The worker running this phase stopped unexpectedly." in response.content.decode()
        assert "every 2s" not in response.content.decode()
        assert response["HX-Refresh"] == "true"
        run.refresh_from_db()
        assert run.status == "processing"
        # The next write records it: "Try again" starts a new run.
        web.post(f"/applications/{application.pk}/phases/research/start/")
        run.refresh_from_db()
        assert run.status == "failed"
        assert PhaseRun.objects.filter(application=application).count() == 2


class TestStart:
    @pytest.mark.django_db(transaction=True)
    def test_it_runs_the_research_and_reports_the_outcome(self, web, application, settings):
        # A real transaction, so the job is enqueued on commit as in production; with the
        # synchronous queue it runs inside the request and the redirect reports the outcome.
        settings.RQ_QUEUES = {"default": {"HOST": "localhost", "PORT": 6379, "DB": 0, "ASYNC": False}}
        response = web.post(f"/applications/{application.pk}/phases/research/start/")
        assert response.url == f"/applications/{application.pk}/"
        run = PhaseRun.objects.get(application=application)
        assert (run.phase, run.status) == ("research", "completed")
        assert Document.objects.filter(application=application, document_type="research_report").exists()
        assert "The research report is ready." in messages_of(web.get(response.url))

    def test_it_explains_a_refused_start(self, web, application):
        response = web.post(f"/applications/{application.pk}/phases/cover_letter/start/", follow=True)
        assert "Tailor the resume first." in messages_of(response)
        assert not PhaseRun.objects.filter(application=application).exists()

    def test_it_refuses_a_second_start_while_one_runs(self, web, application):
        _running(application)
        response = web.post(f"/applications/{application.pk}/phases/research/start/", follow=True)
        assert any("already processing" in m for m in messages_of(response))
        assert PhaseRun.objects.filter(application=application).count() == 1

    def test_the_cover_letter_start_passes_the_extra_context(self, web, application):
        Application.objects.filter(pk=application.pk).update(research_completed=True, resume_optimized=True)
        web.post(
            f"/applications/{application.pk}/phases/cover_letter/start/",
            {"additional_context": "Referred by Sam Lee."},
        )
        run = PhaseRun.objects.get(application=application)
        assert run.additional_context == "Referred by Sam Lee."

    def test_too_much_context_is_refused_politely(self, web, application):
        Application.objects.filter(pk=application.pk).update(research_completed=True, resume_optimized=True)
        response = web.post(
            f"/applications/{application.pk}/phases/cover_letter/start/",
            {"additional_context": "x" * 5001},
            follow=True,
        )
        assert "The extra context may have at most 5,000 characters." in messages_of(response)
        assert not PhaseRun.objects.exists()

    def test_an_unknown_phase_is_a_404(self, web, application):
        assert web.post(f"/applications/{application.pk}/phases/magic/start/").status_code == 404

    def test_start_needs_post(self, web, application):
        assert web.get(f"/applications/{application.pk}/phases/research/start/").status_code == 405

    @pytest.mark.django_db(transaction=True)
    def test_with_a_queue_server_it_says_the_run_started(self, web, application, monkeypatch):
        monkeypatch.setattr("processing.queue.queue_is_async", lambda: True)
        monkeypatch.setattr("processing.runs.run_enqueue", lambda *, run_id: None)
        response = web.post(f"/applications/{application.pk}/phases/research/start/", follow=True)
        run = PhaseRun.objects.get(application=application)
        assert run.status == "queued"
        assert "Research the role: started. This page updates as it works." in messages_of(response)
        # The page names the run, and its panel watches it from the first load on.
        assert response.redirect_chain[-1][0] == f"/applications/{application.pk}/?run={run.pk}"
        assert f"&amp;watch={run.pk}" in response.content.decode()


class TestWatchedRun:
    """A run that ends before the page's panel first loads still updates the whole page."""

    def test_a_run_that_ended_before_the_first_load_sends_the_page_to_its_plain_address(
        self, web, application
    ):
        run = _running(application)
        PhaseRun.objects.filter(pk=run.pk).update(
            status="completed", progress=1.0, completed_at=timezone.now()
        )
        response = _panel(web, application, QUERY_STRING=f"watch={run.pk}")
        assert response["HX-Redirect"] == f"/applications/{application.pk}/"
        assert "HX-Refresh" not in response
        page = web.get(response["HX-Redirect"])
        assert "The research report is ready." in " ".join(messages_of(page))

    def test_a_watched_run_still_active_polls_and_keeps_watching(self, web, application):
        run = _running(application)
        response = _panel(web, application, QUERY_STRING=f"watch={run.pk}")
        assert "HX-Redirect" not in response and "HX-Refresh" not in response
        assert f"?poll=1&amp;watch={run.pk}" in response.content.decode()
        PhaseRun.objects.filter(pk=run.pk).update(status="failed", error_message="The AI service timed out.")
        ended = _panel(web, application, QUERY_STRING=f"poll=1&watch={run.pk}")
        assert ended["HX-Redirect"] == f"/applications/{application.pk}/"

    def test_a_page_older_than_the_applications_last_change_reloads_once(self, web, application):
        page = web.get(f"/applications/{application.pk}/").content.decode()
        seen = re.search(r"phases/\?seen=([^\"&]+)", page).group(1)
        assert "HX-Refresh" not in _panel(web, application, QUERY_STRING=f"seen={seen}")
        # A run completes between the page and its panel's first load: the job writes the
        # document and the application's flag, and the panel reloads the page.
        run = _running(application, status="queued")
        assert phase_run_execute(run.pk) == "completed"
        assert _panel(web, application, QUERY_STRING=f"seen={seen}")["HX-Refresh"] == "true"
        page = web.get(f"/applications/{application.pk}/").content.decode()
        seen = re.search(r"phases/\?seen=([^\"&]+)", page).group(1)
        assert "HX-Refresh" not in _panel(web, application, QUERY_STRING=f"seen={seen}")

    def test_an_unknown_or_foreign_run_is_not_watched(self, web, application, charlie):
        PhaseRun.objects.create(application=application, phase="research", status="completed")
        other = PhaseRun.objects.create(application=ApplicationFactory(user=charlie), phase="research")
        for watch in ("not-a-run", str(other.pk)):
            response = _panel(web, application, QUERY_STRING=f"watch={watch}")
            assert "HX-Redirect" not in response and "HX-Refresh" not in response
            assert watch not in response.content.decode()


class TestOneRead:
    """Start and cancel read the application once: the page hands it to the service."""

    def test_a_start_reads_the_application_once(self, web, application):
        with CaptureQueriesContext(connection) as ctx:
            response = web.post(f"/applications/{application.pk}/phases/research/start/")
        assert response.status_code == 302
        scoped = [sql for sql in reads_of("applications_application", ctx) if '"user_id" =' in sql]
        assert len(scoped) == 1, "\n".join(scoped)

    def test_a_cancel_reads_the_application_once(self, web, application):
        _running(application)
        with CaptureQueriesContext(connection) as ctx:
            response = web.post(f"/applications/{application.pk}/phases/cancel/")
        assert response.status_code == 302
        assert PhaseRun.objects.get(application=application).status == "cancelled"
        scoped = [sql for sql in reads_of("applications_application", ctx) if '"user_id" =' in sql]
        assert len(scoped) == 1, "\n".join(scoped)


class TestCancel:
    def test_it_cancels_the_running_phase(self, web, application):
        run = _running(application)
        response = web.post(f"/applications/{application.pk}/phases/cancel/", follow=True)
        run.refresh_from_db()
        assert run.status == "cancelled"
        assert "Research the role was cancelled." in messages_of(response)

    def test_it_says_when_nothing_is_running(self, web, application):
        response = web.post(f"/applications/{application.pk}/phases/cancel/", follow=True)
        assert "Nothing is running for this application." in messages_of(response)


class TestStranger:
    @pytest.mark.parametrize(
        ("method", "suffix"),
        [("get", ""), ("post", "research/start/"), ("post", "cancel/")],
    )
    def test_it_is_a_404_for_another_users_application(self, stranger, application, method, suffix):
        run = _running(application)
        response = getattr(stranger, method)(f"/applications/{application.pk}/phases/{suffix}")
        assert response.status_code == 404
        run.refresh_from_db()
        assert run.status == "processing"
        assert PhaseRun.objects.filter(application=application).count() == 1
