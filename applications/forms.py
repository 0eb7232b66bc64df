"""Application forms: input shape only (lengths, choices, URL schemes); the services own the rules."""

from django import forms
from django.core.validators import MinLengthValidator, URLValidator

from applications.models import Application
from applications.services import TEXT_LIMITS
from resumes.models import Resume

NOTES_MAX = TEXT_LIMITS["notes"][1]


class ApplicationForm(forms.Form):
    company_name = forms.CharField(label="Company", max_length=255)
    role_title = forms.CharField(label="Role", max_length=255)
    job_url = forms.CharField(
        label="Link to the posting",
        max_length=2000,
        required=False,
        validators=[
            URLValidator(schemes=["http", "https"], message="Enter a link starting with http:// or https://.")
        ],
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    location = forms.CharField(max_length=255, required=False)
    priority_level = forms.ChoiceField(
        label="Priority", choices=Application.Priority.choices, initial="medium"
    )
    resume = forms.ModelChoiceField(
        label="Resume to tailor",
        queryset=Resume.objects.none(),
        required=False,
        empty_label="My primary resume",
    )
    job_description = forms.CharField(
        label="Job description",
        max_length=10000,
        validators=[MinLengthValidator(50, "Paste the full posting: at least 50 characters.")],
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Paste the whole posting: responsibilities and requirements give the best results.",
    )
    additional_context = forms.CharField(
        label="Anything else Job Forge should know",
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="E.g. a referral, why this company, what you want to stress.",
    )
    notes = forms.CharField(
        max_length=NOTES_MAX, required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Notes"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resume"].queryset = Resume.objects.filter(user=user).only("id", "name", "is_primary")

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        resume = data.pop("resume", None)
        data["resume_id"] = resume.pk if resume else None
        return data


class StageForm(forms.Form):
    stage = forms.ChoiceField(choices=Application.Stage.choices)


class NotesForm(forms.Form):
    notes = forms.CharField(
        label="Notes",
        max_length=NOTES_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "placeholder": "Contacts, interview dates, follow-ups…"}),
    )


class ApplicationFilterForm(forms.Form):
    q = forms.CharField(label="Search", max_length=200, required=False)
    stage = forms.ChoiceField(choices=[("", "Any stage"), *Application.Stage.choices], required=False)
    status = forms.ChoiceField(choices=[("", "Any progress"), *Application.Status.choices], required=False)
    priority = forms.ChoiceField(
        choices=[("", "Any priority"), *Application.Priority.choices], required=False
    )

    def filters(self) -> dict:
        """The valid filters; an invalid value is dropped rather than failing the page."""
        self.is_valid()
        return {key: value for key, value in self.cleaned_data.items() if value}
