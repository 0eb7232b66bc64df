"""The cover letter's steps: who signs it, which skills it names, how long it grows."""

from datetime import date

from processing.offline.cover_letter_writer import (
    MAX_WORDS,
    MIN_WORDS,
    _Letter,
    _paragraphs_for_a_page,
    _signature,
    _words,
)
from processing.offline.posting_analysis import posting_analyse
from processing.offline.resume_analysis import ParsedResume, resume_parse
from tests.factories import JOB_DESCRIPTION, RESUME_MARKDOWN
from tests.processing.fixtures import DEVOPS, JOHN_DOE, posting, resume


def _letter(description=JOB_DESCRIPTION, resume_text=RESUME_MARKDOWN, company="Acme Robotics", **fields):
    analysis = posting_analyse(description=description, role="Senior Backend Engineer", company=company)
    values = {"research_report": "", "additional_context": "", "applicant_name": "", **fields}
    return _Letter.gather(posting=analysis, resume=resume_parse(resume_text), **values)


def test_it_signs_with_the_applicant_name_in_title_case_and_markdown_safe():
    assert _signature("  JANE DOE ", ParsedResume(name="X")) == "Jane Doe"
    assert _signature("", ParsedResume(name="Jo *Roe*")) == "Jo \\*Roe\\*"


def test_it_names_only_skills_the_resume_shows_specific_ones_first():
    letter = _letter()

    assert letter.matched_names[:3] == ["Python", "PostgreSQL", "Django"]
    assert "Kubernetes" not in letter.matched_names  # asked for, but not on the resume
    assert len(letter.matched_names) <= 4


def test_it_quotes_no_responsibility_that_names_a_skill_the_resume_lacks():
    row = posting(DEVOPS)
    letter = _letter(row["description"], resume(JOHN_DOE), company=row["company"])

    assert letter.responsibilities
    assert not any("Kubernetes" in r or "Azure" in r for r in letter.responsibilities)


def test_it_grows_the_letter_to_fill_a_page_but_never_past_it():
    letter = _letter(additional_context="I build robots on weekends. " * 30)

    paragraphs = _paragraphs_for_a_page(letter)

    assert MIN_WORDS <= _words(paragraphs) <= MAX_WORDS
    assert _words(letter.paragraphs(2, 600, fuller=False)) <= _words(paragraphs)


def test_it_greets_the_team_without_a_company_name():
    letter = _letter(company="")

    blocks = letter.blocks(["Body."], date(2025, 7, 1))

    assert blocks[1:3] == ["July 1, 2025\n", "Dear Hiring Team,\n"]
    assert blocks[-1] == "Sincerely,  \nJordan Rivera\n"
