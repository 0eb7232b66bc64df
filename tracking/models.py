"""What a job seeker tracks around an application (SPEC §12): contacts, interviews, tasks."""

import uuid

from django.conf import settings
from django.db import models

from jobforge.validation import TextRule


class Contact(models.Model):
    """Someone the user deals with about one application (a recruiter, a hiring manager)."""

    TEXT_RULES = {
        "name": TextRule(minimum=1, maximum=255),
        "role": TextRule(maximum=255),
        "phone": TextRule(maximum=50),
        "linkedin_url": TextRule(maximum=2000, url_schemes=("http", "https")),
        "notes": TextRule(maximum=5000),
    }

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(max_length=TEXT_RULES["name"].maximum)
    role = models.CharField(max_length=TEXT_RULES["role"].maximum, blank=True)
    email = models.EmailField(max_length=254, blank=True)
    phone = models.CharField(max_length=TEXT_RULES["phone"].maximum, blank=True)
    linkedin_url = models.URLField(max_length=TEXT_RULES["linkedin_url"].maximum, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.name


class Interview(models.Model):
    """One scheduled conversation with the employer."""

    class Kind(models.TextChoices):
        PHONE_SCREEN = "phone_screen", "Phone screen"
        TECHNICAL = "technical", "Technical"
        ONSITE = "onsite", "On-site"
        FINAL = "final", "Final"
        OTHER = "other", "Other"

    class Outcome(models.TextChoices):
        PENDING = "pending", "Pending"
        PASSED = "passed", "Passed"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"

    TEXT_RULES = {
        "location": TextRule(maximum=255),
        "meeting_url": TextRule(maximum=2000, url_schemes=("http", "https")),
        "notes": TextRule(maximum=5000),
    }
    # A day's worth of minutes at most.
    DURATION_LIMIT = 24 * 60

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="interviews"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.OTHER)
    scheduled_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    location = models.CharField(max_length=TEXT_RULES["location"].maximum, blank=True)
    meeting_url = models.URLField(max_length=TEXT_RULES["meeting_url"].maximum, blank=True)
    notes = models.TextField(blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, default=Outcome.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["scheduled_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.scheduled_at:%Y-%m-%d %H:%M}"


class Task(models.Model):
    """Something to do, for one application or for the search as a whole."""

    TEXT_RULES = {"title": TextRule(minimum=1, maximum=255)}

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tasks")
    application = models.ForeignKey(
        "applications.Application",
        on_delete=models.CASCADE,
        related_name="tasks",
        null=True,
        blank=True,
    )
    title = models.CharField(max_length=TEXT_RULES["title"].maximum)
    due_at = models.DateTimeField(null=True, blank=True)
    done = models.BooleanField(default=False)
    # Set when the reminder went out, so it goes out once.
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["done", "due_at", "created_at", "id"]
        indexes = [
            models.Index(fields=["user", "done", "due_at"], name="tasks_user_open_due_idx"),
            # Reminders look for open tasks due across all users.
            models.Index(
                fields=["due_at"],
                name="tasks_reminder_due_idx",
                condition=models.Q(done=False, reminded_at__isnull=True, due_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.title
