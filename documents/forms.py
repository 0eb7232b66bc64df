"""Document forms: input shape only; `documents.services` write the versions."""

from django import forms
from django.core.validators import MinLengthValidator

CONTENT_MIN, CONTENT_MAX = 10, 50000


class DocumentForm(forms.Form):
    content = forms.CharField(
        label="Content (Markdown)",
        max_length=CONTENT_MAX,
        strip=False,
        validators=[MinLengthValidator(CONTENT_MIN, f"Write at least {CONTENT_MIN} characters.")],
        widget=forms.Textarea(attrs={"rows": 28, "class": "mono editor", "spellcheck": "true"}),
        help_text="Markdown: # heading, **bold**, - bullet. Saving keeps the current text as a version.",
    )


class PreviewForm(forms.Form):
    content = forms.CharField(max_length=CONTENT_MAX, required=False, strip=False)
