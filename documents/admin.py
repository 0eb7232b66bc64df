"""Operators see documents and their full history; content changes only through the
versioning service (the UI, the API and the pipeline), so these pages are read-only.

The change lists show no text, so they load none: each body is up to 50,000 characters,
and so is each posting of the applications they name.
"""

from django.contrib import admin

from documents.models import Document, DocumentVersion

_APPLICATION_TEXT = ("application__job_description", "application__additional_context", "application__notes")


class DocumentVersionInline(admin.TabularInline):
    model = DocumentVersion
    fields = ["number", "source", "restored_from", "source_run_id", "created_at", "content"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["-number"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["application", "document_type", "version", "owner", "updated_at"]
    list_filter = ["document_type", "updated_at"]
    search_fields = ["application__name", "application__company_name", "application__user__email"]
    list_select_related = ["application__user"]
    ordering = ["-updated_at"]
    fields = ["id", "application", "document_type", "version", "content", "created_at", "updated_at"]
    readonly_fields = fields
    inlines = [DocumentVersionInline]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.resolver_match and request.resolver_match.url_name.endswith("_changelist"):
            queryset = queryset.defer("content", *_APPLICATION_TEXT)
        return queryset

    @admin.display(description="Owner", ordering="application__user__email")
    def owner(self, obj):
        return obj.application.user

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(DocumentVersion)
class DocumentVersionAdmin(admin.ModelAdmin):
    list_display = ["document", "application", "number", "source", "created_at"]
    list_filter = ["source", "document__document_type", "created_at"]
    search_fields = ["document__application__name", "document__application__user__email", "source_run_id"]
    list_select_related = ["document__application"]
    ordering = ["-created_at"]
    fields = ["id", "document", "number", "source", "restored_from", "source_run_id", "content", "created_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.resolver_match and request.resolver_match.url_name.endswith("_changelist"):
            queryset = queryset.defer(
                "content", "document__content", *(f"document__{name}" for name in _APPLICATION_TEXT)
            )
        return queryset

    @admin.display(description="Application", ordering="document__application__name")
    def application(self, obj):
        return obj.document.application

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
