import uuid

from django.conf import settings
from django.db import models

from jobforge.validation import TextRule


class Application(models.Model):
    """One job the user is pursuing: the posting, the AI progress, and the hiring stage."""

    class Priority(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    class Status(models.TextChoices):
        """AI progress; set only by the processing pipeline."""

        DRAFT = "draft", "Draft"
        RESEARCH_COMPLETE = "research_complete", "Research complete"
        RESUME_COMPLETE = "resume_complete", "Resume complete"
        COVER_LETTER_COMPLETE = "cover_letter_complete", "Cover letter complete"

    class Stage(models.TextChoices):
        """Where the user is in the hiring process."""

        SAVED = "saved", "Saved"
        APPLIED = "applied", "Applied"
        INTERVIEWING = "interviewing", "Interviewing"
        OFFER = "offer", "Offer"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Withdrawn"

    # The stages of an application still in play with the employer ("in progress").
    ACTIVE_STAGES = (Stage.APPLIED, Stage.INTERVIEWING, Stage.OFFER)

    # What a user may write in each text field (SPEC §3), stated once: the services check
    # it, and the API's serializers and the UI's forms are built from it.
    TEXT_RULES = {
        "company_name": TextRule(minimum=1, maximum=255),
        "role_title": TextRule(minimum=1, maximum=255),
        "job_description": TextRule(minimum=50, maximum=10000),
        "job_url": TextRule(maximum=2000, url_schemes=("http", "https")),
        "location": TextRule(maximum=255),
        "additional_context": TextRule(maximum=5000),
        "notes": TextRule(maximum=10000),
    }

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications")
    name = models.CharField(max_length=300, editable=False)
    company_name = models.CharField(max_length=TEXT_RULES["company_name"].maximum)
    role_title = models.CharField(max_length=TEXT_RULES["role_title"].maximum)
    job_url = models.URLField(max_length=TEXT_RULES["job_url"].maximum, blank=True)
    job_description = models.TextField()
    location = models.CharField(max_length=TEXT_RULES["location"].maximum, blank=True)
    priority_level = models.CharField(max_length=8, choices=Priority.choices, default=Priority.MEDIUM)
    additional_context = models.TextField(blank=True)
    resume = models.ForeignKey(
        "resumes.Resume",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        help_text="The library resume to tailor; empty means the primary one.",
    )
    status = models.CharField(max_length=32, choices=Status.choices, default=Status.DRAFT)
    research_completed = models.BooleanField(default=False)
    resume_optimized = models.BooleanField(default=False)
    cover_letter_generated = models.BooleanField(default=False)
    stage = models.CharField(max_length=16, choices=Stage.choices, default=Stage.SAVED)
    applied_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="applications_name_unique_per_user"),
        ]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="applications_user_created_idx"),
            models.Index(fields=["user", "stage"], name="applications_user_stage_idx"),
            models.Index(fields=["user", "status"], name="applications_user_status_idx"),
            models.Index(fields=["user", "priority_level"], name="applications_user_prio_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.company_name} — {self.role_title}"


class StageEvent(models.Model):
    """One stage change; together they form the application's timeline."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="stage_events")
    from_stage = models.CharField(max_length=16, choices=Application.Stage.choices, blank=True)
    to_stage = models.CharField(max_length=16, choices=Application.Stage.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["application", "created_at"], name="stage_events_app_time_idx")]

    def __str__(self) -> str:
        return f"{self.from_stage or '—'} → {self.to_stage}"
