"""The new documents in the browser: a follow-up email in a chosen tone from the application
page, and "Generate all" followed live by the phase panel while the worker runs each phase.

For "Generate all" the enqueue is replaced by a list (as if the jobs sat in Redis) and the test
plays the worker, calling the real job `phase_run_execute(run_id)` after a poll answer, as
tests/e2e/test_phases.py does.
"""

import pytest
from playwright.sync_api import expect

from documents.models import Document
from processing import runs
from processing.jobs import phase_run_execute
from processing.models import PhaseRun
from tests.factories import ApplicationFactory, ResumeFactory, UserFactory, document_write

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def owner(db):
    user = UserFactory()
    ResumeFactory(user=user, is_primary=True)
    return user


def _researched(user):
    application = ApplicationFactory(user=user)
    document_write(application, "research_report", "# Research\n\nThe role needs Python and Kubernetes.")
    type(application).objects.filter(pk=application.pk).update(
        research_completed=True, status="research_complete"
    )
    return application


def test_a_follow_up_email_in_a_warm_tone_from_the_application_page(browsing, owner):
    application = _researched(owner)
    page = browsing.page(user=owner)
    page.goto(f"/applications/{application.pk}/")

    panel = page.locator("#phase-follow_up_email")
    expect(panel).to_have_attribute("data-state", "ready")
    panel.get_by_label("Tone").select_option("warm")
    panel.get_by_label("Length").select_option("short")
    panel.get_by_role("button", name="Write the follow-up email").click()

    expect(page.locator(".messages")).to_contain_text("Your follow-up email is ready.")
    expect(page.locator("#phase-follow_up_email")).to_have_attribute("data-state", "completed")
    page.locator("#phase-follow_up_email").get_by_role("link", name="Open the follow-up email").click()
    expect(page.locator("main")).to_contain_text("Hello Acme Robotics team,")
    expect(page.locator("main")).to_contain_text("Warm regards,")

    page.goto(f"/applications/{application.pk}/documents/follow_up_email/versions/")
    expect(page.locator(".version-list")).to_contain_text("Warm tone · short")
    with page.expect_download() as download:
        page.goto(f"/applications/{application.pk}/")
        page.locator(".doc-item", has_text="Follow-up email").get_by_role("link", name="PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert Document.objects.get(application=application, document_type="follow_up_email").version == 1


@pytest.fixture
def queue(monkeypatch) -> list:
    """Run ids handed to the queue; nothing runs them until the test does."""
    enqueued: list = []
    monkeypatch.setattr(runs, "run_enqueue", lambda *, run_id: enqueued.append(run_id))
    return enqueued


def _poll_answer(page):
    return page.expect_response(lambda response: "/phases/?poll=1" in response.url)


def test_generate_all_runs_the_three_phases_and_the_page_follows(browsing, owner, queue):
    application = ApplicationFactory(user=owner)
    page = browsing.page(user=owner)
    page.goto(f"/applications/{application.pk}/")

    page.locator("#generate-all").get_by_role("button", name="Generate all").click()
    expect(page.locator(".messages")).to_contain_text("Generate all: started.")
    expect(page.locator("#phase-research")).to_have_attribute("data-state", "running")
    expect(page.locator("#generate-all")).to_have_count(0)

    for number, phase in enumerate(("research", "resume", "cover_letter")):
        expect(page.locator(f"#phase-{phase}")).to_have_attribute("data-state", "running")
        with _poll_answer(page):
            pass  # the panel is following by itself
        assert len(queue) == number + 1
        assert phase_run_execute(queue[number]) == "completed"

    expect(page.locator(".messages")).to_contain_text("Your cover letter is ready.")
    for phase in ("research", "resume", "cover_letter"):
        expect(page.locator(f"#phase-{phase}")).to_have_attribute("data-state", "completed")
    expect(page.locator("#phase-panel")).not_to_have_attribute("hx-trigger", "every 2s")
    assert list(
        PhaseRun.objects.filter(application=application).order_by("created_at").values_list("phase", "status")
    ) == [("research", "completed"), ("resume", "completed"), ("cover_letter", "completed")]
