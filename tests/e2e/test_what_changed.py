"""A user opens "What changed" beside the tailored resume and sees each tailored line next
to the line of their resume it comes from (SPEC §9.3)."""

import pytest
from playwright.sync_api import expect

from documents.services import document_version_write
from processing.tailoring.draft import draft_parse, draft_to_markdown
from processing.tailoring.provenance import provenance_build
from resumes.structure import resume_structure_parse
from tests.documents.tailored import DRAFT, KEYWORDS
from tests.e2e.conftest import DESKTOP, PHONE, laid_out
from tests.e2e.test_layout import NO_SIDEWAYS_SCROLL
from tests.factories import RESUME_MARKDOWN, ApplicationFactory, ResumeFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tailored(db):
    """A user whose application has a tailored resume saved as the AI pipeline saves it."""
    user = UserFactory()
    ResumeFactory(user=user, content=RESUME_MARKDOWN, is_primary=True)
    application = ApplicationFactory(user=user)
    structure = resume_structure_parse(RESUME_MARKDOWN)
    draft = draft_parse(DRAFT, structure)
    document_version_write(
        application=application,
        document_type="optimized_resume",
        content=draft_to_markdown(draft, structure),
        source="ai",
        provenance=provenance_build(
            draft=draft, structure=structure, posting_keywords=KEYWORDS, version=0, violations=[]
        ),
    )
    return user, application


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_it_shows_a_tailored_line_next_to_its_source_line(browsing, tailored, viewport):
    user, application = tailored
    page = browsing.page(user=user, viewport=viewport)
    page.goto(f"/applications/{application.pk}/documents/optimized_resume/")
    page.get_by_role("link", name="What changed").click()

    expect(page.get_by_role("heading", name="What changed in version 1")).to_be_visible()
    line = page.locator(".change-item").filter(
        has_text="Built a Django and PostgreSQL order platform for 2 million orders a month."
    )
    expect(line).to_have_count(1)
    expect(line.locator(".change-source dd")).to_have_text(
        "Designed a Django and PostgreSQL order platform handling 2 million orders a month."
    )
    expect(line.locator(".keyword")).to_have_text(["Django", "PostgreSQL"])
    expect(line.get_by_text("Reworded")).to_be_visible()
    expect(page.get_by_role("heading", name="Left out")).to_be_visible()
    expect(page.get_by_text("Led a team of four engineers and mentored two juniors.")).to_be_visible()
    expect(page.get_by_text("Passed: every line states only what your resume states.")).to_be_visible()

    laid_out(page)
    tailored_box = line.locator(".change-tailored").bounding_box()
    source_box = line.locator(".change-source").bounding_box()
    if viewport is DESKTOP:  # side by side
        assert source_box["x"] > tailored_box["x"] + tailored_box["width"] - 1
        assert abs(source_box["y"] - tailored_box["y"]) < 2
    else:  # one above the other, and no sideways scroll
        assert source_box["y"] >= tailored_box["y"] + tailored_box["height"] - 1
        assert page.evaluate(NO_SIDEWAYS_SCROLL)
    page.screenshot(path=f"/tmp/what-changed-{viewport['width']}.png", full_page=True)
