"""The offline writer's research report, written without any AI service (the tailored resume
and the cover letter are written from the resume's structure: `processing.tailoring.offline`).

Deterministic and pure: it imports nothing from Django or the rest of the project, takes
plain text in and gives Markdown out. `processing.llm.offline.OfflineProvider` adapts it to
the provider interface. Its word lists are data files in `vocabularies/`.
"""

from .writer import (
    DOCUMENTS,
    RESEARCH_REPORT,
    OfflineError,
    PostingText,
    WrittenDocument,
    document_write,
)

__all__ = [
    "DOCUMENTS",
    "RESEARCH_REPORT",
    "OfflineError",
    "PostingText",
    "WrittenDocument",
    "document_write",
]
