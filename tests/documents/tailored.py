"""A tailored resume written as the AI pipeline writes it: a draft of the source structure,
its Markdown, and its provenance, saved through `document_version_write`."""

from processing.tailoring.draft import draft_parse, draft_to_markdown
from processing.tailoring.provenance import provenance_build
from resumes.structure import resume_structure_parse
from tests.factories import RESUME_MARKDOWN

# Summary and one reworded line, one line kept word for word, two moved up; w1h3 and
# w2h2 are left out.
DRAFT = {
    "summary": {
        "text": "Backend engineer building Python services and data pipelines.",
        "source_ids": ["summary"],
    },
    "roles": [
        {
            "id": "w1",
            "bullets": [
                {
                    "text": "Cut API latency by 40% with Redis caching and query tuning.",
                    "source_ids": ["w1h2"],
                },
                {
                    "text": "Built a Django and PostgreSQL order platform for 2 million orders a month.",
                    "source_ids": ["w1h1"],
                },
            ],
        },
        {
            "id": "w2",
            "bullets": [
                {
                    "text": "Built ETL pipelines in Python and Airflow feeding a Snowflake warehouse.",
                    "source_ids": ["w2h1"],
                }
            ],
        },
    ],
    "skills": ["Python", "Django", "PostgreSQL", "Redis"],
}
KEYWORDS = ["Django", "PostgreSQL", "Python", "Redis"]


def tailored_resume(resume_markdown: str = RESUME_MARKDOWN, *, violations=()) -> tuple[str, dict]:
    """The tailored resume's Markdown and its provenance (`document_version` still 0)."""
    structure = resume_structure_parse(resume_markdown)
    draft = draft_parse(DRAFT, structure)
    provenance = provenance_build(
        draft=draft, structure=structure, posting_keywords=KEYWORDS, version=0, violations=list(violations)
    )
    return draft_to_markdown(draft, structure), provenance


def tailored_resume_write(application, **kw):
    from documents.services import document_version_write

    content, provenance = tailored_resume(**kw)
    return document_version_write(
        application=application,
        document_type="optimized_resume",
        content=content,
        source="ai",
        provenance=provenance,
    )
