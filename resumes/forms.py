"""Resume forms: input shape only; `resumes.services` own the library rules."""

from django import forms

from resumes.models import Resume

RULES = Resume.TEXT_RULES
CONTENT_HELP = (
    "Markdown works: `#` for headings, `-` for bullet points. "
    f"At least {RULES['content'].minimum} characters."
)


FOCUS_HELP = "The kind of role it is written for: an application for such a role suggests it."


class ResumeForm(forms.Form):
    name = RULES["name"].form_field(help_text="For you only, e.g. “Backend — 2025”.")
    focus_area = forms.ChoiceField(
        label="Focus",
        choices=Resume.FocusArea.choices,
        initial=Resume.FocusArea.OTHER,
        help_text=FOCUS_HELP,
    )
    content = RULES["content"].form_field(
        label="Resume",
        min_message="A resume needs at least {minimum} characters.",
        widget=forms.Textarea(attrs={"rows": 20, "class": "mono"}),
        help_text=CONTENT_HELP,
    )
    is_primary = forms.BooleanField(
        label="Use as my primary resume", required=False, help_text="New applications tailor this one."
    )


class ResumeUploadForm(forms.Form):
    file = forms.FileField(
        label="Resume file",
        help_text="PDF, Word (.docx), text or Markdown, up to 5 MB.",
        widget=forms.FileInput(attrs={"accept": ".pdf,.docx,.txt,.md,.markdown"}),
    )
    name = RULES["name"].form_field(
        required=False, help_text="Defaults to the name and headline the resume gives."
    )
    focus_area = forms.ChoiceField(
        label="Focus",
        choices=Resume.FocusArea.choices,
        initial=Resume.FocusArea.OTHER,
        help_text=FOCUS_HELP,
    )


class StructureBasicsForm(forms.Form):
    """The top of the resume as read from it: who the user is and how to reach them."""

    name = forms.CharField(label="Name", max_length=300, required=False)
    label = forms.CharField(label="Headline", max_length=300, required=False)
    email = forms.CharField(label="Email", max_length=300, required=False)
    phone = forms.CharField(label="Phone", max_length=300, required=False)
    location = forms.CharField(label="Location", max_length=300, required=False)


class StructureRoleForm(forms.Form):
    """One role as read from the resume; the dates as 2021-06, 2021 or “present”."""

    position = forms.CharField(label="Job title", max_length=300, required=False)
    name = forms.CharField(label="Employer", max_length=300, required=False)
    location = forms.CharField(label="Place", max_length=300, required=False)
    startDate = forms.CharField(label="From", max_length=20, required=False)  # noqa: N815
    endDate = forms.CharField(label="To", max_length=20, required=False)  # noqa: N815


StructureRoleFormSet = forms.formset_factory(StructureRoleForm, extra=0)
