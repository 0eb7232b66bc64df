"""Every main page loads cleanly (no console or CSP errors) on a phone and on a desktop,
and a 375-px-wide phone never has to scroll sideways."""

import pytest
from playwright.sync_api import expect

from jobforge.accounts.services import calendar_token_rotate
from tests.conftest import PASSWORD
from tests.documents.tailored import tailored_resume_write
from tests.e2e.conftest import DESKTOP, PHONE, laid_out
from tests.factories import ApplicationFactory, ResumeFactory, UserFactory, document_write
from tracking.models import Contact, Interview, Task

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = (
    "/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password-reset/",
    "/accounts/password-reset/sent/",
    "/accounts/reset/MQ/expired-link/",  # the page a used or forged reset link shows
)
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"

LONG_WORD = "Supercalifragilisticexpialidocious" * 3


@pytest.fixture
def seeker(db):
    """A user with content that stresses a narrow screen: long names, a long unbroken word."""
    user = UserFactory(first_name="Maximiliana", last_name="Featherstonehaugh-Cholmondeley")
    ResumeFactory(user=user, name="Backend engineering resume — long version for platform roles")
    ResumeFactory(user=user, name="Data resume", is_primary=True)
    application = ApplicationFactory(
        user=user,
        company_name="International Business Consolidated Holdings",
        role_title="Principal Distributed Systems Reliability Engineer",
        job_url="https://jobs.example.com/postings/principal-distributed-systems-reliability-engineer",
        notes=f"Call back on Monday. {LONG_WORD}",
    )
    ApplicationFactory(user=user, company_name="Globex", role_title="Staff Engineer")
    document_write(
        application,
        document_type="research_report",
        content=(
            "# Research\n\n| Requirement | Match |\n|---|---|\n| Python | Strong |\n\n"
            f"```\n{'x = 1; ' * 40}\n```\n\n{LONG_WORD}\n\nhttps://example.com/{'a' * 120}"
        ),
    )
    tailored_resume_write(application)
    Interview.objects.create(
        application=application, scheduled_at="2030-05-01T15:00:00Z", location=LONG_WORD, notes=LONG_WORD
    )
    Contact.objects.create(application=application, name=LONG_WORD, email="a@example.com", notes=LONG_WORD)
    Task.objects.create(
        user=user, application=application, title=f"Follow up {LONG_WORD}", due_at="2020-01-01T00:00Z"
    )
    calendar_token_rotate(user=user)  # the account page shows the feed's address
    return user, application


def _private_pages(application) -> list[str]:
    doc = f"/applications/{application.pk}/documents/research_report/"
    resume = application.user.resumes.get(is_primary=True)
    return [
        "/",
        "/applications/",
        "/applications/board/",
        "/applications/new/",
        "/applications/import/",
        f"/applications/{application.pk}/",
        f"/applications/{application.pk}/edit/",
        doc,
        f"{doc}edit/",
        f"{doc}versions/",
        f"{doc}versions/compare/",
        f"/applications/{application.pk}/documents/optimized_resume/changes/",
        "/tasks/",
        "/insights/",
        f"/applications/{application.pk}/match/",
        "/resumes/",
        "/resumes/upload/",
        f"/resumes/{resume.pk}/",
        f"/resumes/{resume.pk}/structure/",
        "/account/",
        "/account/delete/",
    ]


def _visit(page, path: str) -> None:
    response = page.goto(path)
    assert response.status == 200, path
    # The phase panel arrives by htmx after the load: wait for it so its errors count too.
    if page.locator("#phase-panel[hx-trigger=load]").count():
        expect(page.locator("#phase-research")).to_be_visible()
    # So do the interviews, tasks and contacts.
    if page.locator("#tracking[hx-trigger=load]").count():
        expect(page.locator("#interviews-heading")).to_be_visible()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_it_loads_every_main_page_without_errors_or_sideways_scroll(browsing, seeker, viewport):
    user, application = seeker
    visitor = browsing.page(viewport=viewport)
    for path in PUBLIC_PAGES:
        _visit(visitor, path)
        laid_out(visitor)
        assert visitor.evaluate(NO_SIDEWAYS_SCROLL), f"{path} scrolls sideways at {viewport['width']} px"

    page = browsing.page(viewport=viewport, user=user)
    for path in _private_pages(application):
        _visit(page, path)
        laid_out(page)
        assert page.evaluate(NO_SIDEWAYS_SCROLL), f"{path} scrolls sideways at {viewport['width']} px"
    # Problems reported by the browser (console, CSP, page errors) fail the test in teardown.


def test_it_shows_field_errors_without_sideways_scroll_on_a_phone(browsing):
    UserFactory(email="taken@example.com")
    page = browsing.page(viewport=PHONE)

    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill("taken@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()

    expect(page.locator(".field-invalid .field-errors")).to_be_visible()
    laid_out(page)
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
