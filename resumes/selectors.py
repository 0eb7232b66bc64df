"""Reads of the resume library, always scoped by owner."""

from django.db.models import QuerySet

from jobforge.accounts.models import User
from resumes.models import Resume


def resume_list(*, user: User) -> QuerySet[Resume]:
    """The user's library: primary first, then most recently updated."""
    return Resume.objects.filter(user=user).order_by("-is_primary", "-updated_at", "-created_at", "-id")


def resume_count(*, user: User) -> int:
    """How many resumes the user's library holds (one query)."""
    return Resume.objects.filter(user=user).count()
