"""Operators' view of contacts, interviews and tasks: lists with their application and
owner, filters and search. Edits go through `tracking.services`' field rules; rows are
created by their owners, not here (scheduling an interview moves the application)."""

from django import forms
from django.contrib import admin

from jobforge.errors import ValidationFailed
from tracking import services
from tracking.models import Contact, Interview, Task


def _admin_form(model, editable: tuple[str, ...]) -> type[forms.ModelForm]:
    """A form that checks the changed fields with the service's rules for `model`."""

    class TrackingAdminForm(forms.ModelForm):
        class Meta:
            fields = editable

        def clean(self):
            cleaned = super().clean()
            changed = {field: cleaned.get(field) for field in self.changed_data if field in editable}
            try:
                services.fields_clean(model, editable, changed)
            except ValidationFailed as error:
                for field, messages in error.details.items():
                    self.add_error(field if field in self.fields else None, messages)
            return cleaned

    TrackingAdminForm.Meta.model = model
    return TrackingAdminForm


class _OwnedByApplication(admin.ModelAdmin):
    list_select_related = ["application__user"]
    raw_id_fields = ["application"]
    readonly_fields = ["id", "application", "created_at", "updated_at"]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        fields = {field: form.cleaned_data[field] for field in form.changed_data if field in self.editable}
        self.update(user=obj.application.user, row=obj, **fields)

    @admin.display(description="Owner", ordering="application__user__email")
    def owner(self, obj):
        return obj.application.user.email


@admin.register(Contact)
class ContactAdmin(_OwnedByApplication):
    editable = services.CONTACT_FIELDS
    form = _admin_form(Contact, services.CONTACT_FIELDS)
    list_display = ["name", "role", "email", "application", "owner", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["name", "role", "email", "application__company_name", "application__user__email"]
    fields = ["id", "application", *services.CONTACT_FIELDS, "created_at", "updated_at"]

    def update(self, *, user, row, **fields):
        services.contact_update(user=user, contact=row, **fields)


@admin.register(Interview)
class InterviewAdmin(_OwnedByApplication):
    editable = services.INTERVIEW_FIELDS
    form = _admin_form(Interview, services.INTERVIEW_FIELDS)
    list_display = ["scheduled_at", "kind", "duration_minutes", "outcome", "application", "owner"]
    list_filter = ["kind", "outcome", "scheduled_at"]
    search_fields = [
        "application__company_name",
        "application__role_title",
        "application__user__email",
        "notes",
    ]
    date_hierarchy = "scheduled_at"
    fields = ["id", "application", *services.INTERVIEW_FIELDS, "created_at", "updated_at"]

    def update(self, *, user, row, **fields):
        services.interview_update(user=user, interview=row, **fields)


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    form = _admin_form(Task, services.TASK_FIELDS)
    list_display = ["title", "due_at", "done", "reminded_at", "application", "user"]
    list_filter = ["done", "due_at", ("application", admin.EmptyFieldListFilter)]
    search_fields = ["title", "user__email", "application__company_name"]
    list_select_related = ["user", "application"]
    raw_id_fields = ["application"]
    readonly_fields = ["id", "user", "application", "reminded_at", "created_at", "updated_at"]
    fields = ["id", "user", "application", *services.TASK_FIELDS, "reminded_at", "created_at", "updated_at"]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        fields = {
            field: form.cleaned_data[field] for field in form.changed_data if field in services.TASK_FIELDS
        }
        services.task_update(user=obj.user, task=obj, **fields)
