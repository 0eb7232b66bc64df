"""The calendar feed from the account page in the browser: turn it on, copy its address,
fetch it as a calendar app would, make a new address (the old one stops working)."""

import pytest
from playwright.sync_api import expect

from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_account_page_turns_on_copies_and_renews_the_feed(browsing, settings, live_server):
    settings.JOBFORGE_SITE_URL = live_server.url
    user = UserFactory()
    page = browsing.page(user=user)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("/account/")
    page.get_by_role("button", name="Turn on the calendar feed").click()

    address = page.get_by_label("Calendar feed address")
    expect(address).to_have_value(f"{live_server.url}/calendar/{type(user).objects.get().calendar_token}.ics")
    page.get_by_role("button", name="Copy").click()
    expect(page.locator("#calendar-url-status")).to_have_text("Copied.")
    first = address.input_value()
    assert page.evaluate("navigator.clipboard.readText()") == first

    feed = page.request.get(first)
    assert feed.status == 200
    assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
    assert feed.text().startswith("BEGIN:VCALENDAR")

    page.get_by_role("button", name="Make a new address").click()
    expect(address).not_to_have_value(first)
    assert page.request.get(first).status == 404
