"""Resume forms: input shape only; `resumes.services` own the library rules."""

from django import forms
from django.core.validators import MinLengthValidator

from resumes.models import Resume

CONTENT_HELP = "Markdown works: `#` for headings, `-` for bullet points. At least 100 characters."


class ResumeForm(forms.Form):
    name = forms.CharField(max_length=255, help_text="For you only, e.g. “Backend — 2025”.")
    focus_area = forms.ChoiceField(label="Focus", choices=Resume.FocusArea.choices, initial="other")
    content = forms.CharField(
        label="Resume",
        max_length=50000,
        validators=[MinLengthValidator(100, "A resume needs at least 100 characters.")],
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
    name = forms.CharField(max_length=255, required=False, help_text="Defaults to the file’s name.")
    focus_area = forms.ChoiceField(label="Focus", choices=Resume.FocusArea.choices, initial="other")
