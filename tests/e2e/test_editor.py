"""Editing without loss (SPEC §13): the editor warns before leaving with unsaved changes,
keeps a draft in the browser that it offers back, clears it on save; the history shows
what changed between two versions."""

import pytest
from playwright.sync_api import expect

from documents.models import Document
from tests.e2e.conftest import _watch
from tests.factories import ApplicationFactory, UserFactory, document_write

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LETTER = "# Letter\n\nDear team,\n\nI led a team of five engineers.\n\nSincerely,\nAlice"


@pytest.fixture
def writer(db):
    user = UserFactory()
    application = ApplicationFactory(user=user)
    document_write(application, "cover_letter", LETTER)
    return user, application


def edit_url(application) -> str:
    return f"/applications/{application.pk}/documents/cover_letter/edit/"


def draft_key(application) -> str:
    return f"jobforge:draft:{application.pk}:cover_letter"


def test_leaving_with_unsaved_changes_asks_first(browsing, writer):
    user, application = writer
    page = browsing.page(user=user)
    page.goto(edit_url(application))
    editor = page.get_by_label("Content (Markdown)")

    # Nothing typed: leaving asks nothing.
    page.get_by_role("link", name="Cancel").click()
    expect(page).to_have_url(
        f"{browsing.live_server.url}/applications/{application.pk}/documents/cover_letter/"
    )
    assert browsing.problems.dialogs == []

    page.goto(edit_url(application))
    editor.press("Control+End")
    editor.type(" And six more.")
    page.get_by_role("link", name="Cancel").click()  # the browser asks; the watcher says stay
    expect(page).to_have_url(f"{browsing.live_server.url}{edit_url(application)}")
    expect(editor).to_have_value(LETTER + " And six more.")
    assert [dialog.split(":")[0] for dialog in browsing.problems.dialogs] == ["beforeunload"]
    browsing.problems.dialogs.clear()  # the one dialog this page may open


def test_a_draft_comes_back_and_is_cleared_on_save(browsing, writer):
    user, application = writer
    page = browsing.page(user=user)
    page.goto(edit_url(application))
    editor = page.get_by_label("Content (Markdown)")
    editor.fill(LETTER.replace("five", "six"))
    page.wait_for_function(f"() => (localStorage.getItem({draft_key(application)!r}) || '').includes('six')")

    # The tab is closed without saving (no prompt on close), and the editor opened again.
    page.close(run_before_unload=False)
    again = browsing.contexts[0].new_page()
    _watch(again, browsing.problems)
    again.goto(edit_url(application))
    editor = again.get_by_label("Content (Markdown)")
    expect(editor).to_have_value(LETTER)
    notice = again.get_by_role("status").filter(has_text="not saved")
    expect(notice).to_be_visible()
    again.get_by_role("button", name="Restore my changes").click()
    expect(notice).to_be_hidden()
    expect(editor).to_have_value(LETTER.replace("five", "six"))
    expect(again.locator("#preview")).to_contain_text("I led a team of six engineers.")

    again.get_by_role("button", name="Save new version").click()
    expect(again.get_by_text("Saved as version 2.")).to_be_visible()
    assert again.evaluate(f"() => localStorage.getItem({draft_key(application)!r})") is None
    # Browsers send a textarea's lines with CRLF.
    assert Document.objects.get(application=application).content.replace("\r\n", "\n") == LETTER.replace(
        "five", "six"
    )
    again.goto(edit_url(application))
    expect(again.get_by_role("status").filter(has_text="not saved")).to_be_hidden()


def test_a_draft_can_be_discarded(browsing, writer):
    user, application = writer
    page = browsing.page(user=user)
    page.goto(edit_url(application))
    page.evaluate(
        f"() => localStorage.setItem({draft_key(application)!r}, JSON.stringify("
        "{content: 'An older draft of mine.', version: 1, savedAt: new Date().toISOString()}))"
    )
    page.reload()
    page.get_by_role("button", name="Discard them").click()
    expect(page.get_by_label("Content (Markdown)")).to_have_value(LETTER)
    assert page.evaluate(f"() => localStorage.getItem({draft_key(application)!r})") is None


def test_the_history_shows_what_changed_between_two_versions(browsing, writer):
    user, application = writer
    document_write(application, "cover_letter", LETTER.replace("five", "six"), source="user")
    document_write(application, "cover_letter", LETTER + "\n\nP.S. Thank you.", source="user")
    page = browsing.page(user=user)
    page.goto(f"/applications/{application.pk}/documents/cover_letter/versions/")
    page.get_by_label("From", exact=True).select_option("1")
    page.get_by_label("To", exact=True).select_option("2")
    page.get_by_role("button", name="Compare").click()

    expect(page.get_by_role("heading", name="Changes from version 1 to version 2")).to_be_visible()
    expect(page.locator(".diff-removed del")).to_have_text(["five"])
    expect(page.locator(".diff-added ins")).to_have_text(["six"])
    expect(page.locator(".diff-removed")).to_contain_text("Removed: I led a team of five engineers.")

    page.get_by_label("From", exact=True).select_option("2")
    page.get_by_label("To", exact=True).select_option("3")
    page.get_by_role("button", name="Compare").click()
    expect(page.locator(".diff-removed del")).to_have_text(["six"])
    expect(page.locator(".diff-added ins")).to_have_text(["five", "P.S. Thank you."])


def test_logging_out_forgets_the_drafts(browsing, writer):
    user, application = writer
    page = browsing.page(user=user)
    page.goto(edit_url(application))
    page.get_by_label("Content (Markdown)").fill(LETTER.replace("five", "seven"))
    page.wait_for_function(f"() => localStorage.getItem({draft_key(application)!r}) !== null")
    page.close(run_before_unload=False)

    again = browsing.contexts[0].new_page()
    _watch(again, browsing.problems)
    again.goto("/account/")
    again.get_by_role("button", name="Log out", exact=True).click()
    expect(again).to_have_url(f"{browsing.live_server.url}/")
    assert again.evaluate(f"() => localStorage.getItem({draft_key(application)!r})") is None


def test_the_preview_is_set_in_the_pdfs_font_served_by_the_app(browsing, writer):
    user, application = writer
    page = browsing.page(user=user)
    fonts = []
    page.on("response", lambda response: fonts.append(response.url) if ".woff2" in response.url else None)
    page.goto(edit_url(application))
    expect(page.locator("#preview h1")).to_have_text("Letter")
    family = page.locator("#preview").evaluate("element => getComputedStyle(element).fontFamily")
    assert family.startswith('Carlito, Calibri, "DejaVu Sans"')
    assert page.evaluate(
        "async () => { await document.fonts.ready; return document.fonts.check('16px Carlito'); }"
    )
    assert any(url.endswith("/static/fonts/Carlito-Regular.woff2") for url in fonts)
