"""The CSV import page in a real browser: upload, the preview with each row's fate, then
import; on a desktop and a phone."""

import pytest
from playwright.sync_api import expect

from applications.models import Application
from tests.e2e.conftest import DESKTOP, PHONE, laid_out
from tests.e2e.test_layout import NO_SIDEWAYS_SCROLL
from tests.factories import UserFactory

TRACKER = (
    "Company,Job Title,Status,Date Applied,URL,Location,Salary,Notes\n"
    'Acme Robotics,Backend Engineer,Applied,03/25/2024,https://acme.example/jobs/1,Remote,"$120k-150k",\n'
    "Globex,Data Analyst,Phone screen,04/02/2024,,Berlin,,\n"
    "Initech,Platform Engineer,Thinking about it,,,,,\n"
)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_it_previews_then_imports(browsing, viewport, tmp_path):
    user = UserFactory()
    csv_file = tmp_path / "tracker.csv"
    csv_file.write_text(TRACKER, encoding="utf-8")
    page = browsing.page(user=user, viewport=viewport)

    page.goto("/applications/")
    page.get_by_role("link", name="Import CSV").click()
    page.get_by_label("CSV file").set_input_files(str(csv_file))
    page.get_by_role("button", name="Preview the import").click()

    expect(page.get_by_role("heading", name="Check the import")).to_be_visible()
    expect(page.locator(".import-counts")).to_have_text("2 to create · 0 skipped · 1 rejected")
    rejected = page.get_by_role("region", name="Rows that cannot be imported, and why")
    expect(rejected).to_contain_text("Stage “Thinking about it” is not known")
    expect(page.get_by_role("region", name="Rows to add")).to_contain_text("Globex")
    laid_out(page)
    assert page.evaluate(NO_SIDEWAYS_SCROLL), f"the preview scrolls sideways at {viewport['width']} px"
    assert Application.objects.count() == 0  # a preview writes nothing

    page.get_by_role("button", name="Import 2 applications").click()
    expect(page.get_by_role("heading", name="Import finished")).to_be_visible()
    expect(page.locator("#messages")).to_contain_text("Imported 2 applications.")
    page.get_by_role("link", name="See your applications").click()
    expect(page.locator(".app-list")).to_contain_text("Backend Engineer")
    stages = dict(Application.objects.values_list("company_name", "stage"))
    assert stages == {"Acme Robotics": "applied", "Globex": "interviewing"}


def test_a_file_without_the_columns_says_so_next_to_the_field(browsing, tmp_path):
    user = UserFactory()
    csv_file = tmp_path / "other.csv"
    csv_file.write_text("Name,Colour\nA,B\n", encoding="utf-8")
    page = browsing.page(user=user, viewport=PHONE)
    page.goto("/applications/import/")
    page.get_by_label("CSV file").set_input_files(str(csv_file))
    page.get_by_role("button", name="Preview the import").click()
    expect(page.locator("#id_file_error")).to_contain_text("The file has no Company")
    browsing.problems.allow_console(r"400 \(Bad Request\)")
