"""Reads of applications, always scoped by owner."""

from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Lower

from applications.models import Application
from jobforge.accounts.models import User

# The longest search term taken (as long as a company name or a role title).
SEARCH_MAX = max(Application.TEXT_RULES["company_name"].maximum, Application.TEXT_RULES["role_title"].maximum)
# `q` matches any of these, case-insensitively (on PostgreSQL through trigram indexes).
SEARCH_FIELDS = ("company_name", "role_title", "location", "job_description")
# A trigram index can only narrow a search for a term of at least three characters.
TRIGRAM = 3

# The list's sort orders (SPEC §10, §11): each also sorts descending with a leading "-".
# Unknown dates, pay and match scores sort last either way; ties keep the newest first.
# Each has an index (`Application.Meta.indexes`) in both directions.
ORDERINGS = {
    "created_at": F("created_at"),
    "updated_at": F("updated_at"),
    "company_name": Lower("company_name"),
    "deadline": F("deadline"),
    "salary_max": F("salary_max"),
    "match_score": F("match_score"),
}
NULLABLE_ORDERINGS = {"deadline", "salary_max", "match_score"}
ORDERING_CHOICES = [value for name in ORDERINGS for value in (name, f"-{name}")]
DEFAULT_ORDERING = "-created_at"

# The `archived` filter (SPEC §12): archived applications leave the default list.
ARCHIVED_HIDDEN, ARCHIVED_ONLY, ARCHIVED_ALL = "false", "true", "all"
ARCHIVED_CHOICES = [
    (ARCHIVED_HIDDEN, "Not archived"),
    (ARCHIVED_ONLY, "Archived only"),
    (ARCHIVED_ALL, "All"),
]


def _ordered(
    queryset: QuerySet[Application], ordering: str | None, *, searching: bool = False
) -> QuerySet[Application]:
    ordering = ordering or DEFAULT_ORDERING
    descending = ordering.startswith("-")
    expression = ORDERINGS[ordering.removeprefix("-")]
    # Only the columns that may be empty say where empties go: a "NULLS LAST" on a column
    # that has none keeps PostgreSQL from reading a descending index in order. A search is
    # the exception: its matches come from the trigram indexes and are sorted, which beats
    # walking the sort's index and testing every row until a page of them matches.
    nulls_last = True if searching or ordering.removeprefix("-") in NULLABLE_ORDERINGS else None
    key = expression.desc(nulls_last=nulls_last) if descending else expression.asc(nulls_last=nulls_last)
    return queryset.order_by(key, "-created_at", "-id")


def application_list(*, user: User, filters: dict | None = None) -> QuerySet[Application]:
    """The user's applications, filtered by `archived` (`false`, the default: archived ones
    are hidden; `true`: only those; `all`), `status`, `priority`, `stage`, `work_mode`,
    `employment_type` and `q` (company, role, location or posting text contains, any
    case), sorted by `ordering` (one of `ORDERING_CHOICES`, newest first by default).
    Empty values are ignored; the callers validate values (the API answers 400 for bad
    ones)."""
    filters = filters or {}
    queryset = Application.objects.filter(user=user)
    archived = filters.get("archived") or ARCHIVED_HIDDEN
    if archived != ARCHIVED_ALL:
        queryset = queryset.filter(archived=archived == ARCHIVED_ONLY)
    for name, field in (
        ("status", "status"),
        ("priority", "priority_level"),
        ("stage", "stage"),
        ("work_mode", "work_mode"),
        ("employment_type", "employment_type"),
    ):
        if filters.get(name):
            queryset = queryset.filter(**{field: filters[name]})
    term = (filters.get("q") or "").strip()
    if term:
        matches = Q()
        for field in SEARCH_FIELDS:
            matches |= Q(**{f"{field}__icontains": term})
        queryset = queryset.filter(matches)
    return _ordered(queryset, filters.get("ordering"), searching=len(term) >= TRIGRAM)


@dataclass(frozen=True)
class PipelineCounts:
    """How many of the user's applications stand at each hiring stage."""

    stages: list[dict]  # every stage in order: {"value", "label", "count"}, 0 where none
    total: int
    active: int  # in one of `Application.ACTIVE_STAGES`


def application_pipeline_counts(*, user: User) -> PipelineCounts:
    """The user's applications that are not archived counted per stage, in one grouped query."""
    counts = dict(
        Application.objects.filter(user=user, archived=False)
        .values_list("stage")
        .annotate(n=Count("id"))
        .order_by()
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
