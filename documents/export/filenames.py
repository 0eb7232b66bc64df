"""Export file names a recruiter expects: `Jane_Example_Resume_Acme_Robotics.pdf`.

The person, the document and the company, each as words joined by underscores. The name
keeps its own letters (`Zoë_Ngô_Cover_Letter_Société_Générale`): the download's UTF-8
`filename*` carries it, and `jobforge.downloads` writes the ASCII `filename` beside it.
"""

import re

from documents.models import Document

# What a recruiter calls a document when its label says more than they need to read: the
# tailored resume is, to them, the resume. Every other type is named by its label.
FILE_LABELS = {Document.Type.OPTIMIZED_RESUME: "Resume"}
# Each part is cut to this many characters: a long company name stays a readable file name.
MAX_PART_CHARS = 60
# Runs of anything but letters, digits and hyphens split words. `\w` is Unicode-aware.
_SEPARATORS = re.compile(r"[^\w-]+|_+")


def _words(text: str) -> list[str]:
    return [word for word in _SEPARATORS.split(text[: MAX_PART_CHARS * 4]) if word.strip("-")]


def _part(text: str) -> str:
    return "_".join(_words(text))[:MAX_PART_CHARS].strip("_-")


def document_file_label(document_type: str) -> str:
    """`Resume`, `Cover_Letter`, `Follow_Up_Email`: the type's label, each word capitalised
    (a hyphenated word as two)."""
    label = FILE_LABELS.get(document_type) or Document.Type(document_type).label
    return "_".join(word[:1].upper() + word[1:] for word in _words(label.replace("-", " ")))


def export_filename(*, person: str, company: str, document_type: str, version: int | None = None) -> str:
    """`Jane_Example_Cover_Letter_Acme_Robotics` (no extension); `_v2` for an earlier version.

    A part with no letters or digits is left out, so a missing name still gives
    `Resume_Acme_Robotics`.
    """
    parts = [_part(person), document_file_label(document_type), _part(company)]
    if version is not None:
        parts.append(f"v{version}")
    return "_".join(part for part in parts if part)
