"""Operators' view of applications: the list, the timeline and the documents inline.

Edits go through `applications.services`, so the admin keeps the same rules as the
API and the UI (bounds, the owner's own resume, stage timeline). Applications are
created by their owners, not here.
"""

from django import forms
from django.contrib import admin

from applications import services
from applications.models import Application, StageEvent
from documents.models import Document
from jobforge.errors import ValidationFailed

ADMIN_EDITABLE = (*services.EDITABLE_FIELDS, "stage", "resume")


class ApplicationAdminForm(forms.ModelForm):
    job_url = forms.URLField(
        max_length=Application.TEXT_RULES["job_url"].maximum, required=False, assume_scheme="https"
    )

    class Meta:
        model = Application
        fields = ADMIN_EDITABLE

    def clean(self):
        cleaned = super().clean()
        changed = {field: cleaned[field] for field in self.changed_data if field in services.EDITABLE_FIELDS}
        try:
            services.application_fields_clean(changed, creating=False, current=self.instance)
        except ValidationFailed as error:
            for field, messages in error.details.items():
                self.add_error(field if field in self.fields else None, messages)
        resume = cleaned.get("resume")
        if resume is not None and resume.user_id != self.instance.user_id:
            self.add_error("resume", "Choose one of this user's own resumes.")
        return cleaned


class StageEventInline(admin.TabularInline):
    model = StageEvent
    fields = ["from_stage", "to_stage", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["created_at", "id"]

    def has_add_permission(self, request, obj=None):
        return False


class DocumentInline(admin.TabularInline):
    model = Document
    fields = ["document_type", "version", "updated_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    form = ApplicationAdminForm
    list_display = [
        "company_name",
        "role_title",
        "stage",
        "status",
        "priority_level",
        "work_mode",
        "deadline",
        "user",
        "created_at",
    ]
    list_filter = [
        "stage",
        "archived",
        "work_mode",
        "employment_type",
        "status",
        "priority_level",
        "research_completed",
        "resume_optimized",
        "created_at",
    ]
    search_fields = ["name", "company_name", "role_title", "user__email"]
    list_select_related = ["user"]
    date_hierarchy = "created_at"
    ordering = ["-created_at"]
    raw_id_fields = ["resume"]
    readonly_fields = [
        "id",
        "name",
        "user",
        "status",
        "research_completed",
        "resume_optimized",
        "cover_letter_generated",
        "follow_up_reminded_at",
        "created_at",
        "updated_at",
    ]
    fieldsets = (
        (None, {"fields": ("id", "name", "user", "stage", "applied_at", "priority_level", "archived")}),
        ("Follow-up", {"fields": ("follow_up_at", "follow_up_reminded_at")}),
        (
            "Posting",
            {"fields": ("company_name", "role_title", "job_url", "location", "source", "job_description")},
        ),
        (
            "Job details",
            {
                "fields": (
                    ("work_mode", "employment_type"),
                    ("salary_min", "salary_max", "salary_currency", "salary_period"),
                    ("posted_at", "deadline"),
                )
            },
        ),
        ("Tailoring", {"fields": ("resume", "additional_context", "notes")}),
        (
            "AI progress",
            {"fields": ("status", "research_completed", "resume_optimized", "cover_letter_generated")},
        ),
        ("Dates", {"fields": ("created_at", "updated_at")}),
    )
    inlines = [StageEventInline, DocumentInline]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        fields = {field: form.cleaned_data[field] for field in form.changed_data if field in ADMIN_EDITABLE}
        if "resume" in fields:
            resume = fields.pop("resume")
            fields["resume_id"] = resume.pk if resume else None
        updated = services.application_update(user=obj.user, application_id=obj.pk, **fields)
        obj.refresh_from_db()
        return updated
