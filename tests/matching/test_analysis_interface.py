"""The engine's public interface: the report's shape (SPEC §11) and its determinism."""

import ast
from pathlib import Path

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


def test_the_engine_is_plain_python_below_processing():
    """No Django, and nothing from the apps above it: processing and the UI import the engine."""
    package = Path(__file__).resolve().parents[2] / "matching" / "analysis"
    imported = set()
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module.split(".")[0])

    assert "matching" in imported  # the modules were read
    assert not imported & {"django", "processing", "applications", "documents", "resumes", "jobforge"}
