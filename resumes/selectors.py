"""Reads of the resume library, always scoped by owner."""

from dataclasses import dataclass

from django.db.models import QuerySet

from jobforge.accounts.models import User
from resumes.focus import posting_focus
from resumes.models import Resume


def resume_list(*, user: User) -> QuerySet[Resume]:
    """The user's library: primary first, then most recently updated."""
    return Resume.objects.filter(user=user).order_by("-is_primary", "-updated_at", "-created_at", "-id")


def resume_count(*, user: User) -> int:
    """How many resumes the user's library holds (one query)."""
    return Resume.objects.filter(user=user).count()


@dataclass
class ResumeChoice:
    """The resume an application tailors, and the one its focus suggests instead (if any)."""

    in_use: Resume | None
    suggested: Resume | None
    focus_label: str = ""


def resume_choice_for_posting(*, user: User, resume_id, title: str, text: str) -> ResumeChoice:
    """Which resume tailoring uses (the chosen one, else the primary), and a resume of the
    library marked with the focus the posting calls for when the one in use is not (one query)."""
    resumes = list(
        Resume.objects.filter(user=user)
        .only("id", "name", "focus_area", "is_primary")
        .order_by("-is_primary", "-updated_at", "-id")
    )
    in_use = next((r for r in resumes if r.pk == resume_id), None) or next(
        (r for r in resumes if r.is_primary), None
    )
    focus = posting_focus(title=title, text=text)
    if in_use is None or focus is None or in_use.focus_area == focus:
        return ResumeChoice(in_use=in_use, suggested=None)
    suggested = next((r for r in resumes if r.focus_area == focus), None)
    return ResumeChoice(in_use=in_use, suggested=suggested, focus_label=Resume.FocusArea(focus).label)
