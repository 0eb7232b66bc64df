"""The phase panel in the browser: a queued run's progress bar polls until the run ends,
cancel stops it, and a failed run offers "Try again".

Here the start does not run the job in the request: the enqueue is replaced by a list
(as if the job sat in Redis), and the test itself plays the worker, calling the real
job `phase_run_execute(run_id)` while the page is polling. The test waits for a poll
answer before doing so, so on SQLite (one shared connection) the two never overlap.
"""

import pytest
from playwright.sync_api import expect

from documents.models import Document
from processing import runs
from processing.jobs import phase_run_execute
from processing.models import PhaseRun
from tests.factories import ApplicationFactory, ResumeFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def queue(monkeypatch) -> list:
    """Run ids handed to the queue; nothing runs them until the test does."""
    enqueued: list = []
    monkeypatch.setattr(runs, "run_enqueue", lambda *, run_id: enqueued.append(run_id))
    return enqueued


@pytest.fixture
def owner_with_application(db):
    user = UserFactory()
    ResumeFactory(user=user, is_primary=True)
    return user, ApplicationFactory(user=user)


def _poll_answer(page):
    return page.expect_response(lambda response: "/phases/?poll=1" in response.url)


def test_it_shows_progress_while_queued_and_stops_polling_when_the_run_ends(
    browsing, owner_with_application, queue
):
    user, application = owner_with_application
    page = browsing.page(user=user)
    page.goto(f"/applications/{application.pk}/")

    page.locator("#phase-research").get_by_role("button", name="Start research").click()

    research = page.locator("#phase-research")
    expect(research).to_have_attribute("data-state", "running")
    expect(research.locator("progress")).to_be_visible()
    expect(research).to_contain_text("Waiting for a worker")
    expect(page.locator("#phase-panel")).to_have_attribute("hx-trigger", "every 2s")
    assert len(queue) == 1

    with _poll_answer(page):
        pass  # the panel asks again by itself, without a reload
    assert phase_run_execute(queue[0]) == "completed"

    expect(research).to_have_attribute("data-state", "completed")
    expect(page.locator(".messages")).to_contain_text("The research report is ready.")
    expect(page.locator("#phase-panel")).not_to_have_attribute("hx-trigger", "every 2s")
    expect(page.locator("#phase-resume")).to_have_attribute("data-state", "ready")
    assert Document.objects.filter(application=application, document_type="research_report").exists()


def test_it_shows_the_reported_progress_and_cancels_the_run(browsing, owner_with_application, queue):
    user, application = owner_with_application
    page = browsing.page(user=user)
    page.goto(f"/applications/{application.pk}/")
    page.locator("#phase-research").get_by_role("button", name="Start research").click()
    research = page.locator("#phase-research")
    expect(research).to_have_attribute("data-state", "running")

    # A worker reports progress; the next poll shows it.
    with _poll_answer(page):
        pass
    PhaseRun.objects.filter(id=queue[0]).update(status="processing", progress=0.4)
    expect(research.locator("progress")).to_have_attribute("value", "40")
    expect(research).to_contain_text("Working… 40%")

    research.get_by_role("button", name="Cancel").click()

    expect(page.locator(".messages")).to_contain_text("was cancelled")
    expect(research).to_have_attribute("data-state", "ready")
    assert PhaseRun.objects.get(id=queue[0]).status == "cancelled"


def test_it_explains_a_failed_run_and_tries_again(browsing, owner_with_application):
    user, application = owner_with_application
    PhaseRun.objects.create(
        application=application,
        phase="research",
        status="failed",
        error_code="EXTERNAL_API_ERROR",
        error_message="The AI provider is overloaded right now. Please try again.",
    )
    page = browsing.page(user=user)
    page.goto(f"/applications/{application.pk}/")

    research = page.locator("#phase-research")
    expect(research).to_have_attribute("data-state", "failed")
    expect(research.get_by_role("alert")).to_contain_text("The AI provider is overloaded right now.")
    research.get_by_role("button", name="Try again").click()

    expect(research).to_have_attribute("data-state", "completed")
    expect(page.locator(".messages")).to_contain_text("The research report is ready.")


def test_it_says_why_a_phase_cannot_start_and_regenerates_after_confirming(browsing):
    user = UserFactory()
    application = ApplicationFactory(user=user)
    page = browsing.page(user=user)
    page.goto(f"/applications/{application.pk}/")

    page.locator("#phase-research").get_by_role("button", name="Start research").click()
    resume = page.locator("#phase-resume")
    expect(resume).to_have_attribute("data-state", "blocked")
    expect(resume).to_contain_text("Add a resume to your library first.")
    expect(resume.get_by_role("link", name="Add a resume")).to_be_visible()
    expect(page.locator("#phase-cover_letter")).to_contain_text("Tailor the resume first.")

    research = page.locator("#phase-research")
    research.get_by_text("Regenerate…").click()
    expect(research).to_contain_text("stays in its version history")
    research.get_by_role("button", name="Yes, regenerate").click()

    expect(page.locator(".messages")).to_contain_text("The research report is ready.")
    assert Document.objects.get(application=application, document_type="research_report").version == 2


def test_a_run_that_ends_before_the_panel_first_loads_still_updates_the_page(
    browsing, owner_with_application, queue
):
    user, application = owner_with_application
    page = browsing.page(user=user)
    page.goto(f"/applications/{application.pk}/")

    def finish_first(route):
        # The worker finishes the run after the page rendered, before its panel loads.
        assert phase_run_execute(queue[0]) == "completed"
        route.continue_()

    page.route(lambda url: "/phases/?" in url and "watch=" in url and "poll=" not in url, finish_first)
    page.locator("#phase-research").get_by_role("button", name="Start research").click()

    expect(page).to_have_url(f"{browsing.live_server.url}/applications/{application.pk}/")
    expect(page.locator(".messages")).to_contain_text("The research report is ready.")
    expect(page.locator(".messages")).not_to_contain_text("This page updates as it works.")
    expect(page.locator("#phase-research")).to_have_attribute("data-state", "completed")
    expect(page.locator(".doc-list")).to_contain_text("Research")
    expect(page.locator(".doc-list .doc-missing").first).not_to_contain_text("Research report")
