"""Reads of applications, always scoped by owner."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from applications.models import Application
from jobforge.accounts.models import User

# `q` matches company or role: a longer term could match neither.
SEARCH_MAX = max(Application.TEXT_RULES["company_name"].maximum, Application.TEXT_RULES["role_title"].maximum)


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


@dataclass(frozen=True)
class PipelineCounts:
    """How many of the user's applications stand at each hiring stage."""

    stages: list[dict]  # every stage in order: {"value", "label", "count"}, 0 where none
    total: int
    active: int  # in one of `Application.ACTIVE_STAGES`


def application_pipeline_counts(*, user: User) -> PipelineCounts:
    """The user's applications counted per stage, in one grouped query."""
    counts = dict(
        Application.objects.filter(user=user).values_list("stage").annotate(n=Count("id")).order_by()
    )
    return PipelineCounts(
        stages=[
            {"value": value, "label": label, "count": counts.get(value, 0)}
            for value, label in Application.Stage.choices
        ],
        total=sum(counts.values()),
        active=sum(counts.get(stage, 0) for stage in Application.ACTIVE_STAGES),
    )


def application_recent(*, user: User, limit: int) -> list[Application]:
    """The user's `limit` newest applications, without the long text fields (one query)."""
    return list(application_list(user=user).defer("job_description", "additional_context", "notes")[:limit])
