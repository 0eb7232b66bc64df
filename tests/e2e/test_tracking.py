"""From the application page, a seeker schedules an interview (the application moves to
interviewing) and adds a task, then ticks it off; on a desktop and on a phone, without
sideways scrolling and with no accessibility violations in the new sections."""

import pytest
from playwright.sync_api import expect

from applications.models import Application
from tests.e2e.conftest import DESKTOP, PHONE, laid_out
from tests.e2e.test_accessibility import _violations
from tests.e2e.test_layout import NO_SIDEWAYS_SCROLL
from tests.factories import ApplicationFactory, UserFactory
from tracking.models import Interview, Task

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_it_adds_an_interview_and_a_task_from_the_application_page(browsing, viewport):
    user = UserFactory()
    application = ApplicationFactory(
        user=user, stage="applied", company_name="Globex", role_title="Principal Reliability Engineer"
    )
    tab = browsing.page(user=user, viewport=viewport)
    tab.goto(f"/applications/{application.pk}/")
    expect(tab.get_by_role("heading", name="Interviews")).to_be_visible()

    tab.get_by_text("Add an interview").click()
    tab.get_by_label("Kind").select_option("technical")
    tab.get_by_label("When").fill("2030-05-01T15:00")
    tab.get_by_label("Minutes").fill("45")
    tab.get_by_label("Meeting link").fill("https://meet.example.com/globex")
    tab.get_by_role("button", name="Save interview").click()

    expect(tab.get_by_text("The application is now at “Interviewing”.")).to_be_visible()
    expect(tab.locator(".app-header .badge-stage-interviewing")).to_have_text("Interviewing")
    expect(tab.locator("#tracking .track-item").filter(has_text="Technical")).to_contain_text("45 min")
    assert Application.objects.get(pk=application.pk).stage == "interviewing"
    assert Interview.objects.get().duration_minutes == 45

    tab.get_by_text("Add a task").click()
    tab.get_by_label("Task", exact=True).fill("Send the take-home back to Globex")
    tab.get_by_label("Due").fill("2030-04-28T09:00")
    tab.get_by_role("button", name="Save task").click()
    toggle = tab.get_by_role("button", name="Mark “Send the take-home back to Globex” as done")
    expect(toggle).to_be_visible()
    laid_out(tab)
    assert tab.evaluate(NO_SIDEWAYS_SCROLL), f"scrolls sideways at {viewport['width']} px"
    assert _violations(tab) == []

    toggle.click()
    expect(
        tab.get_by_role("button", name="Mark “Send the take-home back to Globex” as not done")
    ).to_have_attribute("aria-pressed", "true")
    assert Task.objects.get().done is True

    tab.goto("/tasks/")
    expect(tab.get_by_role("link", name="Globex — Principal Reliability Engineer")).to_be_visible()
    laid_out(tab)
    assert tab.evaluate(NO_SIDEWAYS_SCROLL), f"/tasks/ scrolls sideways at {viewport['width']} px"
    assert _violations(tab) == []


def test_a_refused_interview_shows_the_error_next_to_the_field(browsing):
    user = UserFactory()
    application = ApplicationFactory(user=user, stage="applied")
    tab = browsing.page(user=user, viewport=PHONE)
    tab.goto(f"/applications/{application.pk}/")
    tab.get_by_text("Add an interview").click()
    tab.get_by_label("When").fill("2030-05-01T15:00")
    tab.get_by_label("Minutes").fill("2000")
    tab.get_by_role("button", name="Save interview").click()
    expect(tab.locator("#id_interview-duration_minutes_error")).to_contain_text("less than or equal to 1440")
    laid_out(tab)
    assert tab.evaluate(NO_SIDEWAYS_SCROLL)
    assert not Interview.objects.exists()
    # The refused form answers 400, which Chromium logs as a failed resource load.
    browsing.problems.allow_console(r"status of 400")
