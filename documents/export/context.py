"""What an export needs besides the Markdown: who wrote it, for which job, when."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import timezone

from applications.models import Application
from applications.services import application_resume
from documents.models import Document
from jobforge.accounts.models import DocumentTemplate, PageSize

# A user's paper size (`PageSize`) as CSS and the DOCX layout name it.
PAGE_SIZE_NAMES = {PageSize.A4: "A4", PageSize.LETTER: "Letter"}


@dataclass(frozen=True)
class ExportContext:
    document_type: str
    author: str
    author_email: str
    company: str
    role: str
    date: date
    page_size: str = "A4"
    # The layout (`DocumentTemplate`): "classic" one column, or "modern".
    template: str = DocumentTemplate.CLASSIC
    # The person the documents are by, for file names: "" when neither resume nor account names one.
    person: str = ""

    @property
    def title(self) -> str:
        if self.document_type == Document.Type.OPTIMIZED_RESUME:
            return f"{self.author} – Resume"
        if self.document_type == Document.Type.COVER_LETTER:
            return f"{self.author} – Cover letter – {self.role} at {self.company}"
        return f"{self.kind} – {self.role} at {self.company}"

    @property
    def kind(self) -> str:
        """'Research report', 'Follow-up email', ...: the document type's label."""
        return Document.Type(self.document_type).label

    @property
    def date_text(self) -> str:
        # US Letter users write "July 1, 2025"; A4 users "1 July 2025".
        if self.page_size == "Letter":
            return f"{self.date:%B} {self.date.day}, {self.date.year}"
        return f"{self.date.day} {self.date:%B %Y}"


def export_context(
    *, application: Application, document_type: str, template: str = "", page_size: str = ""
) -> ExportContext:
    """The author is the person the resume names, as the document does (the account's name
    and email only when the resume gives none). The layout and paper size are the user's
    (`User.document_template`, `User.page_size`, whose blank is the server's
    JOBFORGE_PDF_PAGE_SIZE) unless `template` or `page_size` (already checked) override them."""
    user = application.user
    basics = resume_basics(application)
    person = basics.get("name") or user.full_name
    return ExportContext(
        document_type=document_type,
        person=person,
        author=person or user.email,
        author_email=basics.get("email") or user.email,
        company=application.company_name,
        role=application.role_title,
        date=timezone.localdate(),
        page_size=PAGE_SIZE_NAMES.get(page_size or user.page_size, settings.JOBFORGE_PDF_PAGE_SIZE),
        template=template or user.document_template,
    )


def resume_basics(application: Application) -> dict:
    """The `basics` of the structure of the resume the application tailors (name, email...)."""
    resume = application_resume(application=application)
    structure = resume.structure if resume is not None else {}
    return (structure or {}).get("basics", {})
