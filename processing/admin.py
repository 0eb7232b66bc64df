from django.contrib import admin, messages
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from jobforge.errors import DomainError
from processing.models import PhaseRun
from processing.services import phase_run_rerun


def duration_text(seconds: float) -> str:
    """`4.2 s`, `2 min 05 s`, `1 h 02 min`."""
    if seconds < 60:
        return f"{max(seconds, 0):.1f} s"
    minutes, secs = divmod(round(seconds), 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


@admin.register(PhaseRun)
class PhaseRunAdmin(admin.ModelAdmin):
    """Every AI phase run, read-only; failed ones can be re-run (as a new run)."""

    # Narrow enough for a 1280-pixel screen beside the admin's menu and filters: the status
    # (with the progress or the error code) comes early, the owner goes under the
    # application, provider and model share a column, and so do the token counts.
    list_display = (
        "created_at",
        "status_summary",
        "phase",
        "application_link",
        "duration",
        "attempts",
        "provider_model",
        "tokens",
        "cost_estimate",
    )
    list_filter = ("status", "phase", "provider", "error_code", "created_at")
    search_fields = (
        "=id",
        "=application__id",
        "application__name",
        "application__company_name",
        "application__user__email",
        "rq_job_id",
    )
    list_select_related = ("application", "application__user")
    date_hierarchy = "created_at"
    ordering = ("-created_at",)
    actions = ("rerun_failed",)
    fields = (
        "id",
        "application",
        "phase",
        "status",
        "progress",
        "attempts",
        "rq_job_id",
        "queued_at",
        "started_at",
        "heartbeat_at",
        "completed_at",
        "provider",
        "model",
        "input_tokens",
        "output_tokens",
        "cost_estimate",
        "error_code",
        "error_message",
        "additional_context",
        "tone",
        "length",
        "generate_all",
        "created_at",
        "updated_at",
    )
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        # Rows change only through the pipeline; the admin shows them and re-runs them.
        return False

    @admin.display(description="Application", ordering="application__name")
    def application_link(self, run: PhaseRun):
        try:
            url = reverse("admin:applications_application_change", args=[run.application_id])
        except NoReverseMatch:
            return format_html("{}<br><small>{}</small>", run.application, run.application.user.email)
        return format_html(
            '<a href="{}">{}</a><br><small>{}</small>', url, run.application, run.application.user.email
        )

    @admin.display(description="Status", ordering="status")
    def status_summary(self, run: PhaseRun):
        if run.status == PhaseRun.Status.PROCESSING:
            return f"{run.get_status_display()} {run.progress:.0%}"
        if run.error_code:
            return format_html("{}<br><small>{}</small>", run.get_status_display(), run.error_code)
        return run.get_status_display()

    @admin.display(description="Duration")
    def duration(self, run: PhaseRun) -> str:
        """From the worker's start to the end; empty until both are known."""
        if not (run.started_at and run.completed_at):
            return "—"
        return duration_text((run.completed_at - run.started_at).total_seconds())

    @admin.display(description="Model", ordering="model")
    def provider_model(self, run: PhaseRun) -> str:
        return " / ".join(part for part in (run.provider, run.model) if part) or "—"

    @admin.display(description="Tokens in / out")
    def tokens(self, run: PhaseRun) -> str:
        return f"{run.input_tokens or 0} / {run.output_tokens or 0}"

    @admin.action(description="Re-run the selected failed or cancelled phases")
    def rerun_failed(self, request, queryset):
        started, refused = 0, []
        for run in queryset.select_related("application", "application__user"):
            try:
                phase_run_rerun(run=run)
                started += 1
            except DomainError as exc:
                refused.append(f"{run.application.name} ({run.phase}): {exc.message}")
        if started:
            self.message_user(request, f"Queued {started} run(s) again.", messages.SUCCESS)
        for line in refused:
            self.message_user(request, f"Not re-run: {line}", messages.WARNING)
