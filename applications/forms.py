"""Application forms: input shape only (lengths, choices, URL schemes); the services own the rules."""

from django import forms

from applications.models import Application
from applications.selectors import ARCHIVED_ALL, ARCHIVED_ONLY, SEARCH_MAX
from resumes.models import Resume

RULES = Application.TEXT_RULES


def _optional_choice(label: str, choices) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=[("", "Not stated"), *choices], required=False)


def _amount(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, required=False, min_value=0, max_value=Application.SALARY_LIMIT, widget=forms.NumberInput
    )


def _datetime(label: str, help_text: str = "") -> forms.DateTimeField:
    # `<input type="datetime-local">` sends and shows this format.
    return forms.DateTimeField(
        label=label,
        required=False,
        help_text=help_text,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": "Enter a date and time, e.g. 2025-07-01 10:00."},
    )


def _date(label: str) -> forms.DateField:
    return forms.DateField(label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}))


class _ResumeChoiceField(forms.ModelChoiceField):
    """Each resume named with its focus, so the one written for this kind of role stands out."""

    def label_from_instance(self, resume) -> str:
        if resume.focus_area == Resume.FocusArea.OTHER:
            return resume.name
        return f"{resume.name} ({resume.get_focus_area_display()})"


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
    resume = _ResumeChoiceField(
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
    applied_at = _datetime(
        "Applied on", "Filled in when you move it to “Applied”; change it if you applied earlier."
    )
    follow_up_at = _datetime("Follow up on", "Job Forge reminds you then.")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resume"].queryset = Resume.objects.filter(user=user).only(
            "id", "name", "is_primary", "focus_area"
        )
        # A long paste is never cut by the browser: the counter shows the length and the
        # server says how much is over.
        self.fields["job_description"].widget.attrs.pop("maxlength", None)

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        resume = data.pop("resume", None)
        data["resume_id"] = resume.pk if resume else None
        return data


class ResumePickForm(forms.Form):
    """One resume of the user's library, by id."""

    resume = forms.ModelChoiceField(queryset=Resume.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resume"].queryset = Resume.objects.filter(user=user).only("id", "name")


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


class CsvImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="A spreadsheet saved as CSV: our export, or columns such as Company, Job Title, "
        "Status, Date Applied, URL, Location, Salary and Notes.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv,text/plain"}),
    )


class NotesForm(forms.Form):
    notes = RULES["notes"].form_field(
        label="Notes",
        widget=forms.Textarea(attrs={"rows": 5, "placeholder": "Contacts, interview dates, follow-ups…"}),
    )


class ArchiveForm(forms.Form):
    archived = forms.BooleanField(required=False)


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
    archived = forms.ChoiceField(
        label="Archived",
        choices=[("", "Hide archived"), (ARCHIVED_ONLY, "Archived only"), (ARCHIVED_ALL, "With archived")],
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
