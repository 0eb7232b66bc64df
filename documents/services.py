"""Documents: every write is a new version; the current content is the latest one."""

from django.db import IntegrityError, transaction

from applications.models import Application
from documents.models import Document, DocumentVersion
from jobforge.errors import InvalidState, NotFound, ValidationFailed
from jobforge.validation import TextRule

DOCUMENT_TYPES = tuple(Document.Type.values)
# What a user may write as a document's content; its spacing is kept as written.
CONTENT_RULE = TextRule(minimum=10, maximum=50000, trim=False)
CONTENT_MIN, CONTENT_MAX = CONTENT_RULE.minimum, CONTENT_RULE.maximum


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
) -> Document:
    """Add a version (from the AI or a user edit) and make it current, in one transaction.

    The one way to write document content. With `source_run_id`, a second write from the
    same processing run is refused, so a retried job never makes a duplicate version.
    """
    document_type_check(document_type)
    if source not in DocumentVersion.Source.values:
        raise ValueError(f"Unknown document version source {source!r}.")
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
                document=document, number=number, content=content, source=source, source_run_id=source_run_id
            )
    except IntegrityError:
        raise InvalidState("This run has already written its document.") from None
    document.content = content
    document.version = number
    document.save(update_fields=["content", "version", "updated_at"])
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
    """Make an earlier version current again, as a new user version (history is kept).

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
    return document_edit(application=application, document_type=document_type, content=version.content)
