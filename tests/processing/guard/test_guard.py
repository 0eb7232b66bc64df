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


def test_the_guard_imports_nothing_from_django():
    code = "import sys, processing.guard; sys.exit(any(m.startswith('django') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=60).returncode == 0
