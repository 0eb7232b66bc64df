"""The offline writer: the three documents of an application, written without any AI service.

Deterministic and pure: it imports nothing from Django or the rest of the project, takes
plain text in and gives Markdown out. `processing.llm.offline.OfflineProvider` adapts it to
the provider interface. Its word lists are data files in `vocabularies/`.
"""

from .writer import (
    COVER_LETTER,
    DOCUMENTS,
    RESEARCH_REPORT,
    TAILORED_RESUME,
    OfflineError,
    PostingText,
    WrittenDocument,
    document_write,
)

__all__ = [
    "COVER_LETTER",
    "DOCUMENTS",
    "RESEARCH_REPORT",
    "TAILORED_RESUME",
    "OfflineError",
    "PostingText",
    "WrittenDocument",
    "document_write",
]
