"""Matching requirements against a resume: synonyms, word forms, evidence, the structure."""

from matching.analysis import analyse_match

ACCOUNTANT_POSTING = """Senior Accountant

Requirements
- Account reconciliation experience
- Month-end close
- 3+ years of general accounting experience
- PostgreSQL or Oracle reporting
"""
ACCOUNTANT_RESUME = """Staff Accountant, Beacon Builders (2019 - 2024)
- Reconcile and account for all activity in the general ledger
- Prepare journal entries for quarterly and annual close procedures
- Wrote reporting queries against Postgres
"""


def _by_text(report) -> dict:
    return {requirement.text: requirement for requirement in report.requirements}


def test_reconciliation_and_close_procedures_are_found_with_their_evidence():
    report = _by_text(
        analyse_match(posting_text=ACCOUNTANT_POSTING, resume_structure=None, resume_text=ACCOUNTANT_RESUME)
    )

    reconciliation = report["Account reconciliation experience"]
    assert reconciliation.source == "matched"
    assert [e.text for e in reconciliation.evidence] == [
        "Reconcile and account for all activity in the general ledger"
    ]
    close = report["Month-end close"]
    assert close.source == "matched"
    assert [e.text for e in close.evidence] == [
        "Prepare journal entries for quarterly and annual close procedures"
    ]


def test_postgres_is_postgresql_and_either_alternative_meets_the_requirement():
    report = _by_text(
        analyse_match(posting_text=ACCOUNTANT_POSTING, resume_structure=None, resume_text=ACCOUNTANT_RESUME)
    )

    assert report["PostgreSQL or Oracle reporting"].source == "matched"


def test_years_come_from_the_resume_dates():
    report = _by_text(
        analyse_match(posting_text=ACCOUNTANT_POSTING, resume_structure=None, resume_text=ACCOUNTANT_RESUME)
    )
    short = _by_text(
        analyse_match(
            posting_text=ACCOUNTANT_POSTING,
            resume_structure=None,
            resume_text=ACCOUNTANT_RESUME.replace("2019 - 2024", "2023 - 2024"),
        )
    )

    assert report["3+ years of general accounting experience"].source == "matched"
    assert short["3+ years of general accounting experience"].source == "partial"


def test_a_requirement_the_resume_does_not_hold_is_missing_without_evidence():
    report = _by_text(
        analyse_match(
            posting_text="Requirements\n- Kubernetes\n- CPA license\n",
            resume_structure=None,
            resume_text=ACCOUNTANT_RESUME,
        )
    )

    assert report["CPA license"].source == "missing"
    assert report["CPA license"].evidence == ()


def test_partial_when_only_some_keywords_are_met():
    report = analyse_match(
        posting_text="Requirements\n- Experience with Django, Rust and Terraform\n",
        resume_structure=None,
        resume_text="Built services in Django",
    )

    assert report.requirements[0].source == "partial"


def test_the_structure_is_read_when_there_is_one():
    structure = {
        "basics": {"name": "Morgan Ellery", "label": "Accountant"},
        "summary": "Accountant for construction companies.",
        "work": [
            {
                "id": "w1",
                "name": "Beacon Builders",
                "position": "Staff Accountant",
                "startDate": "2015-03",
                "endDate": "present",
                "highlights": [
                    {"id": "w1h1", "text": "Reconcile and account for all activity in the general ledger"}
                ],
            }
        ],
        "education": [
            {"id": "e1", "institution": "Lakeside College", "area": "Accounting", "studyType": "B.S."}
        ],
        "skills": [{"id": "s1", "name": "Tools", "keywords": ["NetSuite", "Excel"]}],
        "certificates": [],
        "projects": [],
        "other": [],
    }
    posting = "Requirements\n- Account reconciliation\n- ERP experience\n- Bachelor's degree\n- 5+ years of experience\n"

    report = _by_text(analyse_match(posting_text=posting, resume_structure=structure, resume_text="ignored"))

    assert (
        report["Account reconciliation"].evidence[0].text
        == "Reconcile and account for all activity in the general ledger"
    )
    assert report["ERP experience"].evidence[0].text == "Tools: NetSuite, Excel"  # NetSuite is an ERP
    assert report["Bachelor's degree"].source == "matched"
    # "present" is the latest year the resume's dates name (2015), never today's date.
    assert report["5+ years of experience"].source == "missing"


def test_without_a_structure_the_resume_text_is_read():
    report = analyse_match(
        posting_text="Requirements\n- Account reconciliation\n",
        resume_structure={},
        resume_text=ACCOUNTANT_RESUME,
    )

    assert report.requirements[0].source == "matched"


def test_a_tailored_resume_gets_its_own_status_and_evidence():
    report = _by_text(
        analyse_match(
            posting_text=ACCOUNTANT_POSTING,
            resume_structure=None,
            resume_text=ACCOUNTANT_RESUME,
            tailored_text="## Experience\n- Reconciled general ledger accounts monthly\n",
        )
    )

    reconciliation = report["Account reconciliation experience"]
    assert (reconciliation.source, reconciliation.tailored) == ("matched", "matched")
    assert [(e.document, e.text) for e in reconciliation.evidence] == [
        ("source_resume", "Reconcile and account for all activity in the general ledger"),
        ("optimized_resume", "Reconciled general ledger accounts monthly"),
    ]
    assert report["Month-end close"].tailored == "missing"


def test_a_number_that_looks_like_a_year_does_not_stretch_the_dates():
    resume = "Account Manager, Acme (2019 - present)\n- Served 2099 customers across 2 states\n- Closed 2020 deals\n"

    report = analyse_match(
        posting_text="Requirements\n- 3+ years of experience\n", resume_structure=None, resume_text=resume
    )

    assert report.requirements[0].source == "missing"  # 2019 to present (2019): no years shown
