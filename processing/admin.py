from django.contrib import admin, messages
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from jobforge.errors import DomainError
from processing.models import PhaseRun
from processing.services import phase_run_rerun


@admin.register(PhaseRun)
class PhaseRunAdmin(admin.ModelAdmin):
    """Every AI phase run, read-only; failed ones can be re-run (as a new run)."""

    list_display = (
        "created_at",
        "application_link",
        "owner_email",
        "phase",
        "status",
        "progress_percent",
        "attempts",
        "provider",
        "model",
        "input_tokens",
        "output_tokens",
        "cost_estimate",
        "error_code",
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
            return run.application.name
        return format_html('<a href="{}">{}</a>', url, run.application.name)

    @admin.display(description="Owner", ordering="application__user__email")
    def owner_email(self, run: PhaseRun) -> str:
        return run.application.user.email

    @admin.display(description="Progress")
    def progress_percent(self, run: PhaseRun) -> str:
        return f"{run.progress:.0%}"

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
