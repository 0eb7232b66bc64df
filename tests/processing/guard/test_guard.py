"""The fact guard: a document may reword the user's facts, never add one (SPEC §9.2)."""

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from processing.guard import document_check, facts_from_structure, violations_summary
from resumes.structure import resume_structure_parse
from tests.resumes.structure import samples

ROOT = Path(__file__).resolve().parents[3]
TODAY = date(2026, 12, 2)
POSTING = (
    "Acme Robotics is hiring a Senior Platform Engineer. You will run our Kubernetes platform on AWS "
    "with Terraform and Rust services. 5+ years of experience required. Our team of 40 ships daily."
)


@pytest.fixture(scope="module")
def facts():
    return facts_from_structure(resume_structure_parse(samples.MARKDOWN), today=TODAY)


def check(text, facts, **kwargs):
    kwargs.setdefault("posting", POSTING)
    kwargs.setdefault("company", "Acme Robotics")
    kwargs.setdefault("role_title", "Senior Platform Engineer")
    return document_check(document=text, facts=facts, today=TODAY, **kwargs)


def kinds(violations):
    return sorted((v.kind, v.text) for v in violations)


def test_the_users_own_facts_reworded_pass(facts):
    document = (
        "# Jane Example\n\n### Platform Engineer — Acme Robotics\n*Berlin, Germany · Jan 2020 – Present*\n\n"
        "- Migrated 40 services to Kubernetes without downtime.\n- Reduced cloud spend 25% through autoscaling.\n\n"
        "### Software Engineer — Example GmbH\n\n- Built the order pipeline with Python and Postgres.\n"
    )
    assert check(document, facts) == []


def test_an_invented_number_employer_and_skill_are_each_caught(facts):
    document = (
        "### Staff Engineer — Google\n\n"
        "- Moved 400 services to Kubernetes.\n"
        "- Wrote the billing engine in Rust.\n"
        "I led the platform team at Initech for seven years.\n"
    )
    found = kinds(check(document, facts))
    assert ("employer", "Google") in found
    assert ("title", "Staff Engineer") in found
    assert ("number", "400") in found
    assert ("skill", "Rust") in found
    assert ("employer", "Initech") in found
    assert ("year_count", "seven years") in found


def test_a_posting_term_may_stand_in_a_sentence_about_the_employer(facts):
    about_them = "I would love to help your team grow its Rust services and its 40-person group."
    assert check(about_them, facts) == []
    as_mine = "I have built Rust services for years."
    assert kinds(check(as_mine, facts)) == [("skill", "Rust")]


def test_year_counts_must_follow_from_the_dates(facts):
    # Roles from Jun 2016 to the present (2026): ten years.
    assert check("Ten years of building platforms.", facts) == []
    assert check("Over 8 years of building platforms.", facts) == []
    assert kinds(check("Two years of experience building platforms.", facts)) == [("year_count", "Two years")]
    assert kinds(check("15+ years of experience.", facts)) == [("year_count", "15+ years")]


def test_the_letter_date_and_the_roles_years_are_allowed(facts):
    assert check("December 2, 2026\n\nSince 2020 I have run platforms; before that, from 2016.", facts) == []


def test_degrees_and_certifications_must_be_the_users(facts):
    assert check("I hold a B.Sc. in Computer Science.", facts) == []
    found = kinds(check("I hold an MBA and I am a Certified Scrum Master.", facts))
    assert ("credential", "MBA") in found
    assert any(kind == "credential" and "Certified Scrum Master" in text for kind, text in found)


def test_guidance_is_never_quoted(facts):
    guidance = "Emphasise my Kubernetes work and keep it short please"
    quoted = 'In my own words: "Emphasise my Kubernetes work and keep it short please."'
    assert kinds(check(quoted, facts, guidance=guidance))[0][0] == "guidance"
    followed = "I moved 40 services to Kubernetes with zero downtime."
    assert check(followed, facts, guidance=guidance) == []


def test_the_summary_names_what_would_have_been_invented(facts):
    violations = check("- Moved 400 services to Nomad at Initech.", facts)
    message = violations_summary(violations)
    assert message.startswith("The draft stated things your resume does not:")
    assert "“400”" in message and "“Initech”" in message


# Drafts written the way models write them: the user's facts reworded, with the usual
# letter phrases around them. None of it may be flagged.
MODEL_LETTER = """Jane Example
jane@example.com | +49 30 1234567

December 2, 2026

Dear Hiring Manager,

I am excited to apply for the Senior Platform Engineer role at Acme Robotics. With ten years of experience building and running platforms, I was drawn to your team's focus on Kubernetes and AWS.

In my current role as a Platform Engineer at Acme Robotics, I moved 40 services to Kubernetes with zero downtime and cut cloud spend by 25% through autoscaling. Earlier, as a Software Engineer at Example GmbH in Hamburg, I built the order pipeline in Python and PostgreSQL, which taught me to care about reliability from the first line of code.

I am a Certified Kubernetes Administrator, and I work daily with Terraform and AWS. I would welcome the opportunity to bring this experience to your platform team and help it keep shipping daily.

Thank you for your time and consideration. I look forward to the possibility of discussing how I can contribute.

Sincerely,
Jane Example
"""

MODEL_RESUME = """# Jane Example

Berlin, Germany · jane@example.com · +49 30 1234567 · github.com/jane-example

## Summary

Platform Engineer with 10 years of experience in Python, Kubernetes and AWS, who keeps deploys boring.

## Experience

### Platform Engineer — Acme Robotics
*Berlin, Germany · Jan 2020 – Present*

- Migrated 40 services to Kubernetes with zero downtime
- Reduced cloud spend by 25% by introducing autoscaling

### Software Engineer — Example GmbH
*Hamburg, Germany · Jun 2016 – Dec 2019*

- Built the order-processing pipeline in Python and PostgreSQL

## Education

- B.Sc. in Computer Science — Technical University of Example (2016)

## Skills

**Languages:** Python, Go · **Infrastructure:** Kubernetes, Terraform, AWS

## Certifications

- Certified Kubernetes Administrator (CNCF, 2021)
"""


@pytest.mark.parametrize("document", [MODEL_LETTER, MODEL_RESUME], ids=["letter", "resume"])
def test_honest_drafts_in_a_models_style_pass(facts, document):
    assert check(document, facts) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A number of the posting's, said of the user.
        ("I led a team of 5 engineers at Acme Robotics.", ("number", "5")),
        # A share the resume does not state, though "40" is in it ("40 services").
        ("I cut cloud spend by 40% with autoscaling.", ("number", "40%")),
        # The posting's own title, claimed as a job the user held.
        ("I was promoted to Senior Platform Engineer last spring.", ("title", "Senior Platform Engineer")),
        ("I served as Engineering Manager at Example GmbH.", ("title", "Engineering Manager")),
        # A posting skill claimed in one clause, the employer named in the next.
        ("I am proficient in Rust, which your team uses for its services.", ("skill", "Rust")),
        ("I graduated from Stanford University.", ("school", "Stanford University")),
        ("I am AWS Certified Solutions Architect.", ("credential", "Certified Solutions Architect")),
    ],
)
def test_what_models_tend_to_invent_is_caught(facts, sentence, expected):
    assert expected in kinds(check(sentence, facts))


def test_the_employers_own_words_in_a_first_person_sentence_pass(facts):
    assert check("I was drawn to your team's focus on Rust and its team of 40.", facts) == []
    assert check("I look forward to working with your Rust services.", facts) == []


def test_the_guard_imports_nothing_from_django():
    code = "import sys, processing.guard; sys.exit(any(m.startswith('django') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=60).returncode == 0
