"""Reads of applications, always scoped by owner."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connection
from django.db.models import Count, Expression, F, Func, IntegerField, Q, QuerySet, Subquery, Window
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce, Lower

from applications.models import Application, ApplicationTally, tally_key
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
    return queryset.alias(sort_key=expression).order_by(key, "-created_at", "-id")


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


def _keyset_value(name: str, raw):
    """A JSON value of a row's sort key back to the column's type (a date, a UUID, ...)."""
    if raw is None:
        return None
    try:
        field = Application._meta.get_field(name)
    except FieldDoesNotExist:  # an expression such as LOWER(company_name): text
        return str(raw)
    return field.to_python(raw)


def application_keyset(
    queryset: QuerySet[Application], *, ordering: str | None, position: Sequence, backwards: bool = False
) -> list[QuerySet[Application]]:
    """The rows of `queryset` (from `application_list` with this `ordering`) after the row
    whose sort values are `position` (its `sort_key`, the ordering's key that
    `application_list` aliases, then `created_at` and `id`), or before it when `backwards`
    (then in reverse order, nearest first), as one or two parts to read in turn until a
    page is full: each part is one range of one index.

    Rows sort by the ordering's key, then newest first, then by id, so every row has one
    place whatever the ties; unknown dates and pay come last in both directions, as their
    own part (an OR across known and unknown keys would defeat the indexes). A position
    whose values are not of the columns' types raises `ValueError`.
    """
    name = (ordering or DEFAULT_ORDERING).removeprefix("-")
    descending = (ordering or DEFAULT_ORDERING).startswith("-")
    try:
        key, created_at, pk = position
        key, created_at, pk = (
            _keyset_value(name, key),
            _keyset_value("created_at", created_at),
            _keyset_value("id", pk),
        )
    except (TypeError, ValueError, ValidationError) as exc:
        raise ValueError("not a position of this list") from exc
    if created_at is None or pk is None:
        raise ValueError("not a position of this list")
    # Reading forwards the key grows (or shrinks when descending) and the tie-breakers
    # shrink; backwards, the other way round.
    later = "lt" if descending != backwards else "gt"
    older = "gt" if backwards else "lt"
    ties = Q(**{f"created_at__{older}": created_at}) | Q(created_at=created_at, **{f"id__{older}": pk})
    # The unknown keys, in the order of the tie-breakers alone (the key is the same for all).
    unknown = queryset.filter(sort_key__isnull=True).order_by("-created_at", "-id")
    if key is None:
        # After an unknown key come only more unknowns; before one, first the unknowns,
        # then every known key.
        parts = [unknown.filter(ties)]
        if backwards:
            parts.append(queryset.filter(sort_key__isnull=False))
    else:
        # The bound `key >= v` (or <=) is implied by the condition; the index starts there.
        known = (Q(**{f"sort_key__{later}": key}) | (Q(sort_key=key) & ties)) & Q(
            **{f"sort_key__{later}e": key}
        )
        parts = [queryset.filter(known)]
        if name in NULLABLE_ORDERINGS and not backwards:
            parts.append(unknown)
    return [part.reverse() for part in parts] if backwards else parts


# Each row of a page carries its sort key's value under this name (for page cursors).
PAGE_SORT_VALUE = "page_sort_value"


@dataclass(frozen=True)
class ApplicationPage:
    """One page of `application_list`: `rows` as dicts of the columns asked for, each with
    its sort key's value under `PAGE_SORT_VALUE`; `total` only where it was counted."""

    rows: list[dict]
    total: int | None
    more_before: bool
    more_after: bool


# The filters that narrow the list; each but `q` has one count per value in the tally.
TALLIED_FILTERS = ("status", "priority", "stage", "work_mode", "employment_type")
NARROWING_FILTERS = (*TALLIED_FILTERS, "q")


def _tally_keys(filters: dict) -> list[str] | None:
    """The keys of `ApplicationTally.counts` whose sum is the list's total, or None where
    the tally does not count this list: on SQLite, and where `q` or two filters narrow it."""
    narrowing = [name for name in NARROWING_FILTERS if filters.get(name)]
    if connection.vendor != "postgresql" or "q" in narrowing or len(narrowing) > 1:
        return None
    archived = filters.get("archived") or ARCHIVED_HIDDEN
    states = [False, True] if archived == ARCHIVED_ALL else [archived == ARCHIVED_ONLY]
    name = narrowing[0] if narrowing else ""
    return [tally_key(archived=state, name=name, value=filters.get(name, "")) for state in states]


def application_list_total(*, user: User, filters: dict) -> Expression | None:
    """How to read the exact total of `application_list(user, filters)` beside a page of
    it, or None to count it.

    On PostgreSQL a list that one filter at most narrows (not `q`) reads the user's tally
    (`ApplicationTally`, kept by a trigger). A search counts its matches in a window over
    the rows it reads anyway: the trigram indexes find them unordered, so the rows are
    read once for both the page and the count. Any other list (two filters, or SQLite)
    counts over the index of its filter.
    """
    keys = _tally_keys(filters)
    if keys is None:
        searching = connection.vendor == "postgresql" and (filters.get("q") or "").strip()
        return Window(Count("*")) if searching else None
    counted = [Coalesce(Cast(KeyTextTransform(key, "counts"), IntegerField()), 0) for key in keys]
    tally = ApplicationTally.objects.filter(user=user).annotate(n=sum(counted[1:], start=counted[0]))
    # No tally row yet: the user has never had an application.
    return Coalesce(Subquery(tally.values("n")), 0)


def application_list_count(*, user: User, filters: dict, queryset: QuerySet[Application]) -> int:
    """How many rows `queryset` (`application_list(user, filters)`) has: read from the
    user's tally where it counts this list (see `application_list_total`), else counted."""
    keys = _tally_keys(filters)
    if keys is None:
        return queryset.count()
    counts = ApplicationTally.objects.filter(user=user).values_list("counts", flat=True).first() or {}
    return sum(counts.get(key, 0) for key in keys)


def application_page_at_offset(
    queryset: QuerySet[Application],
    *,
    offset: int,
    limit: int,
    columns: Sequence[str],
    total: Expression | None = None,
) -> ApplicationPage:
    """The page at `offset` of `queryset` (from `application_list`), with the exact count:
    read by `total` (from `application_list_total`), else counted.

    The count rides along with the page's rows (the first page: one query) or ids (deeper:
    read from the sort's index alone, a deep offset skips index entries, not rows; then
    those rows). Past the end, where no row carries it, it is counted.
    """
    if total is None:
        # COUNT(*), as `.count()` writes it, lets PostgreSQL count the narrowest index.
        counted = (
            queryset.order_by().annotate(n=Func(template="COUNT(*)", output_field=IntegerField())).values("n")
        )
        total = Coalesce(Subquery(counted), 0)
    page = queryset.values(*columns, **{PAGE_SORT_VALUE: F("sort_key")})
    if offset == 0:
        rows = list(page.annotate(list_total=total)[:limit])
        count = rows[0]["list_total"] if rows else 0
        for row in rows:
            del row["list_total"]
        return ApplicationPage(rows, count, more_before=False, more_after=len(rows) < count)
    head = list(queryset.annotate(list_total=total).values_list("pk", "list_total")[offset : offset + limit])
    if not head:
        return ApplicationPage([], queryset.count(), more_before=True, more_after=False)
    count = head[0][1]
    rows = list(page.filter(pk__in=[pk for pk, _ in head]))
    return ApplicationPage(rows, count, more_before=True, more_after=offset + len(rows) < count)


def application_page_from(
    queryset: QuerySet[Application],
    *,
    ordering: str | None,
    position: Sequence,
    backwards: bool,
    limit: int,
    columns: Sequence[str],
) -> ApplicationPage:
    """The page after (or, `backwards`, before) the row at `position` (see
    `application_keyset`), counting nothing: one query, or two where the page runs from
    known into unknown deadlines or pay. One row more than the page tells whether another
    follows. A position that is not one of this list's raises `ValueError`."""
    rows = []
    for part in application_keyset(queryset, ordering=ordering, position=position, backwards=backwards):
        rows += part.values(*columns, **{PAGE_SORT_VALUE: F("sort_key")})[: limit + 1 - len(rows)]
        if len(rows) > limit:
            break
    more = len(rows) > limit
    rows = rows[:limit]
    if backwards:
        rows.reverse()
        return ApplicationPage(rows, None, more_before=more, more_after=True)
    return ApplicationPage(rows, None, more_before=True, more_after=more)


@dataclass(frozen=True)
class PipelineCounts:
    """How many of the user's applications stand at each hiring stage."""

    stages: list[dict]  # every stage in order: {"value", "label", "count"}, 0 where none
    total: int
    active: int  # in one of `Application.ACTIVE_STAGES`


def application_pipeline_counts(*, user: User) -> PipelineCounts:
    """The user's applications that are not archived counted per stage: read from the
    user's tally on PostgreSQL, else in one grouped query."""
    if connection.vendor == "postgresql":
        tally = ApplicationTally.objects.filter(user=user).values_list("counts", flat=True).first() or {}
        counts = {
            value: tally.get(tally_key(archived=False, name="stage", value=value), 0)
            for value in Application.Stage.values
        }
    else:
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
