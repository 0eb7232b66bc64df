"""The insights page in the browser, on a desktop and a phone: the charts are drawn (SVG with
their titles), each data table opens, nothing breaks the CSP, and a phone never scrolls
sideways."""

import pytest
from playwright.sync_api import expect

from applications.services import application_stage_change
from tests.e2e.conftest import DESKTOP, PHONE, laid_out
from tests.factories import ApplicationFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def seeker(db):
    user = UserFactory()
    for n, (stage, source) in enumerate(
        [
            ("offer", "linkedin.com"),
            ("rejected", "Referral"),
            ("interviewing", ""),
            ("applied", "linkedin.com"),
        ]
    ):
        application = ApplicationFactory(
            user=user, company_name=f"Company {n}", source=source, work_mode="remote", stage="applied"
        )
        if stage == "offer":
            application_stage_change(user=user, application=application, stage="interviewing")
        if stage != "applied":
            application_stage_change(user=user, application=application, stage=stage)
    ApplicationFactory(user=user, company_name="Saved Co")
    return user


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_insights_page_draws_its_charts_with_tables(browsing, seeker, viewport):
    page = browsing.page(user=seeker, viewport=viewport)
    page.goto("/")
    if viewport is DESKTOP:
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Insights").click()
    else:
        page.goto("/insights/")
    expect(page.get_by_role("heading", name="Insights", level=1)).to_be_visible()

    expect(page.locator("figure.chart")).to_have_count(6)
    charts = page.locator('svg[role="img"]')
    # Every stay so far is under a tenth of a day: the time-in-stage chart has nothing to draw.
    expect(charts).to_have_count(5)
    funnel = page.locator("#chart-funnel-caption").locator("..")
    expect(funnel.locator("svg title").first).to_have_text("Funnel")
    expect(funnel.locator("rect.chart-bar")).to_have_count(3)
    # The bars are drawn to scale: 4 sent, 2 interviewed, 1 offer.
    widths = [
        float(w)
        for w in funnel.locator("rect.chart-bar").evaluate_all("rs => rs.map(r => r.getAttribute('width'))")
    ]
    assert widths[0] > widths[1] >= widths[2] > 0

    table = funnel.locator("table")
    expect(table).to_be_hidden()
    funnel.get_by_text("Data table").click()
    expect(table).to_be_visible()
    expect(table.locator("tbody tr").first).to_contain_text("Applied")
    # Three of the four sent got an answer: an interview (twice, one then an offer), a rejection.
    expect(page.locator(".insight-stats")).to_contain_text("75% Response rate")
    laid_out(page)
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    box = charts.first.bounding_box()
    assert box["width"] <= viewport["width"]
