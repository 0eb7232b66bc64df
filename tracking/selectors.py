"""Reads of contacts, interviews and tasks, always scoped by owner; none of them writes."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from applications.models import Application
from jobforge.accounts.models import User
from tracking.models import Contact, Interview, Task

# The dashboard looks this far ahead for what is coming due.
DUE_SOON = dt.timedelta(days=7)
# And shows at most this many of each kind (the full list is on the tasks page).
DASHBOARD_ITEMS = 10


def contact_list(*, user: User, application: Application) -> QuerySet[Contact]:
    """The application's contacts, oldest first."""
    return Contact.objects.filter(application__user=user, application=application).order_by(
        "created_at", "id"
    )


def interview_list(*, user: User, application: Application) -> QuerySet[Interview]:
    """The application's interviews, soonest first."""
    return Interview.objects.filter(application__user=user, application=application).order_by(
        "scheduled_at", "id"
    )


# A task as lists show it, with its application's name (one joined query).
TASK_ROW_FIELDS = (
    "id",
    "title",
    "due_at",
    "done",
    "application__id",
    "application__company_name",
    "application__role_title",
)


def _task_rows(queryset: QuerySet[Task]) -> QuerySet[Task]:
    return queryset.select_related("application").only(*TASK_ROW_FIELDS)


def task_list(*, user: User, filters: dict | None = None, with_application: bool = False) -> QuerySet[Task]:
    """The user's tasks: open ones first, soonest due first (undated last), then done ones.

    Filters: `application` (an Application: its tasks only), `done` (True/False).
    `with_application` joins each task's application name in."""
    filters = filters or {}
    queryset = Task.objects.filter(user=user)
    if with_application:
        queryset = _task_rows(queryset)
    if filters.get("application") is not None:
        queryset = queryset.filter(application=filters["application"])
    if filters.get("done") is not None:
        queryset = queryset.filter(done=filters["done"])
    return queryset.order_by("done", "due_at", "created_at", "id")


@dataclass(frozen=True)
class DueItems:
    """What the dashboard shows as overdue or coming due: open tasks and follow-ups."""

    tasks: list[Task]
    follow_ups: list[Application]
    now: dt.datetime

    @property
    def empty(self) -> bool:
        return not self.tasks and not self.follow_ups


def due_items(*, user: User, now: dt.datetime, limit: int = DASHBOARD_ITEMS) -> DueItems:
    """Open tasks and follow-ups due before `now` + `DUE_SOON`, overdue first, in two
    queries; those of archived applications are left out (free-standing tasks stay)."""
    horizon = now + DUE_SOON
    tasks = _task_rows(
        Task.objects.filter(user=user, done=False, due_at__lt=horizon).filter(
            Q(application__isnull=True) | Q(application__archived=False)
        )
    ).order_by("due_at", "id")[:limit]
    follow_ups = (
        Application.objects.filter(user=user, archived=False, follow_up_at__lt=horizon)
        .only("id", "company_name", "role_title", "follow_up_at", "stage")
        .order_by("follow_up_at", "id")[:limit]
    )
    return DueItems(tasks=list(tasks), follow_ups=list(follow_ups), now=now)
