"""`document_export`: a document, or one of its versions, as a PDF, DOCX, Markdown or text file."""

from dataclasses import dataclass

from django.conf import settings

from applications.models import Application
from documents.export.context import export_context
from documents.export.docx import document_docx
from documents.export.filenames import export_filename
from documents.export.pdf import document_pdf
from documents.export.text import markdown_to_plain_text
from documents.services import document_get
from jobforge.accounts.models import DocumentTemplate, PageSize
from jobforge.errors import NotFound, ValidationFailed
from jobforge.ratelimit import ratelimit_consume

EXPORT_FORMATS = ("pdf", "docx", "md", "txt")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
}
# Nine digits: more versions than a document will ever have, and no giant integers.
VERSION_MAX_DIGITS = 9


@dataclass(frozen=True)
class ExportedFile:
    content: bytes
    content_type: str
    filename: str


def _bad_version() -> ValidationFailed:
    return ValidationFailed(
        "The version must be a positive whole number.",
        details={"version": ["Must be a positive whole number."]},
    )


def export_version_param(raw: str | None) -> int | None:
    """`?version=N` as given by the API and the UI: absent, or 1 to 9 digits, at least 1."""
    if raw is None:
        return None
    raw = raw.strip()
    if not (raw.isascii() and raw.isdigit() and len(raw) <= VERSION_MAX_DIGITS and int(raw) >= 1):
        raise _bad_version()
    return int(raw)


def _choice_check(value: str | None, *, field: str, allowed: list[str]) -> str:
    """`value` itself when it is one of `allowed`, "" when not given, else ValidationFailed."""
    if value is None or value == "":
        return ""
    if value not in allowed:
        raise ValidationFailed(
            f"Unknown {field.replace('_', ' ')} {value!r}. Allowed: {', '.join(allowed)}.",
            details={field: [f"Must be one of: {', '.join(allowed)}."]},
        )
    return value


def document_export(
    *,
    application: Application,
    document_type: str,
    export_format: str,
    version: int | None = None,
    template: str | None = None,
    page_size: str | None = None,
) -> ExportedFile:
    """The document (its current version, or `version`) as a file in `export_format`,
    named as a recruiter expects (`Jane_Example_Resume_Acme_Robotics.pdf`).

    PDF and DOCX use the user's layout and paper size unless `template`
    (classic|modern) or `page_size` (a4|letter) override them for this export.
    Unknown formats, templates, page sizes and bad version numbers are a
    ValidationFailed naming what is allowed; a missing document or version is NotFound;
    PDF and DOCX renders past the user's JOBFORGE_THROTTLE_EXPORT are RateLimited, and documents over the layout
    budget (`documents.export.budget`) are a ValidationFailed pointing to MD and TXT.
    The caller scopes the application to the user (`application_get_for_user`).
    """
    if export_format not in EXPORT_FORMATS:
        raise ValidationFailed(
            f"Unknown export format {export_format!r}. Allowed: {', '.join(EXPORT_FORMATS)}.",
            details={"format": [f"Must be one of: {', '.join(EXPORT_FORMATS)}."]},
        )
    template = _choice_check(template, field="template", allowed=DocumentTemplate.values)
    page_size = _choice_check(page_size, field="page_size", allowed=PageSize.values)
    if version is not None and (isinstance(version, bool) or not isinstance(version, int) or version < 1):
        raise _bad_version()
    document = document_get(application=application, document_type=document_type)
    content = document.content
    if version is not None:
        stored = document.versions.filter(number=version).values_list("content", flat=True).first()
        if stored is None:
            raise NotFound(f"Version {version} does not exist.")
        content = stored

    context = export_context(
        application=application, document_type=document_type, template=template, page_size=page_size
    )
    filename = export_filename(
        person=context.person, company=context.company, document_type=document_type, version=version
    )
    if export_format == "md":
        body = content.encode("utf-8")
    elif export_format == "txt":
        body = markdown_to_plain_text(content).encode("utf-8")
    else:
        # A PDF or Word file costs a real render: bounded per user, like the AI phases.
        ratelimit_consume(
            scope="export", ident=str(application.user_id), rate=settings.JOBFORGE_THROTTLE_EXPORT
        )
        render = document_pdf if export_format == "pdf" else document_docx
        body = render(markdown=content, context=context)
    return ExportedFile(
        content=body, content_type=CONTENT_TYPES[export_format], filename=f"{filename}.{export_format}"
    )
