"""Operators see each application's match report; reports are written only by
`matching.services` (recomputed from their inputs), so these pages are read-only.

The change list shows no report or posting text, so it loads none."""

from django.contrib import admin

from matching.models import MatchReport

_LONG = ("report", "application__job_description", "application__additional_context", "application__notes")


@admin.register(MatchReport)
class MatchReportAdmin(admin.ModelAdmin):
    list_display = ["application", "owner", "score", "score_source", "score_tailored", "computed_at"]
    list_filter = ["computed_at"]
    search_fields = ["application__name", "application__company_name", "application__user__email"]
    list_select_related = ["application__user"]
    ordering = ["-computed_at"]
    fields = [
        "application",
        "resume",
        "document_version",
        "score",
        "score_source",
        "score_tailored",
        "inputs_digest",
        "computed_at",
        "report",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.resolver_match and request.resolver_match.url_name.endswith("_changelist"):
            queryset = queryset.defer(*_LONG)
        return queryset

    @admin.display(description="Owner", ordering="application__user__email")
    def owner(self, obj):
        return obj.application.user

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
