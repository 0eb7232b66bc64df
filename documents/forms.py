"""Document forms: input shape only; `documents.services` write the versions."""

from django import forms

from documents.services import CONTENT_RULE


class DocumentForm(forms.Form):
    content = CONTENT_RULE.form_field(
        label="Content (Markdown)",
        min_message="Write at least {minimum} characters.",
        widget=forms.Textarea(attrs={"rows": 28, "class": "mono editor", "spellcheck": "true"}),
        help_text="Markdown: # heading, **bold**, - bullet. Saving keeps the current text as a version.",
    )


class PreviewForm(forms.Form):
    content = CONTENT_RULE.form_field(required=False)
