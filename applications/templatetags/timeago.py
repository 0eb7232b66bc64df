"""`{{ when|ago }}`: "just now", "5 minutes ago", "3 days ago" (one unit, no "0 minutes")."""

from datetime import timedelta

from django import template
from django.utils import timezone
from django.utils.timesince import timesince

register = template.Library()


@register.filter(name="ago")
def ago(value) -> str:
    if not value:
        return ""
    if timezone.now() - value < timedelta(minutes=1):
        return "just now"
    return f"{timesince(value, depth=1)} ago"
