"""Hostile content runs nothing in the browser, and one user's pages are a 404 for another."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import _watch
from tests.factories import ApplicationFactory, ResumeFactory, UserFactory, document_write

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

HOSTILE_MARKDOWN = """# Cover letter

<script>alert(1)</script>

<img src=x onerror=alert(2)>

Inline code shows markup as text: `<script>alert(3)</script>`

[A link that runs code](javascript:alert(4))

<a href="#" onclick="alert(5)">A link with a handler</a>

<svg onload=alert(6)></svg><iframe src="javascript:alert(7)"></iframe>

Kind regards
"""


def _assert_inert(page, container: str) -> None:
    body = page.locator(container)
    expect(body).to_contain_text("Kind regards")
    assert body.locator("script, img, svg, iframe, [onerror], [onclick], [onload]").count() == 0
    assert body.locator("a[href^='javascript']").count() == 0


def test_it_shows_a_hostile_document_as_inert_text_and_runs_nothing(browsing):
    alice = UserFactory()
    application = ApplicationFactory(user=alice, company_name="<img src=x onerror=alert(8)>Evil Corp")
    document_write(application, document_type="cover_letter", content="# First draft\n\nHello.")
    document_write(application, document_type="cover_letter", content=HOSTILE_MARKDOWN)
    page = browsing.page(user=alice)
    base = f"/applications/{application.pk}/documents/cover_letter/"

    page.goto(base)
    _assert_inert(page, "#document-body")
    # Markup shows as the text the writer typed.
    expect(page.locator("#document-body")).to_contain_text("<script>alert(1)</script>")
    expect(page.locator("#document-body")).to_contain_text("<img src=x onerror=alert(2)>")
    expect(page.locator("#document-body code")).to_have_text("<script>alert(3)</script>")
    page.get_by_text("A link that runs code").click()
    page.get_by_text("A link with a handler").click()

    # The editor's live preview goes through the same renderer.
    page.goto(f"{base}edit/")
    expect(page.locator("textarea[name=content]")).to_have_value(HOSTILE_MARKDOWN)
    _assert_inert(page, "#preview")
    page.locator("textarea[name=content]").fill(HOSTILE_MARKDOWN + "\n<img src=y onerror=alert(9)> Typed")
    expect(page.locator("#preview")).to_contain_text("Typed")
    _assert_inert(page, "#preview")
    # Left unsaved: the editor would ask before leaving (tests/e2e/test_editor.py); go on in a new tab.
    context = page.context
    page.close(run_before_unload=False)
    page = context.new_page()
    _watch(page, browsing.problems)

    page.goto(f"{base}versions/2/")
    _assert_inert(page, ".prose")

    # The company name is escaped wherever it shows.
    for path in (f"/applications/{application.pk}/", "/applications/", "/applications/board/", "/"):
        page.goto(path)
        expect(page.locator("main")).to_contain_text("<img src=x onerror=alert(8)>Evil Corp")
        assert page.locator("main img[onerror]").count() == 0

    assert browsing.problems.dialogs == []
    assert browsing.problems.page_errors == []


def test_it_answers_404_on_every_page_of_another_users_objects(browsing):
    alice = UserFactory()
    application = ApplicationFactory(user=alice, company_name="Secret Startup")
    document_write(application, document_type="research_report")
    resume = ResumeFactory(user=alice, name="Alice private resume")
    charlie = UserFactory()
    page = browsing.page(user=charlie)
    browsing.problems.allow_console(r"status of 404")
    app = f"/applications/{application.pk}"
    doc = f"{app}/documents/research_report"

    for path in (
        f"{app}/",
        f"{app}/edit/",
        f"{app}/delete/",
        f"{app}/phases/",
        f"{doc}/",
        f"{doc}/edit/",
        f"{doc}/versions/",
        f"{doc}/versions/1/",
        f"{doc}/export/pdf/",
        f"{doc}/export/md/",
        f"/resumes/{resume.pk}/",
        f"/resumes/{resume.pk}/edit/",
        f"/resumes/{resume.pk}/delete/",
    ):
        response = page.goto(path)
        assert response.status == 404, path
        expect(page.locator("h1")).to_have_text("We couldn’t find that page")
        expect(page.locator("body")).not_to_contain_text("Secret Startup")
        expect(page.locator("body")).not_to_contain_text("Alice private resume")

    # The owner still sees them.
    owner = browsing.page(user=alice)
    assert owner.goto(f"{app}/").status == 200
    assert owner.goto(f"/resumes/{resume.pk}/").status == 200
