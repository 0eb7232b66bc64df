"""Documents: every write is a new version; the current content is the latest one."""

import re
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from applications.models import Application
from applications.services import application_resume
from documents.diff import TextDiff, text_diff
from documents.models import Document, DocumentVersion
from documents.signals import version_saved
from jobforge.errors import InvalidState, NotFound, ValidationFailed
from jobforge.validation import TextRule

DOCUMENT_TYPES = tuple(Document.Type.values)
# What a user may write as a document's content; its spacing is kept as written.
CONTENT_RULE = TextRule(minimum=10, maximum=50000, trim=False)
CONTENT_MIN, CONTENT_MAX = CONTENT_RULE.minimum, CONTENT_RULE.maximum
# What a stored provenance holds (SPEC §9.3); `document_version` is set on write.
PROVENANCE_KEYS = frozenset({"lines", "dropped", "guard"})


def document_type_check(document_type: str) -> str:
    """The type itself, or ValidationFailed naming the allowed types."""
    if document_type not in DOCUMENT_TYPES:
        raise ValidationFailed(
            f"Unknown document type {document_type!r}. Allowed: {', '.join(DOCUMENT_TYPES)}.",
            details={"document_type": [f"Must be one of: {', '.join(DOCUMENT_TYPES)}."]},
        )
    return document_type


def document_get(*, application: Application, document_type: str) -> Document:
    """The application's document of this type (the caller has already scoped the application)."""
    document_type_check(document_type)
    document = Document.objects.filter(application=application, document_type=document_type).first()
    if document is None:
        raise NotFound(f"The {Document.Type(document_type).label.lower()} has not been generated yet.")
    return document


def document_map(*, application: Application) -> dict[str, Document | None]:
    """Every document type of the application, None where not generated yet (one query)."""
    found = {
        document.document_type: document for document in Document.objects.filter(application=application)
    }
    return {document_type: found.get(document_type) for document_type in DOCUMENT_TYPES}


def document_version_list(*, application: Application, document_type: str) -> list[DocumentVersion]:
    """The document's versions, newest first; NotFound when it has not been generated yet."""
    document = document_get(application=application, document_type=document_type)
    return list(document.versions.order_by("-number"))


def document_content_check(content) -> str:
    """A user's document content keeps `CONTENT_RULE` (surrounding whitespace kept)."""
    content, message = CONTENT_RULE.clean(content)
    if message:
        raise ValidationFailed("Invalid input data", details={"content": [message]})
    return content


@transaction.atomic
def document_version_write(
    *,
    application: Application,
    document_type: str,
    content: str,
    source: str,
    source_run_id=None,
    provenance: dict | None = None,
    restored_from: int | None = None,
    tone: str = "",
    length: str = "",
) -> Document:
    """Add a version (from the AI or a user edit) and make it current, in one transaction.

    The one way to write document content. With `source_run_id`, a second write from the
    same processing run is refused, so a retried job never makes a duplicate version.
    `provenance` (SPEC §9.3, from `provenance_build`) is stored on the new version with its
    `document_version` set to the version's own number, whatever the caller put there
    (the number is only known here, under the lock). `tone` and `length` record how an AI
    run wrote a letter or an email, for the version history.
    """
    document_type_check(document_type)
    if source not in DocumentVersion.Source.values:
        raise ValueError(f"Unknown document version source {source!r}.")
    if provenance is not None and not (isinstance(provenance, dict) and provenance.keys() >= PROVENANCE_KEYS):
        raise ValueError(f"A provenance is a dict with {', '.join(sorted(PROVENANCE_KEYS))}.")
    document, _ = Document.objects.select_for_update().get_or_create(
        application=application,
        document_type=document_type,
        defaults={"content": content, "version": 0},
    )
    # Re-read under the lock: a concurrent writer may have added a version meanwhile.
    document = Document.objects.select_for_update().get(pk=document.pk)
    number = document.version + 1
    try:
        with transaction.atomic():
            DocumentVersion.objects.create(
                document=document,
                number=number,
                content=content,
                source=source,
                source_run_id=source_run_id,
                provenance=None if provenance is None else {**provenance, "document_version": number},
                restored_from=restored_from,
                tone=tone,
                length=length,
            )
    except IntegrityError:
        raise InvalidState("This run has already written its document.") from None
    document.content = content
    document.version = number
    document.save(update_fields=["content", "version", "updated_at"])
    version_saved.send(
        sender=Document, application=application, document_type=document_type, document=document
    )
    return document


def document_edit(*, application: Application, document_type: str, content: str) -> Document:
    """A user edit: only an existing document can be edited (404 otherwise); the content
    is 10–50000 characters; the edit becomes a new `user` version, so nothing is lost."""
    document_content_check(content)
    document_get(application=application, document_type=document_type)
    return document_version_write(
        application=application,
        document_type=document_type,
        content=content,
        source=DocumentVersion.Source.USER,
    )


def document_version_restore(*, application: Application, document_type: str, number: int) -> Document:
    """Make an earlier version current again, as a new user version (history is kept)
    that records which version it restores ("Restored from version N").

    A version that no longer meets today's content rules (say, written when they were
    looser) is refused with a ValidationFailed saying why, and nothing changes.
    """
    document = document_get(application=application, document_type=document_type)
    version = document.versions.filter(number=number).first()
    if version is None:
        raise NotFound(f"Version {number} does not exist.")
    try:
        document_content_check(version.content)
    except ValidationFailed as exc:
        reasons = " ".join(str(reason) for reason in exc.details.get("content", [])) or exc.message
        raise ValidationFailed(
            f"Version {number} cannot be restored: it does not meet today's rules for a document "
            f"({reasons}) Open it and copy what you need into the editor instead.",
            details={"version": [f"Version {number} does not meet today's content rules: {reasons}"]},
        ) from None
    return document_version_write(
        application=application,
        document_type=document_type,
        content=version.content,
        source=DocumentVersion.Source.USER,
        restored_from=number,
    )


@dataclass(frozen=True)
class VersionComparison:
    old: int
    new: int
    diff: TextDiff


def document_version_diff(
    *, document: Document, old: int | None = None, new: int | None = None
) -> VersionComparison:
    """What changed from version `old` to version `new` of the document (either order),
    line by line and word by word: by default from the version before `new`, and to the
    current one. NotFound naming a version that does not exist."""
    new = new or document.version
    old = old or max(new - 1, 1)
    contents = dict(document.versions.filter(number__in={old, new}).values_list("number", "content"))
    for number in (new, old):
        if number not in contents:
            raise NotFound(f"Version {number} does not exist.")
    return VersionComparison(old=old, new=new, diff=text_diff(contents[old], contents[new]))


class NotTraced(NotFound):
    """The version exists but its lines are not traced; the message says why."""


# Why a version has no provenance, by who wrote it.
UNTRACED_MESSAGES = {
    DocumentVersion.Source.USER: "This version was edited by hand; its lines are not traced.",
    DocumentVersion.Source.AI: (
        "This version was written before lines were traced; "
        "regenerate the tailored resume to see where each line comes from."
    ),
}


def document_provenance(*, application: Application, version: int | None = None) -> dict:
    """Where each line of the tailored resume's current version (or `version`) comes from,
    in the SPEC §9.3 shape; NotFound when there is no tailored resume, else as
    `document_version_provenance`. The caller scopes the application to the user."""
    document = document_get(application=application, document_type=Document.Type.OPTIMIZED_RESUME)
    return document_version_provenance(document=document, version=version)


def document_version_provenance(*, document: Document, version: int | None = None) -> dict:
    """The provenance of the document's current version (or `version`). NotFound when there
    is no such version; `NotTraced`, saying why, when the version is not traced: a user edit
    or a restore, or written before versions were traced."""
    number = document.version if version is None else version
    row = document.versions.filter(number=number).values("source", "provenance").first()
    if row is None:
        raise NotFound(f"Version {number} does not exist.")
    stored = row["provenance"]
    if stored is None:
        raise NotTraced(UNTRACED_MESSAGES.get(row["source"], UNTRACED_MESSAGES[DocumentVersion.Source.USER]))
    return {
        "document_version": number,
        "lines": stored["lines"],
        "dropped": stored["dropped"],
        "guard": stored["guard"],
    }


def document_traced_version_latest(*, document: Document) -> int | None:
    """The number of the document's newest version that has a provenance, if any."""
    return (
        document.versions.filter(provenance__isnull=False)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )


# The document types that state facts about the user: a user's edit of them is checked.
CLAIM_TYPES = frozenset(
    {
        Document.Type.OPTIMIZED_RESUME,
        Document.Type.COVER_LETTER,
        Document.Type.FOLLOW_UP_EMAIL,
        Document.Type.THANK_YOU_NOTE,
        Document.Type.INTERVIEW_PREP,
    }
)
EDIT_WARNING_ITEMS = 8  # flagged items named in the warning; the rest are counted
# The guard reads a sentence at a time, and a sentence's cost grows with its length times
# the numbers in it: a user's run of text without a full stop is read in pieces this long,
# and an edit whose pieces add up to more than the budget (characters × numbers, about a
# second of work) is not checked: the warning is a courtesy, never a hung request.
GUARD_PIECE = 400
GUARD_BUDGET = 1_000_000
_NUMBER = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")  # where the guard ends a sentence


def _guard_pieces(content: str) -> str:
    """The content with every line longer than `GUARD_PIECE` broken at spaces."""
    lines = []
    for line in content.splitlines():
        while len(line) > GUARD_PIECE:
            cut = line.rfind(" ", 0, GUARD_PIECE)
            cut = cut if cut > 0 else GUARD_PIECE
            lines.append(line[:cut])
            line = line[cut:].lstrip()
        lines.append(line)
    return "\n".join(lines)


def _guard_cost(pieces: str) -> int:
    return sum(len(sentence) * len(_NUMBER.findall(sentence)) for sentence in _SENTENCE_END.split(pieces))


def document_edit_warnings(*, application: Application, document_type: str, content: str) -> list:
    """What a user's edit states that their resume does not (SPEC §9.3): the fact guard's
    violations, as a warning only (users may state new facts about themselves; the edit is
    saved regardless). Empty for a type that states no facts, with no resume to check
    against, or past the guard's work budget (`GUARD_BUDGET`)."""
    if document_type not in CLAIM_TYPES:
        return []
    resume = application_resume(application=application)
    if resume is None:
        return []
    # Imported here, and only read: `processing` depends on `documents`, never the other
    # way round; the guard and the structure parser are plain Python without Django models.
    from processing.guard import document_check, facts_from_structure
    from resumes.structure import resume_structure_parse

    pieces = _guard_pieces(content)
    if _guard_cost(pieces) > GUARD_BUDGET:
        return []
    structure = resume.structure or resume_structure_parse(resume.content)
    today = timezone.localdate()
    return document_check(
        document=pieces,
        facts=facts_from_structure(structure, today=today, source_text=resume.content),
        today=today,
        posting=application.job_description,
        company=application.company_name,
        role_title=application.role_title,
        applicant_name=structure.get("basics", {}).get("name", ""),
    )


def edit_warning_message(violations: list) -> str:
    """The warning a user reads after saving an edit the guard flagged."""
    listed = ", ".join(f"“{violation.text}”" for violation in violations[:EDIT_WARNING_ITEMS])
    more = len(violations) - EDIT_WARNING_ITEMS
    if more > 0:
        listed += f" and {more} more"
    return f"These lines state things your resume does not: {listed}; that is fine if they are true."
