"""A new user pastes a link to a JobPosting page and gets the form filled in one step."""

import pytest
from playwright.sync_api import expect

from applications.models import Application
from tests.applications.posting_server import base_url, page, posting_server
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("javascript", [True, False])
def test_it_fills_the_new_application_form_from_a_link(browsing, settings, javascript):
    settings.JOBFORGE_IMPORT_PRIVATE_HOSTS = ["127.0.0.1"]
    user = UserFactory()
    with posting_server({"/jobs/7": page("graph_escaped.html")}) as server:
        posting_url = base_url(server) + "/jobs/7"
        tab = browsing.page(user=user, javascript=javascript)
        tab.goto("/applications/new/")
        tab.get_by_label("Import from a link").fill(posting_url)
        tab.get_by_role("button", name="Import").click()

        expect(tab.get_by_text("Filled from the posting: check every field, then save.")).to_be_visible()
        expect(tab.get_by_label("Company")).to_have_value("Harbor Health")
        expect(tab.get_by_label("Role")).to_have_value("Night Nurse")
        expect(tab.get_by_label("Location")).to_have_value("Durham, NC")
        expect(tab.get_by_label("Link to the posting")).to_have_value(posting_url)
        expect(tab.get_by_label("Job description")).to_have_value(
            "Care for patients on the night shift.\n\n- Monitor vitals\n- Chart & hand over"
        )
        assert Application.objects.filter(user=user).count() == 0

    tab.get_by_role("button", name="Save application").click()
    expect(tab.get_by_role("heading", name="Night Nurse", level=1)).to_be_visible()
    application = Application.objects.get(user=user)
    assert (application.company_name, application.job_url) == ("Harbor Health", posting_url)


def test_the_description_counts_its_characters_and_cuts_nothing(browsing):
    tab = browsing.page(user=UserFactory())
    tab.goto("/applications/new/")
    counter = tab.locator("#job-description-count")
    expect(counter).to_have_text("0 of 20,000 characters")
    field = tab.get_by_label("Job description")
    field.fill("x" * 20_010)
    expect(counter).to_have_text("20,010 of 20,000 characters — 10 too many")
    assert len(field.input_value()) == 20_010
    field.fill("y" * 14_000)
    expect(counter).to_have_text("14,000 of 20,000 characters")
