"""Application forms: input shape only (lengths, choices, URL schemes); the services own the rules."""

from django import forms

from applications.models import Application
from applications.selectors import SEARCH_MAX
from resumes.models import Resume

RULES = Application.TEXT_RULES


class ApplicationForm(forms.Form):
    company_name = RULES["company_name"].form_field(label="Company")
    role_title = RULES["role_title"].form_field(label="Role")
    job_url = RULES["job_url"].form_field(
        label="Link to the posting", widget=forms.URLInput(attrs={"placeholder": "https://"})
    )
    location = RULES["location"].form_field()
    priority_level = forms.ChoiceField(
        label="Priority", choices=Application.Priority.choices, initial=Application.Priority.MEDIUM
    )
    resume = forms.ModelChoiceField(
        label="Resume to tailor",
        queryset=Resume.objects.none(),
        required=False,
        empty_label="My primary resume",
    )
    job_description = RULES["job_description"].form_field(
        label="Job description",
        min_message="Paste the full posting: at least {minimum} characters.",
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Paste the whole posting: responsibilities and requirements give the best results.",
    )
    additional_context = RULES["additional_context"].form_field(
        label="Anything else Job Forge should know",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="E.g. a referral, why this company, what you want to stress.",
    )
    notes = RULES["notes"].form_field(label="Notes", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resume"].queryset = Resume.objects.filter(user=user).only("id", "name", "is_primary")

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        resume = data.pop("resume", None)
        data["resume_id"] = resume.pk if resume else None
        return data


class ImportForm(forms.Form):
    """The new-application page's import box: a link to the posting, or its pasted text.
    The service decides (one of the two, the link's rules, the fetch)."""

    url = forms.CharField(
        label="Import from a link",
        required=False,
        widget=forms.URLInput(attrs={"placeholder": "https://", "autocomplete": "off"}),
        help_text="A link to the job posting: its details fill the form below for you to check.",
    )
    text = forms.CharField(
        label="Paste the whole posting",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Copy the whole page of the posting and paste it here.",
    )


class StageForm(forms.Form):
    stage = forms.ChoiceField(choices=Application.Stage.choices)


class NotesForm(forms.Form):
    notes = RULES["notes"].form_field(
        label="Notes",
        widget=forms.Textarea(attrs={"rows": 5, "placeholder": "Contacts, interview dates, follow-ups…"}),
    )


class ApplicationFilterForm(forms.Form):
    q = forms.CharField(label="Search", max_length=SEARCH_MAX, required=False)
    stage = forms.ChoiceField(choices=[("", "Any stage"), *Application.Stage.choices], required=False)
    status = forms.ChoiceField(choices=[("", "Any progress"), *Application.Status.choices], required=False)
    priority = forms.ChoiceField(
        choices=[("", "Any priority"), *Application.Priority.choices], required=False
    )

    def filters(self) -> dict:
        """The valid filters; an invalid value is dropped rather than failing the page."""
        self.is_valid()
        return {key: value for key, value in self.cleaned_data.items() if value}
