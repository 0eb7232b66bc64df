import uuid

from django.db import models


class Document(models.Model):
    """The current document of one type for an application.

    `content` and `version` mirror the latest `DocumentVersion`; both are written
    only by `documents.services.document_version_write`, in one transaction.
    """

    class Type(models.TextChoices):
        RESEARCH_REPORT = "research_report", "Research report"
        OPTIMIZED_RESUME = "optimized_resume", "Tailored resume"
        COVER_LETTER = "cover_letter", "Cover letter"
        FOLLOW_UP_EMAIL = "follow_up_email", "Follow-up email"
        THANK_YOU_NOTE = "thank_you_note", "Thank-you note"
        INTERVIEW_PREP = "interview_prep", "Interview prep"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="documents"
    )
    document_type = models.CharField(max_length=32, choices=Type.choices)
    content = models.TextField()
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["document_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "document_type"], name="documents_one_per_type_per_application"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_document_type_display()} v{self.version}"


class DocumentVersion(models.Model):
    class Source(models.TextChoices):
        AI = "ai", "AI"
        USER = "user", "User edit"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.TextField()
    source = models.CharField(max_length=8, choices=Source.choices)
    # The processing run that wrote this version; unique, so a retried run cannot write twice.
    source_run_id = models.UUIDField(null=True, blank=True, unique=True)
    # Where each line of a tailored resume comes from (SPEC §9.3), as the AI run built it;
    # null for a user edit or a restore (their lines are not traced) and for other types.
    provenance = models.JSONField(null=True, blank=True)
    # The version a restore copied (its number); null for a generation or an edit.
    restored_from = models.PositiveIntegerField(null=True, blank=True)
    # The tone and length an AI run wrote a letter or an email in (blank otherwise).
    tone = models.CharField(max_length=16, blank=True)
    length = models.CharField(max_length=16, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_versions_number_unique"),
        ]

    def __str__(self) -> str:
        return f"v{self.number} ({self.source})"

    @property
    def origin_label(self) -> str:
        """Where the version comes from, in the words the history shows."""
        if self.restored_from is not None:
            return f"Restored from version {self.restored_from}"
        return "Generated" if self.source == self.Source.AI else "Your edit"
