import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from jobforge.validation import TextRule


class Resume(models.Model):
    """A resume in the user's library. Exactly one is primary while any exist."""

    class FocusArea(models.TextChoices):
        SOFTWARE_DEVELOPMENT = "software_development", "Software development"
        MANAGEMENT = "management", "Management"
        DATA_SCIENCE = "data_science", "Data science"
        CONSULTING = "consulting", "Consulting"
        OTHER = "other", "Other"

    # What a user may write (SPEC §6), stated once: the services check it, and the API's
    # serializers and the UI's forms are built from it.
    TEXT_RULES = {
        "name": TextRule(minimum=1, maximum=255),
        "content": TextRule(minimum=100, maximum=50000),
    }

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resumes")
    name = models.CharField(max_length=TEXT_RULES["name"].maximum)
    content = models.TextField(help_text="Markdown.")
    focus_area = models.CharField(max_length=32, choices=FocusArea.choices, default=FocusArea.OTHER)
    is_primary = models.BooleanField(default=False)
    # The content read into the JSON Resume vocabulary (`resumes.structure`), with ids and
    # the parser's warnings: what generation works from. Written with `content`, from it
    # or (after a structure edit) into it: the last write wins.
    structure = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-is_primary", "-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(is_primary=True), name="resumes_one_primary_per_user"
            ),
        ]
        indexes = [models.Index(fields=["user", "-is_primary", "-updated_at"], name="resumes_user_order_idx")]

    def __str__(self) -> str:
        return self.name
