"""Absolute links, for what is read away from the site: mails and the calendar feed."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """`JOBFORGE_SITE_URL` and the path (which starts with "/")."""
    return settings.JOBFORGE_SITE_URL + path
