"""Resume text → structure: roles with employer, title, place and dates in the shapes real files use."""

import subprocess
import sys
from pathlib import Path

import pytest

from resumes.structure import resume_structure_parse, structure_to_markdown
from resumes.structure.dates import date_range_find
from tests.resumes.structure import samples

ROOT = Path(__file__).resolve().parents[3]


def roles(text: str) -> list[tuple[str, str, str, str, str]]:
    return [
        (w["position"], w["name"], w["location"], w["startDate"], w["endDate"])
        for w in resume_structure_parse(text)["work"]
    ]


def test_it_reads_employer_dates_and_title_on_one_line():
    assert roles(samples.ONE_LINE_ROLES) == [
        ("Senior Bookkeeper", "Harbor Ledger Partners", "Portland , OR", "2015-06", "present"),
        ("Staff Accountant", "Riverside Dental Group", "Portland , OR", "2011-03", "2015-05"),
        ("Accounting Tutor", "Self-Employed", "Portland , OR", "2008-08", "2011-02"),
    ]


def test_it_joins_lines_the_pdf_wrapped_and_keeps_each_duty_apart():
    work = resume_structure_parse(samples.ONE_LINE_ROLES)["work"]
    assert [h["text"] for h in work[0]["highlights"]] == [
        "Close the books each month for 12 retail clients and prepare quarterly statements for their "
        "lenders and investors.",
        "Reconcile bank, card and payroll accounts.",
    ]
    assert [h["id"] for h in work[0]["highlights"]] == ["w1h1", "w1h2"]


def test_it_reads_dates_on_their_own_lines_even_split_over_three():
    assert roles(samples.DATES_ON_THEIR_OWN) == [
        ("Sous Chef", "Company Name", "City , State", "2017-09", "2023-02"),
        ("Line Cook", "Company Name", "City , State", "2014-04", "2017-08"),
    ]


def test_it_puts_back_the_end_date_a_two_column_pdf_moved():
    structure = resume_structure_parse(samples.TWO_COLUMNS)
    assert roles(samples.TWO_COLUMNS) == [
        ("Backend Developer", "Tidewater Labs", "Lisbon, Portugal", "2021-03", "present"),
        ("Junior Developer", "Saltmarsh Software", "Porto, Portugal", "2017", "2021"),
    ]
    assert [h["text"] for h in structure["work"][0]["highlights"]] == [
        "Built the billing service in Go and PostgreSQL. Cut invoice errors by 30%."
    ]
    assert structure["basics"]["name"] == "Mara Quill"
    assert structure["basics"]["email"] == "mara.quill@example.org"
    assert structure["basics"]["label"] == "Backend Developer"
    assert structure["basics"]["location"] == "Lisbon, Portugal"


def test_it_takes_employer_and_title_from_the_lines_above_the_dates():
    assert roles(samples.STACKED) == [
        ("Data Analyst", "Northwind Analytics", "", "2022-05", "present"),
        ("Research Assistant", "Bluebird University", "", "2021-06", ""),
    ]
    work = resume_structure_parse(samples.STACKED)["work"]
    assert [h["text"] for h in work[0]["highlights"]] == [
        "Built weekly churn dashboards in Tableau for the sales team",
        "Wrote SQL models that cut report time by 40%",
    ]


def test_a_title_above_the_dates_belongs_to_the_next_role_not_the_last_duty():
    assert roles(samples.TITLE_ABOVE) == [
        ("Marketing Director", "Company Name", "City , State", "2019-11", "present"),
        ("Account Executive", "Company Name", "City , State", "2014-06", "2019-10"),
    ]
    work = resume_structure_parse(samples.TITLE_ABOVE)["work"]
    assert [h["text"] for h in work[0]["highlights"]] == ["Lead a team of five marketers."]


def test_it_reads_its_own_markdown():
    structure = resume_structure_parse(samples.MARKDOWN)
    assert roles(samples.MARKDOWN) == [
        ("Platform Engineer", "Acme Robotics", "Berlin, Germany", "2020-01", "present"),
        ("Software Engineer", "Example GmbH", "Hamburg, Germany", "2016-06", "2019-12"),
    ]
    assert structure["basics"] | {"profiles": []} == {
        "name": "Jane Example",
        "label": "Platform Engineer",
        "email": "jane@example.com",
        "phone": "+49 30 1234567",
        "url": "",
        "location": "Berlin, Germany",
        "profiles": [],
    }
    assert structure["basics"]["profiles"][0]["network"] == "Github"
    assert structure["summary"] == "Platform engineer who keeps deploys boring."
    assert structure["skills"] == [
        {"id": "s1", "name": "Languages", "keywords": ["Python", "Go"]},
        {"id": "s2", "name": "Infrastructure", "keywords": ["Kubernetes", "Terraform", "AWS"]},
    ]
    assert structure["certificates"][0]["name"] == "Certified Kubernetes Administrator"
    assert structure["education"][0]["institution"] == "Technical University of Example"
    assert structure["warnings"] == []


@pytest.mark.parametrize(
    "text",
    [
        samples.ONE_LINE_ROLES,
        samples.DATES_ON_THEIR_OWN,
        samples.TWO_COLUMNS,
        samples.STACKED,
        samples.TITLE_ABOVE,
        samples.MARKDOWN,
    ],
)
def test_its_markdown_reads_back_to_the_same_roles(text):
    structure = resume_structure_parse(text)
    again = resume_structure_parse(structure_to_markdown(structure))
    assert again["work"] == structure["work"]
    assert again["basics"]["name"] == structure["basics"]["name"]


def test_page_markers_are_dropped():
    text = samples.ONE_LINE_ROLES.replace("Reconcile bank", "1/2\nReconcile bank")
    highlights = [h["text"] for h in resume_structure_parse(text)["work"][0]["highlights"]]
    assert "1/2" not in " ".join(highlights)


def test_what_it_cannot_place_is_a_warning_not_lost():
    structure = resume_structure_parse("Experience\nSomething I did once\nMore text without dates\n")
    assert structure["work"] == []
    assert any("Something I did once" in warning for warning in structure["warnings"])
    assert any("No work experience" in warning for warning in structure["warnings"])


def test_a_role_missing_its_title_is_flagged_for_review():
    structure = resume_structure_parse(
        "Experience\n04/2006 to 08/2009 Company Name City , State\nWired panels.\n"
    )
    assert structure["work"][0]["position"] == ""
    assert structure["warnings"] == ["No job title found for “Company Name”: please check."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("June 2011 to Current", ("2011-06", "present")),
        ("04/2006 - 09/2016", ("2006-04", "2016-09")),
        ("1/2004-7/2007", ("2004-01", "2007-07")),
        ("2018 – 2022", ("2018", "2022")),
        ("2013-12-01 – 2014-12-01", ("2013-12", "2014-12")),
        ("Sep 2019 - May 2023", ("2019-09", "2023-05")),
        ("Summer 2022", ("2022-06", "")),
        ("Jun 2007 – Jun 2007", ("2007-06", "")),
    ],
)
def test_it_reads_dates_in_their_many_shapes(text, expected):
    span = date_range_find(text)
    assert (span.start, span.end) == expected


def test_the_parser_imports_nothing_from_django():
    code = "import sys, resumes.structure; sys.exit(any(m.startswith('django') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=60).returncode == 0


@pytest.mark.parametrize(
    "hostile",
    [
        "#" * 60_000 + "\u2028" * 5_000,
        "Experience\n" + "June 2011 to " * 5_000,
        "Experience\n" + ("Company Name , " * 4_000) + "\n",
        "Experience\n" + "a@" * 20_000 + "\n",
        "Experience\n" + "1/" * 30_000,
        "Skills\n" + ", " * 50_000,
        "Experience\n" + "(" * 20_000 + "2011 - 2012\n",
    ],
)
def test_hostile_text_parses_in_bounded_time(hostile):
    # A subprocess with a timeout: a pattern that backtracks would blow through it.
    code = "import sys; from resumes.structure import resume_structure_parse; resume_structure_parse(sys.stdin.read())"
    subprocess.run([sys.executable, "-c", code], input=hostile, text=True, cwd=ROOT, timeout=20, check=True)
