"""A provider's tailored-resume draft: checked against the source ids, rendered with the source's
own roles, and traced line by line."""

from datetime import date

import pytest

from processing.guard import document_check, facts_from_structure
from processing.tailoring.draft import DraftInvalid, draft_parse, draft_to_markdown
from processing.tailoring.provenance import provenance_build
from resumes.structure import resume_structure_parse
from tests.resumes.structure import samples

STRUCTURE = resume_structure_parse(samples.MARKDOWN)
DRAFT = {
    "summary": {"text": "Platform engineer who keeps deploys boring.", "source_ids": ["summary"]},
    "roles": [
        {
            "id": "w1",
            "bullets": [
                {"text": "Cut cloud spend by 25% with autoscaling.", "source_ids": ["w1h2"]},
                {"text": "Migrated 40 services to Kubernetes with zero downtime.", "source_ids": ["w1h1"]},
            ],
        }
    ],
    "skills": ["kubernetes", "Python"],
}


def test_a_draft_renders_with_every_source_role_and_the_resumes_own_header():
    markdown = draft_to_markdown(draft_parse(DRAFT, STRUCTURE), STRUCTURE)
    assert markdown.startswith("# Jane Example\n")
    assert "### Platform Engineer — Acme Robotics\n*Berlin, Germany · Jan 2020 – Present*" in markdown
    # The role the draft left out is still there, with its title, employer and dates.
    assert "### Software Engineer — Example GmbH\n*Hamburg, Germany · Jun 2016 – Dec 2019*" in markdown
    assert "Kubernetes, Python" in markdown  # the resume's own spelling
    facts = facts_from_structure(STRUCTURE, today=date(2026, 12, 2))
    assert document_check(document=markdown, facts=facts, today=date(2026, 12, 2)) == []


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"roles": [{"id": "w7", "bullets": []}]}, "“id” must be one of the resume's ids"),
        (
            {"roles": [{"id": "w1", "bullets": [{"text": "Did things", "source_ids": ["w9h9"]}]}]},
            "unknown source ids w9h9",
        ),
        ({"roles": [{"id": "w1", "bullets": [{"text": "Did things"}]}]}, "names no source_ids"),
        ({"skills": ["Rust"]}, "skills not in the resume: Rust"),
    ],
)
def test_a_draft_that_breaks_the_format_is_refused_with_reasons(change, problem):
    with pytest.raises(DraftInvalid) as caught:
        draft_parse({**DRAFT, **change}, STRUCTURE)
    assert any(problem in p for p in caught.value.problems)


def test_provenance_traces_every_line_and_lists_what_was_dropped():
    draft = draft_parse(DRAFT, STRUCTURE)
    provenance = provenance_build(
        draft=draft,
        structure=STRUCTURE,
        posting_keywords=["Kubernetes", "Terraform"],
        version=3,
        violations=[],
    )
    assert provenance["document_version"] == 3
    assert [(line["section"], line["source_ids"], line["change"]) for line in provenance["lines"]] == [
        ("summary", ["summary"], "summary"),
        ("experience", ["w1h2"], "reordered"),
        ("experience", ["w1h1"], "reworded"),
    ]
    assert provenance["lines"][2]["keywords"] == ["Kubernetes"]
    assert provenance["lines"][2]["source_text"] == ["Moved 40 services to Kubernetes with zero downtime."]
    assert provenance["dropped"] == [
        {"source_id": "w2h1", "source_text": "Built the order pipeline in Python and PostgreSQL."}
    ]
    assert provenance["guard"] == {"passed": True, "violations": []}
