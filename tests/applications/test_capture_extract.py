"""Reading a posting from a page or pasted text (SPEC §10), over small pages of our own
in the shapes real career sites use (tests/applications/capture_pages/)."""

from datetime import date
from pathlib import Path

import pytest

from applications.capture.extract import extract_from_html, extract_from_text, html_to_markdown, pay_of

PAGES = Path(__file__).with_name("capture_pages")


def page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def test_it_reads_a_graph_with_an_id_reference_and_an_escaped_description():
    posting = extract_from_html(page("graph_escaped.html"))
    assert posting.title == "Night Nurse"
    assert posting.company == "Harbor Health"  # through the @id reference
    assert posting.locations == ["Durham, NC"]
    assert posting.work_mode == "remote"  # TELECOMMUTE
    assert posting.employment_type == "part_time"
    assert (posting.salary_min, posting.salary_max, posting.salary_currency, posting.salary_period) == (
        38,
        45,
        "USD",
        "hour",
    )
    assert posting.posted_at == date(2025, 3, 1)
    assert posting.deadline == date(2025, 4, 1)
    assert (
        posting.description
        == "Care for patients on the night shift.\n\n- Monitor vitals\n- Chart & hand over"
    )
    assert posting.found_in[0] == "json-ld"


def test_it_skips_other_and_malformed_blocks_and_reads_an_array():
    posting = extract_from_html(page("array_blocks.html"))
    assert posting.title == "Product Marketer"
    assert posting.company == "Loom & Co"  # a plain string
    assert posting.locations == ["New York, NY", "Lyon"]
    assert posting.location == "New York, NY; Lyon"
    assert posting.employment_type == "contract"  # the first of the array
    assert (posting.salary_min, posting.salary_max, posting.salary_currency) == (60000, 75000, "EUR")
    assert posting.posted_at == date(2025, 2, 10)


def test_it_keeps_lists_and_links_and_drops_scripts_from_the_description():
    description = extract_from_html(page("array_blocks.html")).description
    assert description == (
        "Own our launches.\n\n"
        "1. Write the story\n"
        "2. Train sales\n"
        "   - Decks\n\n"
        "Apply [here](https://loom.example/apply)."
    )
    assert "alert" not in description


def test_it_reads_microdata_with_nested_items():
    posting = extract_from_html(page("microdata.html"))
    assert posting.title == "Pastry Baker"
    assert posting.company == "Crumb Bakery"
    assert posting.locations == ["Portland, OR"]
    assert posting.employment_type == "full_time"
    assert (posting.salary_min, posting.salary_max, posting.salary_currency) == (52000, 52000, "USD")
    assert posting.posted_at == date(2025, 1, 15)
    assert "- Croissants\n- Early starts" in posting.description
    assert posting.found_in[0] == "microdata"


def test_it_falls_back_to_opengraph_and_the_page_text():
    posting = extract_from_html(page("meta_only.html"))
    assert posting.title == "Data Engineer"  # og:title without "- company"
    assert posting.company == "Quarry Analytics"  # og:site_name without "Careers"
    assert posting.locations == ["Atlanta, GA"]
    # The page's description section, not the short <meta> summary, nor the nav/footer.
    assert posting.description.startswith("Build and run our pipelines.")
    assert "All jobs" not in posting.description and "©" not in posting.description
    assert posting.work_mode == "hybrid"
    assert (posting.salary_min, posting.salary_max, posting.salary_period) == (120000, 150000, "year")


def test_it_reads_name_when_there_is_no_title_and_invents_nothing():
    html = (
        '<html><head><script type="application/ld+json">{"@type": "JobPosting", "name": "App Developer",'
        ' "hiringOrganization": {"@type": "Organization", "name": "Acme"}}</script></head>'
        "<body><p>App Developer at Acme.</p></body></html>"
    )
    posting = extract_from_html(html)
    assert (posting.title, posting.company, posting.locations) == ("App Developer", "Acme", [])
    assert posting.salary_min is None and posting.deadline is None


@pytest.mark.parametrize("html", ["", "   ", "<html></html>", b"\xff\xfe not html", "{not json"])
def test_it_returns_an_empty_posting_for_pages_without_one(html):
    posting = extract_from_html(html)
    assert posting.title is None and posting.company is None


def test_it_converts_headings_emphasis_and_line_breaks():
    assert html_to_markdown("<h2>About <b>us</b></h2><p>We <strong>ship</strong>.<br>Often.</p>") == (
        "### About us\n\nWe **ship**.\nOften."
    )


def test_it_reads_a_pasted_posting():
    text = (
        "Senior Backend Engineer\n"
        "Northwind · Austin, TX (Hybrid)\n\n"
        "We build logistics software. This is a full-time role.\n"
        "Compensation: $140k - $165k per year plus equity.\n"
    )
    posting = extract_from_text(text)
    assert posting.title == "Senior Backend Engineer"
    assert posting.company == "Northwind"
    assert posting.locations == ["Austin, TX (Hybrid)"]
    assert posting.work_mode == "hybrid"
    assert posting.employment_type == "full_time"
    assert (posting.salary_min, posting.salary_max, posting.salary_currency, posting.salary_period) == (
        140000,
        165000,
        "USD",
        "year",
    )
    assert posting.description == text.strip()


def test_it_prefers_labelled_lines_and_splits_role_at_company():
    labelled = extract_from_text(
        "Job title: QA Lead\nCompany: Fabrikam\nLocation: Remote, US\n\nTest things."
    )
    assert (labelled.title, labelled.company, labelled.location) == ("QA Lead", "Fabrikam", "Remote, US")
    at = extract_from_text("Barista at Blue Cup\n\nMake coffee for our guests every morning.")
    assert (at.title, at.company) == ("Barista", "Blue Cup")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pay: $120-150k", (120000, 150000, "USD", "year")),
        ("between $173,000 and $250,000 a year", (173000, 250000, "USD", "year")),
        ("€45 - €55 per hour", (45, 55, "EUR", "hour")),
        ("£30/hr", (30, 30, "GBP", "hour")),
        ("USD 90,000 to 100,000 annually", (90000, 100000, "USD", "year")),
        ("We raised $50M. Salary $95,000 - $110,000 CAD", (95000, 110000, "CAD", "year")),
        ("A $5 coffee voucher and $36 billion processed", (None, None, None, None)),
    ],
)
def test_it_reads_pay(text, expected):
    assert pay_of(text) == expected
