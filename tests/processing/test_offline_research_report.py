"""The research report's steps: the match summary, strengths, gaps and questions."""

from processing.offline.posting_analysis import PREFERRED, REQUIRED, PostingAnalysis, SkillDemand
from processing.offline.research_report_writer import (
    _gap_lines,
    _match_share,
    _setup_questions,
    _skill_questions,
    _strength_lines,
)
from processing.offline.resume_analysis import Evidence, ResumeMatch, SkillMatch
from processing.offline.skill_vocabulary import skills_find


def _demand(name, importance=REQUIRED):
    (mention,) = skills_find(name)
    return SkillDemand(mention.skill, importance, 3.0, 1, name)


def _match(strengths=(), gaps=(), required=(0, 0)):
    return ResumeMatch(
        strengths=list(strengths), gaps=list(gaps), required_total=required[0], required_matched=required[1]
    )


def test_it_states_the_share_of_required_skills_shown():
    assert _match_share(_match(required=(4, 3))) == "Your resume shows **3 of 4** required skills (75%)."
    assert _match_share(_match()).startswith("The posting names no specific required skills")


def test_it_quotes_the_resume_for_a_strength_and_leaves_out_unproven_soft_skills():
    evidence = Evidence("Built Django services for 2M users.", "Engineer — Acme", 3)
    strengths = [
        SkillMatch(_demand("Django"), evidence),
        SkillMatch(_demand("Redis", PREFERRED), Evidence("", "")),
        SkillMatch(_demand("teamwork"), Evidence("", "")),
    ]

    assert _strength_lines(_match(strengths)) == [
        "- **Django** (required) — “Built Django services for 2M users.” (Engineer — Acme)",
        "- **Redis** (preferred) — named in your resume",
    ]
    assert _strength_lines(_match()) == ["None of the posting's recognisable skills appear in your resume."]


def test_it_lists_gaps_with_advice_and_says_when_there_are_none():
    lines = _gap_lines(_match(gaps=[SkillMatch(_demand("Kubernetes"), None)]))

    assert lines[0] == "- **Kubernetes** (required) — not found in your resume"
    assert lines[-1].startswith("If you do have real experience")
    assert _gap_lines(_match()) == [
        "No required or preferred skill from the posting is missing from your resume."
    ]


def test_it_asks_about_the_tools_the_biggest_gap_and_the_setup():
    posting = PostingAnalysis(
        company="Acme", role="Engineer", location="", seniority="Senior", arrangement="Remote"
    )
    posting.skills = [_demand("Python"), _demand("Go", PREFERRED)]
    match = _match(gaps=[SkillMatch(_demand("Kubernetes"), None)])

    questions = _skill_questions(posting, match)

    assert questions[0].startswith("How does the team use Python day to day")
    assert questions[1].startswith("How central is Kubernetes to the work")
    assert questions[2].startswith("The posting lists Go as a plus: is it in use today")
    assert [q.split(" ", 4)[:4] for q in _setup_questions(posting)] == [
        ["What", "scope", "of", "ownership"],
        ["How", "does", "the", "team"],
    ]
