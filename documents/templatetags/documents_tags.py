"""`{{ text|markdown }}`: every rendered document goes through the one safe renderer."""

from django import template
from django.utils.safestring import mark_safe

from documents.rendering import markdown_to_safe_html

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str | None) -> str:
    # The renderer strips scripts, event handlers and unsafe URLs; its output is safe HTML.
    return mark_safe(markdown_to_safe_html(text or ""))  # noqa: S308
