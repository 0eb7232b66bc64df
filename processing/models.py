import uuid
from decimal import Decimal

from django.db import models
from django.utils import timezone

from processing.phases import LENGTHS, PHASES, TONES


class PhaseRun(models.Model):
    """One run of one AI phase for an application: the row is the truth, the RQ job carries its id.

    Status moves `queued → processing → completed | failed | cancelled`, every write
    guarded on the expected status and attempt (see `processing.runs`).
    """

    # The phases and their labels come from the registry (`processing.phases`).
    Phase = models.TextChoices("Phase", [(spec.name, (spec.key, spec.label)) for spec in PHASES])

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        PROCESSING = "processing", "Processing"
        COMPLETED = "completed", "Completed"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"

    ACTIVE_STATUSES = (Status.QUEUED, Status.PROCESSING)

    Tone = models.TextChoices("Tone", [(key.upper(), (key, label)) for key, label in TONES])
    Length = models.TextChoices("Length", [(key.upper(), (key, label)) for key, label in LENGTHS])

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="phase_runs"
    )
    phase = models.CharField(max_length=16, choices=Phase.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress = models.FloatField(default=0.0)
    rq_job_id = models.CharField(max_length=64, blank=True)
    queued_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # Written by the worker while it works; a stale heartbeat means the worker died.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    # Calls made to the provider (retries included).
    attempts = models.PositiveIntegerField(default=0)
    provider = models.CharField(max_length=32, blank=True)
    model = models.CharField(max_length=128, blank=True)
    input_tokens = models.PositiveIntegerField(default=0)
    output_tokens = models.PositiveIntegerField(default=0)
    cost_estimate = models.DecimalField(
        max_digits=12, decimal_places=6, default=Decimal("0"), help_text="US dollars."
    )
    error_code = models.CharField(max_length=32, blank=True)
    error_message = models.TextField(blank=True)
    additional_context = models.TextField(blank=True, help_text="The user's notes used by this run.")
    # A letter's or an email's tone and length (blank for the phases that take none).
    tone = models.CharField(max_length=16, choices=Tone.choices, blank=True)
    length = models.CharField(max_length=16, choices=Length.choices, blank=True)
    # Started by "Generate all": when it completes, the next pipeline phase is queued.
    generate_all = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # At most one queued or processing run per application: two simultaneous
            # starts give one run and one IntegrityError (a 409).
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(status__in=["queued", "processing"]),
                name="phase_runs_one_active_per_application",
            ),
            models.CheckConstraint(
                condition=models.Q(progress__gte=0.0) & models.Q(progress__lte=1.0),
                name="phase_runs_progress_0_to_1",
            ),
        ]
        indexes = [
            models.Index(fields=["application", "phase", "-created_at"], name="phase_runs_app_phase_idx"),
            # The reconciler scans active runs by status.
            models.Index(fields=["status", "heartbeat_at"], name="phase_runs_status_beat_idx"),
            # Admin filters and default ordering.
            models.Index(fields=["-created_at"], name="phase_runs_created_idx"),
            models.Index(fields=["phase", "status"], name="phase_runs_phase_status_idx"),
            models.Index(fields=["provider", "-created_at"], name="phase_runs_provider_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_phase_display()} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES
