"""The offline writer on the structure: it selects, orders and lightly rewords, and every
document it writes passes the fact guard, related posting or not."""

from datetime import date

import pytest

from processing.guard import document_check, facts_from_structure
from processing.tailoring.draft import draft_to_markdown
from processing.tailoring.offline import Posting, _as_first_person, _as_title, cover_letter, tailored_draft
from resumes.structure import resume_structure_parse
from tests.resumes.structure import samples

TODAY = date(2026, 12, 2)
BACKEND = Posting(
    text="We need a backend engineer with Go, PostgreSQL and Kubernetes. 5+ years of experience. "
    "You will own our billing platform on AWS.",
    company="Ledgerly",
    role_title="Senior Backend Engineer",
)
NURSE = samples.TITLE_ABOVE.replace("Marketing Director", "Charge Nurse").replace(
    "Account Executive", "Registered Nurse"
)


@pytest.mark.parametrize(
    "resume",
    [
        samples.ONE_LINE_ROLES,
        samples.DATES_ON_THEIR_OWN,
        samples.TWO_COLUMNS,
        samples.STACKED,
        samples.MARKDOWN,
        NURSE,
    ],
)
def test_every_document_passes_the_guard(resume):
    structure = resume_structure_parse(resume)
    facts = facts_from_structure(structure, today=TODAY, source_text=resume)
    for document in (
        draft_to_markdown(tailored_draft(structure, BACKEND, today=TODAY), structure),
        cover_letter(structure, BACKEND, today=TODAY),
    ):
        assert (
            document_check(
                document=document,
                facts=facts,
                today=TODAY,
                posting=BACKEND.text,
                company=BACKEND.company,
                role_title=BACKEND.role_title,
            )
            == []
        ), document


def test_the_tailored_resume_keeps_every_role_and_leads_with_what_the_posting_asks_for():
    structure = resume_structure_parse(samples.TWO_COLUMNS)
    markdown = draft_to_markdown(tailored_draft(structure, BACKEND, today=TODAY), structure)
    assert "### Backend Developer — Tidewater Labs" in markdown
    assert "### Junior Developer — Saltmarsh Software" in markdown
    assert markdown.startswith("# Mara Quill\n")
    # The summary is made of facts: the latest title and the years the dates span.
    assert "Backend Developer with 9 years of experience." in markdown
    assert "Key skills: Go, PostgreSQL, Kubernetes." in markdown
    assert "Lisbon, Portugal · mara.quill@example.org" in markdown


def test_the_summary_never_takes_a_number_from_elsewhere():
    text = samples.ONE_LINE_ROLES + "\nCertifications\nCPA exam rules require two years of work experience\n"
    structure = resume_structure_parse(text)
    markdown = draft_to_markdown(tailored_draft(structure, BACKEND, today=TODAY), structure)
    assert "two years" not in markdown.split("## Experience")[0]
    assert "Senior Bookkeeper with 18 years of experience." in markdown


def test_the_letter_rewords_lines_into_the_first_person_in_the_right_tense():
    structure = resume_structure_parse(samples.ONE_LINE_ROLES)
    letter = cover_letter(structure, BACKEND, today=TODAY)
    assert "I am writing to apply for the Senior Backend Engineer position at Ledgerly." in letter
    assert "Currently, I work as a Senior Bookkeeper at Harbor Ledger Partners." in letter
    assert "I close the books each month" in letter  # a current role: present tense
    assert "I ran accounts payable for four clinics." in letter  # an earlier role: past tense
    assert "December 2, 2026" in letter
    assert ".." not in letter


def test_the_letter_signs_with_the_resumes_name():
    structure = resume_structure_parse(samples.MARKDOWN)
    letter = cover_letter(structure, BACKEND, today=TODAY)
    assert letter.rstrip().endswith("Sincerely,\n\nJane Example")


@pytest.mark.parametrize(
    ("position", "phrase"),
    [
        ("Machine Learning Engineer", "a Machine Learning Engineer"),
        ("Associate Fund Controller", "an Associate Fund Controller"),
        ("Underwriter", "an Underwriter"),
        ("Unit Manager", "a Unit Manager"),
        ("RN", "an RN"),
        ("UX Designer", "a UX Designer"),
        ("Head of Product", "Head of Product"),
        ("Director of Finance", "Director of Finance"),
    ],
)
def test_a_title_in_a_sentence_reads_with_its_article(position, phrase):
    assert _as_title(position) == phrase


@pytest.mark.parametrize(
    ("line", "current", "said"),
    [
        (
            "Hires trains, and supervises the kitchen staff.",
            False,
            "I hired, trained and supervised the kitchen staff.",
        ),
        (
            "Execute implement, and modify lesson plans.",
            True,
            "I execute, implement and modify lesson plans.",
        ),
        ("Prepare and file quarterly taxes.", False, "I prepared and filed quarterly taxes."),
        # Nouns after the verb stay nouns.
        ("Manage budgets and reports.", True, "I manage budgets and reports."),
        ("Prepared reports, budgets, and forecasts.", False, "I prepared reports, budgets, and forecasts."),
    ],
)
def test_every_verb_of_a_line_is_put_in_the_letters_tense(line, current, said):
    assert _as_first_person(line, current=current) == said
