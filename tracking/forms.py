"""Tracking forms: input shape only, built from the models' rules; the services decide."""

from django import forms

from tracking.models import Contact, Interview, Task

# `<input type="datetime-local">` sends and shows this format.
LOCAL_DATETIME = "%Y-%m-%dT%H:%M"


def _datetime(label: str, *, required: bool) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=[LOCAL_DATETIME, "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_DATETIME),
        error_messages={"invalid": "Enter a date and time, e.g. 2025-07-01 10:00."},
    )


class ContactForm(forms.Form):
    RULES = Contact.TEXT_RULES

    name = RULES["name"].form_field(label="Name")
    role = RULES["role"].form_field(label="Role", help_text="E.g. recruiter, hiring manager.")
    email = forms.EmailField(label="Email", required=False, max_length=254)
    phone = RULES["phone"].form_field(label="Phone", widget=forms.TextInput(attrs={"type": "tel"}))
    linkedin_url = RULES["linkedin_url"].form_field(
        label="LinkedIn", widget=forms.URLInput(attrs={"placeholder": "https://"})
    )
    notes = RULES["notes"].form_field(label="Notes", widget=forms.Textarea(attrs={"rows": 2}))


class InterviewForm(forms.Form):
    RULES = Interview.TEXT_RULES

    kind = forms.ChoiceField(
        label="Kind", choices=Interview.Kind.choices, initial=Interview.Kind.PHONE_SCREEN
    )
    scheduled_at = _datetime("When", required=True)
    duration_minutes = forms.IntegerField(
        label="Minutes", min_value=1, max_value=Interview.DURATION_LIMIT, initial=60
    )
    location = RULES["location"].form_field(label="Where")
    meeting_url = RULES["meeting_url"].form_field(
        label="Meeting link", widget=forms.URLInput(attrs={"placeholder": "https://"})
    )
    outcome = forms.ChoiceField(
        label="Outcome", choices=Interview.Outcome.choices, initial=Interview.Outcome.PENDING
    )
    notes = RULES["notes"].form_field(label="Notes", widget=forms.Textarea(attrs={"rows": 2}))


class TaskForm(forms.Form):
    title = Task.TEXT_RULES["title"].form_field(label="Task")
    due_at = _datetime("Due", required=False)
    done = forms.BooleanField(label="Done", required=False)


class TaskWithApplicationForm(TaskForm):
    """A task on the tasks page: free-standing or for one of the user's applications."""

    application = forms.ModelChoiceField(
        label="Application", queryset=None, required=False, empty_label="No application (free-standing)"
    )

    def __init__(self, *args, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = applications

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        application = data.pop("application", None)
        data["application_id"] = application.pk if application else None
        return data


class TaskDoneForm(forms.Form):
    done = forms.BooleanField(required=False)
