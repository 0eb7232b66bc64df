import uuid

from django.conf import settings
from django.db import models
from django.db.models import F
from django.db.models.functions import Lower

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
        DECLINED = "declined", "Declined"  # the seeker said no to an offer

    class WorkMode(models.TextChoices):
        ONSITE = "onsite", "On-site"
        HYBRID = "hybrid", "Hybrid"
        REMOTE = "remote", "Remote"

    class EmploymentType(models.TextChoices):
        FULL_TIME = "full_time", "Full-time"
        PART_TIME = "part_time", "Part-time"
        CONTRACT = "contract", "Contract"
        TEMPORARY = "temporary", "Temporary"
        INTERNSHIP = "internship", "Internship"
        OTHER = "other", "Other"

    class SalaryPeriod(models.TextChoices):
        HOUR = "hour", "per hour"
        DAY = "day", "per day"
        WEEK = "week", "per week"
        MONTH = "month", "per month"
        YEAR = "year", "per year"

    # The optional fields that take one value of a list (blank when not known);
    # `priority_level` always has one.
    OPTIONAL_CHOICES = {
        "work_mode": WorkMode,
        "employment_type": EmploymentType,
        "salary_period": SalaryPeriod,
    }
    # The posting's structured details (SPEC §10): optional, read by the importer.
    JOB_DETAIL_FIELDS = (
        "work_mode",
        "employment_type",
        "salary_min",
        "salary_max",
        "salary_currency",
        "salary_period",
        "posted_at",
        "deadline",
        "source",
    )
    # What the user tracks about their search (SPEC §12), editable like the rest.
    TRACKING_FIELDS = ("applied_at", "follow_up_at", "archived")
    # Pay is a whole amount in the posting's currency (ISO 4217 code), at most this.
    SALARY_LIMIT = 1_000_000_000

    # The stages of an application still in play with the employer ("in progress").
    ACTIVE_STAGES = (Stage.APPLIED, Stage.INTERVIEWING, Stage.OFFER)

    # What a user may write in each text field (SPEC §3), stated once: the services check
    # it, and the API's serializers and the UI's forms are built from it.
    TEXT_RULES = {
        "company_name": TextRule(minimum=1, maximum=255),
        "role_title": TextRule(minimum=1, maximum=255),
        "job_description": TextRule(minimum=50, maximum=20000),
        "job_url": TextRule(maximum=2000, url_schemes=("http", "https")),
        "location": TextRule(maximum=255),
        "additional_context": TextRule(maximum=5000),
        "notes": TextRule(maximum=10000),
        "source": TextRule(maximum=255),
    }

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications", db_index=False
    )
    name = models.CharField(max_length=300, editable=False)
    company_name = models.CharField(max_length=TEXT_RULES["company_name"].maximum)
    role_title = models.CharField(max_length=TEXT_RULES["role_title"].maximum)
    job_url = models.URLField(max_length=TEXT_RULES["job_url"].maximum, blank=True)
    job_description = models.TextField()
    location = models.CharField(max_length=TEXT_RULES["location"].maximum, blank=True)
    priority_level = models.CharField(max_length=8, choices=Priority.choices, default=Priority.MEDIUM)
    work_mode = models.CharField(max_length=8, choices=WorkMode.choices, blank=True)
    employment_type = models.CharField(max_length=16, choices=EmploymentType.choices, blank=True)
    salary_min = models.PositiveIntegerField(null=True, blank=True)
    salary_max = models.PositiveIntegerField(null=True, blank=True)
    salary_currency = models.CharField(max_length=3, blank=True, help_text="ISO 4217 code, e.g. USD.")
    salary_period = models.CharField(max_length=8, choices=SalaryPeriod.choices, blank=True)
    posted_at = models.DateField(null=True, blank=True)
    deadline = models.DateField(null=True, blank=True)
    source = models.CharField(
        max_length=TEXT_RULES["source"].maximum,
        blank=True,
        help_text="Where the posting was found, e.g. the site's host name.",
    )
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
    # Archived applications leave the default list, board and dashboard (SPEC §12).
    archived = models.BooleanField(default=False)
    follow_up_at = models.DateTimeField(null=True, blank=True)
    # Set when the follow-up reminder went out, so it goes out once.
    follow_up_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The match report's headline figure (SPEC §11), kept here so lists can sort by it.
    match_score = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # The pattern operator class lets the same index serve the name lookup by prefix
            # (`name LIKE 'base%'`), which a collation-aware index cannot (SPEC §3 names).
            models.UniqueConstraint(
                fields=["user", "name"],
                name="applications_name_unique_per_user",
                opclasses=["uuid_ops", "varchar_pattern_ops"],
            ),
            models.CheckConstraint(
                condition=models.Q(salary_min__isnull=True)
                | models.Q(salary_max__isnull=True)
                | models.Q(salary_min__lte=models.F("salary_max")),
                name="applications_salary_range_ordered",
            ),
        ]
        # Every index leads with the owner (all reads are one user's), so the foreign key's
        # own index on `user_id` alone would duplicate their front: it is not created.
        # A filter's index goes on in the default sort order, serving filter and page at once.
        indexes = [
            models.Index(fields=["user", "-created_at", "-id"], name="applications_user_newest_idx"),
            models.Index(fields=["user", "stage", "-created_at", "-id"], name="applications_user_stage_idx"),
            models.Index(
                fields=["user", "status", "-created_at", "-id"], name="applications_user_status_idx"
            ),
            models.Index(
                fields=["user", "priority_level", "-created_at", "-id"], name="applications_user_prio_idx"
            ),
            models.Index(
                fields=["user", "work_mode", "-created_at", "-id"], name="applications_user_mode_idx"
            ),
            models.Index(
                fields=["user", "employment_type", "-created_at", "-id"], name="applications_user_emp_idx"
            ),
            # The other sort orders (SPEC §10), each scanned forwards or backwards. Unknown
            # dates and pay sort last both ways: on PostgreSQL their descending order has
            # indexes of its own (migration 0004), and the search `q` trigram indexes (0003).
            models.Index(fields=["user", "-updated_at"], name="applications_user_updated_idx"),
            models.Index(fields=["user", "deadline"], name="applications_user_deadline_idx"),
            models.Index(fields=["user", "salary_max"], name="applications_user_salary_idx"),
            models.Index(fields=["user", "match_score"], name="applications_user_match_idx"),
            # Reminders look for follow-ups due across all users.
            models.Index(
                fields=["follow_up_at"],
                name="applications_follow_up_idx",
                condition=models.Q(follow_up_at__isnull=False, follow_up_reminded_at__isnull=True),
            ),
            models.Index(F("user"), Lower("company_name"), name="applications_user_company_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.company_name} — {self.role_title}"

    @property
    def pay_display(self) -> str:
        """ "USD 120,000–150,000 per year", "EUR 45 per hour", or "" when no pay is known."""
        amounts = [amount for amount in (self.salary_min, self.salary_max) if amount is not None]
        if not amounts:
            return ""
        low, high = min(amounts), max(amounts)
        text = f"{low:,}" if low == high else f"{low:,}–{high:,}"
        if self.salary_currency:
            text = f"{self.salary_currency} {text}"
        if self.salary_period:
            text += f" {self.get_salary_period_display()}"
        return text


class ApplicationTally(models.Model):
    """How many applications of a user's there are, in all and per value of each of the
    list's filters, archived ones apart: the list's `total` wherever one filter at most
    narrows it, read rather than counted over up to 100,000 index entries.

    `counts` maps `tally_key(...)` to a number (absent: none). Kept on PostgreSQL by a
    trigger on the applications table (migrations 0008 and 0009), so every writer counts,
    bulk ones and cascades included. Not kept on SQLite, which counts.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    counts = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"{self.user_id}: {self.counts.get(tally_key(archived=False))} not archived"


def tally_key(*, archived: bool, name: str = "", value: str = "") -> str:
    """The key of `ApplicationTally.counts` for the archived or not-archived applications
    whose filter `name` (e.g. "priority") has `value`; with no name, for all of them. The
    trigger of migration 0009 writes the same keys."""
    return f"{int(archived)}:" + (f"{name}={value}" if name else "*")


class StageEvent(models.Model):
    """One stage change; together they form the application's timeline."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Served by the (application, created_at) index below.
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="stage_events", db_index=False
    )
    from_stage = models.CharField(max_length=16, choices=Application.Stage.choices, blank=True)
    to_stage = models.CharField(max_length=16, choices=Application.Stage.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["application", "created_at"], name="stage_events_app_time_idx")]

    def __str__(self) -> str:
        return f"{self.from_stage or '—'} → {self.to_stage}"
