"""The operators' pages in the browser at 1,280 px: the phase-run list keeps its status
column on screen, and django-rq's queue pages load under the strict CSP without a
console error (the browser fixture fails the test on any)."""

import pytest
from playwright.sync_api import expect

from jobforge.accounts.models import User
from tests.e2e.conftest import DESKTOP
from tests.processing.test_phase_admin import failed_run

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def operator(db):
    return User.objects.create_superuser("ops@example.com", "Ops-Pass-123")


def test_the_phase_run_list_fits_a_1280_pixel_screen(browsing, operator):
    failed_run(
        User.objects.create_user("a-very-long-address.for-a-job-seeker@example-company.com"),
        company_name="International Business Consolidated Holdings",
        role_title="Principal Distributed Systems Reliability Engineer",
    )
    page = browsing.page(user=operator, viewport=DESKTOP)
    page.goto("/admin/processing/phaserun/")
    status = page.locator("#result_list td.field-status_summary").first
    expect(status).to_contain_text("Failed")
    expect(status).to_contain_text("EXTERNAL_API_ERROR")
    for cell in (status, page.locator("#result_list td.field-cost_estimate").first):
        box = cell.bounding_box()
        assert box["x"] + box["width"] <= DESKTOP["width"], cell
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    expect(page.locator("#result_list th.column-duration")).to_be_visible()


@pytest.mark.usefixtures("require_redis")
def test_django_rq_pages_keep_their_styles_under_the_csp(browsing, operator):
    page = browsing.page(user=operator, viewport=DESKTOP)
    for path in ("/admin/rq/", "/admin/rq/queues/0/"):
        response = page.goto(path)
        assert response.status == 200, path
    # The jobs page's own script ran to its end: no page error (the fixture checks), and the
    # admin's actions started (the select-all box toggles the rows' boxes).
    expect(page.locator("#changelist")).to_be_visible()
