"""Application forms: input shape only (lengths, choices, URL schemes); the services own the rules."""

from django import forms

from applications.models import Application
from applications.selectors import SEARCH_MAX
from resumes.models import Resume

RULES = Application.TEXT_RULES


def _optional_choice(label: str, choices) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=[("", "Not stated"), *choices], required=False)


def _amount(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, required=False, min_value=0, max_value=Application.SALARY_LIMIT, widget=forms.NumberInput
    )


def _date(label: str) -> forms.DateField:
    return forms.DateField(label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}))


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
        widget=forms.Textarea(attrs={"rows": 12, "data-char-limit": RULES["job_description"].maximum}),
        help_text="Paste the whole posting: responsibilities and requirements give the best results.",
    )
    work_mode = _optional_choice("Work mode", Application.WorkMode.choices)
    employment_type = _optional_choice("Employment type", Application.EmploymentType.choices)
    salary_min = _amount("Pay from")
    salary_max = _amount("Pay up to")
    salary_currency = forms.CharField(
        label="Currency",
        required=False,
        max_length=3,
        widget=forms.TextInput(attrs={"placeholder": "USD", "autocomplete": "off"}),
        help_text="Three letters, e.g. USD, EUR, GBP.",
    )
    salary_period = _optional_choice("Pay period", Application.SalaryPeriod.choices)
    posted_at = _date("Posted on")
    deadline = _date("Apply by")
    source = RULES["source"].form_field(label="Found on", help_text="E.g. the job board's name.")
    additional_context = RULES["additional_context"].form_field(
        label="Anything else Job Forge should know",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="E.g. a referral, why this company, what you want to stress.",
    )
    notes = RULES["notes"].form_field(label="Notes", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resume"].queryset = Resume.objects.filter(user=user).only("id", "name", "is_primary")
        # A long paste is never cut by the browser: the counter shows the length and the
        # server says how much is over.
        self.fields["job_description"].widget.attrs.pop("maxlength", None)

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
    work_mode = forms.ChoiceField(
        label="Work mode", choices=[("", "Any work mode"), *Application.WorkMode.choices], required=False
    )
    employment_type = forms.ChoiceField(
        label="Employment type",
        choices=[("", "Any employment"), *Application.EmploymentType.choices],
        required=False,
    )
    ordering = forms.ChoiceField(
        label="Sort by",
        choices=[
            ("", "Newest first"),
            ("created_at", "Oldest first"),
            ("-updated_at", "Recently updated"),
            ("company_name", "Company A–Z"),
            ("deadline", "Deadline, soonest first"),
            ("-salary_max", "Highest pay first"),
            ("-match_score", "Best match first"),
        ],
        required=False,
    )

    def filters(self) -> dict:
        """The valid filters; an invalid value is dropped rather than failing the page."""
        self.is_valid()
        return {key: value for key, value in self.cleaned_data.items() if value}
