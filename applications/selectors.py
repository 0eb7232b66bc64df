"""Reads of applications, always scoped by owner."""

from django.db.models import Q, QuerySet

from applications.models import Application
from jobforge.accounts.models import User

LIST_FILTERS = ("status", "priority", "stage", "q")


def application_list(*, user: User, filters: dict | None = None) -> QuerySet[Application]:
    """The user's applications, newest first, filtered by `status`, `priority`, `stage`
    and `q` (company or role contains, case-insensitive). Unknown filters and empty
    values are ignored; the callers validate values (the API answers 400 for bad ones)."""
    filters = filters or {}
    queryset = Application.objects.filter(user=user).order_by("-created_at", "-id")
    if filters.get("status"):
        queryset = queryset.filter(status=filters["status"])
    if filters.get("priority"):
        queryset = queryset.filter(priority_level=filters["priority"])
    if filters.get("stage"):
        queryset = queryset.filter(stage=filters["stage"])
    term = (filters.get("q") or "").strip()
    if term:
        queryset = queryset.filter(Q(company_name__icontains=term) | Q(role_title__icontains=term))
    return queryset
