"""Operators' view of resume libraries. Writes go through `resumes.services`, so the
"exactly one primary" rule holds here too (the flag moves with an action, deleting the
only primary is refused, deleting a primary promotes a sibling)."""

from django import forms
from django.contrib import admin, messages

from jobforge.errors import DomainError, ValidationFailed
from resumes import services
from resumes.models import Resume

ADMIN_EDITABLE = ("name", "content", "focus_area")


class ResumeAdminForm(forms.ModelForm):
    class Meta:
        model = Resume
        fields = ["user", *ADMIN_EDITABLE]

    def clean(self):
        cleaned = super().clean()
        creating = self.instance._state.adding
        fields = {
            field: cleaned.get(field) for field in ADMIN_EDITABLE if creating or field in self.changed_data
        }
        try:
            services.resume_fields_clean(fields, creating=creating)
        except ValidationFailed as error:
            for field, field_messages in error.details.items():
                self.add_error(field if field in self.fields else None, field_messages)
        return cleaned


@admin.register(Resume)
class ResumeAdmin(admin.ModelAdmin):
    form = ResumeAdminForm
    list_display = ["name", "user", "focus_area", "is_primary", "updated_at"]
    list_filter = ["focus_area", "is_primary", "updated_at"]
    search_fields = ["name", "user__email"]
    list_select_related = ["user"]
    ordering = ["user__email", "-is_primary", "-updated_at"]
    raw_id_fields = ["user"]
    readonly_fields = ["id", "is_primary", "created_at", "updated_at"]
    actions = ["make_primary"]

    def get_readonly_fields(self, request, obj=None):
        # The owner is chosen once, when an operator adds a resume for someone.
        return [*self.readonly_fields, "user"] if obj else self.readonly_fields

    def get_fields(self, request, obj=None):
        return ["id", "user", "name", "focus_area", "is_primary", "content", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        if change:
            fields = {
                field: form.cleaned_data[field] for field in form.changed_data if field in ADMIN_EDITABLE
            }
            services.resume_update(user=obj.user, resume_id=obj.pk, **fields)
            obj.refresh_from_db()
            return
        created = services.resume_create(
            user=form.cleaned_data["user"],
            name=form.cleaned_data["name"],
            content=form.cleaned_data["content"],
            focus_area=form.cleaned_data["focus_area"],
        )
        # The admin goes on with this object (messages, redirect): make it the created row.
        obj.pk = created.pk
        obj.refresh_from_db()

    def has_delete_permission(self, request, obj=None):
        # The only resume stays while it is primary (SPEC §6): no delete button for it.
        if (
            obj is not None
            and obj.is_primary
            and not Resume.objects.filter(user_id=obj.user_id).exclude(pk=obj.pk).exists()
        ):
            return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        try:
            services.resume_delete(user=obj.user, resume_id=obj.pk)
        except DomainError as error:
            self.message_user(request, error.message, messages.ERROR)

    def delete_queryset(self, request, queryset):
        for resume in queryset.select_related("user"):
            self.delete_model(request, resume)

    @admin.action(description="Make the selected resume its owner's primary")
    def make_primary(self, request, queryset):
        for resume in queryset.select_related("user"):
            services.resume_set_primary(user=resume.user, resume_id=resume.pk)
        self.message_user(request, f"{queryset.count()} resume(s) made primary.", messages.SUCCESS)
