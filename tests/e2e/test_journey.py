"""A new user's whole first session, in a real browser: from signing up to the board."""

import re

import pytest
from docx import Document as DocxDocument
from playwright.sync_api import expect

from applications.models import Application
from documents.models import Document
from jobforge.accounts.models import User
from tests.factories import JOB_DESCRIPTION, PASSWORD, RESUME_MARKDOWN, ApplicationFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHASES = ("research", "resume", "cover_letter")


def _resume_docx(path):
    """A small Word resume made from the factory's Markdown (headings and bullets kept)."""
    docx = DocxDocument()
    for line in RESUME_MARKDOWN.splitlines():
        if line.startswith("# "):
            docx.add_heading(line[2:], level=1)
        elif line.startswith("## "):
            docx.add_heading(line[3:], level=2)
        elif line.startswith("### "):
            docx.add_heading(line[4:], level=3)
        elif line.startswith("- "):
            docx.add_paragraph(line[2:], style="List Bullet")
        elif line.strip():
            docx.add_paragraph(line)
    docx.save(path)
    return path


def _phase(page, phase):
    return page.locator(f"#phase-{phase}")


def test_it_takes_a_new_user_from_sign_up_to_applied(browsing, tmp_path):
    page = browsing.page()

    # Sign up from the landing page.
    page.goto("/")
    page.get_by_role("link", name="Get started").click()
    expect(page).to_have_url(f"{browsing.live_server.url}/accounts/signup/")
    page.get_by_label("First name").fill("Jordan")
    page.get_by_label("Last name").fill("Rivera")
    page.get_by_label("Email").fill("jordan@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(f"{browsing.live_server.url}/resumes/")
    expect(page.locator(".messages")).to_contain_text("Welcome to Job Forge")
    user = User.objects.get(email="jordan@example.com")

    # Upload a resume file (Word).
    page.goto("/resumes/upload/")
    page.get_by_label("Resume file").set_input_files(_resume_docx(tmp_path / "jordan-rivera.docx"))
    page.get_by_role("button", name="Upload and import").click()
    expect(page.locator(".messages")).to_contain_text("imported")
    expect(page.locator("main")).to_contain_text("Northwind Logistics")
    assert user.resumes.count() == 1

    # Create an application.
    page.get_by_role("link", name="New application").first.click()
    page.get_by_label("Company").fill("Acme Robotics")
    page.get_by_label("Role").fill("Senior Backend Engineer")
    page.get_by_label("Job description").fill(JOB_DESCRIPTION)
    page.get_by_role("button", name="Save application").click()
    expect(page).to_have_url(re.compile(r"/applications/[0-9a-f-]{36}/$"))
    application = Application.objects.get(user=user)
    assert page.url.endswith(f"/applications/{application.pk}/")
    expect(page.locator("h1")).to_have_text("Senior Backend Engineer")

    # Run the three phases in order; each start reloads the page with its panel finished.
    expect(_phase(page, "research")).to_have_attribute("data-state", "ready")
    expect(_phase(page, "resume")).to_have_attribute("data-state", "blocked")
    expect(_phase(page, "resume")).to_contain_text("Run the research first")
    for phase, button in (
        ("research", "Start research"),
        ("resume", "Tailor my resume"),
        ("cover_letter", "Write the cover letter"),
    ):
        panel = _phase(page, phase)
        expect(panel).to_have_attribute("data-state", "ready")
        if phase == "cover_letter":
            panel.get_by_label("Anything to add or stress?").fill("I was referred by Sam Lee.")
        panel.get_by_role("button", name=button).click()
        expect(_phase(page, phase)).to_have_attribute("data-state", "completed")
        expect(_phase(page, phase).locator(".badge")).to_have_text("Done")
    for phase in PHASES:
        expect(_phase(page, phase)).to_have_attribute("data-state", "completed")
    # Only the documents made on demand (follow-up, thank-you, interview prep) are still to write.
    expect(page.locator(".doc-missing")).to_have_count(3)
    assert Document.objects.filter(application=application).count() == 3

    # Open the cover letter, edit it and watch the live preview follow the typing.
    _phase(page, "cover_letter").get_by_role("link", name="Open the cover letter").click()
    expect(page.locator("h1")).to_have_text("Cover letter")
    original = Document.objects.get(application=application, document_type="cover_letter").content
    page.get_by_role("link", name="Edit", exact=True).click()
    page.wait_for_load_state()
    editor = page.locator("textarea[name=content]")
    editor.fill("# Dear Acme team\n\nI build **reliable** Python services.")
    expect(page.locator("#preview h1")).to_have_text("Dear Acme team")
    expect(page.locator("#preview strong")).to_have_text("reliable")
    page.get_by_role("button", name="Save new version").click()
    expect(page.locator(".messages")).to_contain_text("Saved as version 2")
    expect(page.locator(".prose h1")).to_have_text("Dear Acme team")

    # Restore the generated version from the history.
    page.get_by_role("link", name="History").click()
    expect(page.locator(".version-item")).to_have_count(2)
    page.locator(".version-item", has_text="Version 1").get_by_role("button", name="Restore").click()
    expect(page.locator(".messages")).to_contain_text("Version 1 restored as version 3")
    expect(page.locator(".prose")).not_to_contain_text("Dear Acme team")
    cover_letter = Document.objects.get(application=application, document_type="cover_letter")
    assert (cover_letter.version, cover_letter.content) == (3, original)

    # Download the PDF.
    with page.expect_download() as download_info:
        page.get_by_role("button", name="PDF", exact=True).click()
    download = download_info.value
    assert download.suggested_filename == "Jordan_Rivera_Cover_Letter_Acme_Robotics.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # Move the application to "applied" on the board (htmx swaps the board in place).
    page.get_by_role("link", name="Board", exact=True).click()
    page.wait_for_load_state()  # htmx wires the forms up once the page has loaded
    expect(page.locator('[data-stage="saved"]').locator(f"#card-{application.pk}")).to_be_visible()
    card = page.locator(f"#card-{application.pk}")
    card.locator("summary").click()
    page.locator(f"#stage-{application.pk}").select_option("applied")
    card.get_by_role("button", name="Move").click()  # choosing alone moves nothing
    expect(page.locator('[data-stage="applied"]').locator(f"#card-{application.pk}")).to_be_visible()
    expect(page.locator('[data-stage="saved"]').locator(f"#card-{application.pk}")).to_have_count(0)
    application.refresh_from_db()
    assert application.stage == "applied"
    assert application.applied_at is not None
    page.reload()
    expect(page.locator('[data-stage="applied"]').locator(f"#card-{application.pk}")).to_be_visible()

    # Log out: the pages are closed again.
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    page.goto("/applications/")
    expect(page).to_have_url(f"{browsing.live_server.url}/accounts/login/?next=/applications/")


def test_it_moves_a_card_by_dragging_it_to_another_column(browsing):
    user = UserFactory()
    application = ApplicationFactory(user=user)
    page = browsing.page(user=user)

    page.goto("/applications/board/")
    page.locator(f"#card-{application.pk}").drag_to(page.locator('.board-column[data-stage="interviewing"]'))

    expect(page.locator('[data-stage="interviewing"]').locator(f"#card-{application.pk}")).to_be_visible()
    application.refresh_from_db()
    assert application.stage == "interviewing"


def test_it_moves_a_card_with_javascript_turned_off(browsing):
    user = UserFactory()
    application = ApplicationFactory(user=user)
    page = browsing.page(user=user, javascript=False)

    page.goto("/applications/board/")
    page.locator(f"#card-{application.pk} summary").click()
    page.locator(f"#stage-{application.pk}").select_option("applied")
    assert Application.objects.get(pk=application.pk).stage == "saved"  # nothing happens until "Move"
    page.locator(f"#card-{application.pk}").get_by_role("button", name="Move").click()

    expect(page).to_have_url(f"{browsing.live_server.url}/applications/board/")
    expect(page.locator('[data-stage="applied"]').locator(f"#card-{application.pk}")).to_be_visible()
    application.refresh_from_db()
    assert application.stage == "applied"


def test_it_logs_in_with_the_form_and_lands_on_the_dashboard(browsing):
    UserFactory(email="sam@example.com", first_name="Sam")
    page = browsing.page()

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("sam@example.com")
    page.get_by_label("Password").fill("wrong-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("main")).to_contain_text("password")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page).to_have_url(f"{browsing.live_server.url}/")
    expect(page.locator("h1")).to_have_text("Hello, Sam")
