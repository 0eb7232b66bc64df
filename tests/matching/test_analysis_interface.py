"""The engine's public interface: the report's shape (SPEC §11) and its determinism."""

from matching.analysis import MatchAnalysis, analyse_match, extract_requirements

POSTING = """Requirements
- 3+ years of experience with Python and PostgreSQL
- Experience with Docker

Nice to have
- Kubernetes experience is a plus
"""
RESUME = """Backend Developer, Acme (2018 - 2024)
- Built services in Python on Postgres
"""


def test_it_reports_in_the_spec_shape():
    report = analyse_match(posting_text=POSTING, resume_structure=None, resume_text=RESUME)

    data = report.as_dict()
    assert set(data) == {
        "score",
        "score_source",
        "score_tailored",
        "requirements",
        "keywords",
        "missing_claimable",
        "missing_unclaimable",
    }
    assert isinstance(report, MatchAnalysis)
    assert data["score_tailored"] is None and data["score"] == data["score_source"]
    first = data["requirements"][0]
    assert set(first) == {"text", "kind", "keywords", "source", "tailored", "evidence"}
    assert first["kind"] == "must" and first["source"] == "matched" and first["tailored"] is None
    assert first["evidence"] == [
        {"document": "source_resume", "text": "Built services in Python on Postgres"}
    ]
    assert set(data["keywords"][0]) == {"term", "synonyms", "weight", "in_source", "in_tailored"}


def test_it_extracts_must_and_nice_with_keywords():
    extracted = extract_requirements(POSTING)

    assert [(r.kind, r.keywords) for r in extracted] == [
        ("must", ("Python", "PostgreSQL", "3+ years")),
        ("must", ("Docker",)),
        ("nice", ("Kubernetes",)),
    ]


def test_the_same_inputs_give_the_same_report():
    first = analyse_match(
        posting_text=POSTING, resume_structure=None, resume_text=RESUME, tailored_text="Python"
    )
    second = analyse_match(
        posting_text=POSTING, resume_structure=None, resume_text=RESUME, tailored_text="Python"
    )

    assert first.as_dict() == second.as_dict()
