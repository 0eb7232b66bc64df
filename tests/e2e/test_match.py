"""A job seeker opens the match page from an application and sees the score, each
requirement with the line of their resume that shows it, and what to do about a gap, on
a desktop and on a phone, with no accessibility violation (SPEC §11)."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, laid_out
from tests.e2e.test_accessibility import _violations
from tests.e2e.test_layout import NO_SIDEWAYS_SCROLL
from tests.factories import ApplicationFactory, ResumeFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EVIDENCE = "Skills: Python, Django, Flask, PostgreSQL, Redis"


@pytest.fixture
def seeker(db):
    """A user whose application was saved with a resume in the library (so it has a report)."""
    user = UserFactory()
    ResumeFactory(user=user, is_primary=True)
    application = ApplicationFactory(user=user)
    application.refresh_from_db()
    assert application.match_score is not None  # the refresh ran when the create committed
    return user, application


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_it_shows_each_requirement_with_its_evidence(browsing, seeker, viewport):
    user, application = seeker
    page = browsing.page(user=user, viewport=viewport)
    page.goto(f"/applications/{application.pk}/")
    expect(page.get_by_text(f"{application.match_score}% match")).to_be_visible()

    page.get_by_role("link", name="How your resume matches each requirement").click()

    expect(page.get_by_role("heading", name="How your resume matches", level=1)).to_be_visible()
    expect(page.locator("#match-score")).to_have_text(str(application.match_score))
    requirement = page.locator(".match-requirement").filter(has_text="PostgreSQL").first
    expect(requirement.locator(".match-evidence")).to_contain_text(EVIDENCE)
    expect(requirement.get_by_text("Shown", exact=True)).to_be_visible()
    gap = page.locator(".match-requirement").filter(has_text="Kubernetes").first
    expect(gap.locator(".match-advice")).to_contain_text("claim")
    laid_out(page)
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert _violations(page) == []
