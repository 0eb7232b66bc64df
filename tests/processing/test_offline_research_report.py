"""The research report's steps: the match part written from the match analysis (the one the
match page shows), its strengths, gaps and questions."""

from processing.offline.match_section import gap_lines, match_section, match_summary, strength_lines
from processing.offline.posting_analysis import PREFERRED, REQUIRED, PostingAnalysis, SkillDemand
from processing.offline.research_report_writer import _setup_questions, _skill_questions
from processing.offline.skill_vocabulary import skills_find


def _demand(name, importance=REQUIRED):
    (mention,) = skills_find(name)
    return SkillDemand(mention.skill, importance, 3.0, 1, name)


def _requirement(text, kind="must", source="matched", evidence="", keywords=()):
    return {
        "text": text,
        "kind": kind,
        "keywords": list(keywords) or [text],
        "source": source,
        "tailored": None,
        "evidence": [{"document": "source_resume", "text": evidence}] if evidence else [],
    }


DJANGO = _requirement("Django experience", evidence="Built Django services for 2M users.")
REDIS = _requirement("Redis", kind="nice")
KUBERNETES = _requirement("Kubernetes in production", source="missing", keywords=["Kubernetes"])
DOCKER = _requirement("Docker and CI", source="partial", evidence="Shipped with Docker.")


def _analysis(*requirements, score=55, tailored=None):
    return {
        "score": score,
        "score_source": score,
        "score_tailored": tailored,
        "requirements": list(requirements),
    }


def test_it_states_the_score_and_the_must_haves_shown():
    assert match_summary(_analysis(DJANGO, KUBERNETES, DOCKER, REDIS)) == (
        "Match score: **55/100**. Your resume shows **1 of 3** must-have requirements, and 1 in part."
    )
    assert match_summary(_analysis(REDIS, score=100, tailored=90)) == (
        "Match score: **100/100** for your resume, **90/100** for the tailored resume. "
        "The posting marks no requirement as a must-have."
    )


def test_it_quotes_the_resume_for_a_strength():
    assert strength_lines([REDIS, DJANGO, KUBERNETES]) == [
        "- **Django experience** (must-have) — “Built Django services for 2M users.”",
        "- **Redis** (nice-to-have)",
    ]
    assert strength_lines([KUBERNETES]) == [
        "Your resume does not show any of the posting's requirements yet."
    ]


def test_it_lists_gaps_missing_first_with_advice_and_says_when_there_are_none():
    lines = gap_lines([DOCKER, DJANGO, KUBERNETES])

    assert lines[:2] == [
        "- **Kubernetes in production** (must-have) — not shown in your resume",
        "- **Docker and CI** (must-have) — shown in part: “Shipped with Docker.”",
    ]
    assert "never claims them" in lines[-1]
    assert gap_lines([DJANGO]) == ["Your resume shows every requirement the posting states."]


def test_without_an_analysis_it_says_a_resume_is_needed():
    assert "No resume was provided" in match_section(None)
    section = match_section(_analysis(DJANGO, KUBERNETES))
    assert section.startswith("## How your resume matches\n\nMatch score: **55/100**.")
    assert "### Strengths" in section and "### Gaps" in section


def test_it_asks_about_the_tools_the_first_missing_must_have_and_the_setup():
    posting = PostingAnalysis(
        company="Acme", role="Engineer", location="", seniority="Senior", arrangement="Remote"
    )
    posting.skills = [_demand("Python"), _demand("Go", PREFERRED)]

    questions = _skill_questions(posting, _analysis(DJANGO, KUBERNETES))

    assert questions[0].startswith("How does the team use Python day to day")
    assert questions[1].startswith("How central is Kubernetes to the work")
    assert questions[2].startswith("The posting lists Go as a plus: is it in use today")
    assert len(_skill_questions(posting, None)) == 2
    assert [q.split(" ", 4)[:4] for q in _setup_questions(posting)] == [
        ["What", "scope", "of", "ownership"],
        ["How", "does", "the", "team"],
    ]
