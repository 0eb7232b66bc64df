"""The private calendar feed (SPEC §12): a user's interviews, application deadlines and open
tasks as an iCalendar file that Google Calendar, Apple Calendar and Outlook subscribe to.

Built with `icalendar`. Every event has a stable UID (so an edited interview moves instead
of doubling), a DTSTAMP, times in UTC, and deadlines as all-day events. Archived
applications, and their interviews and tasks, stay out; so do done tasks and cancelled
interviews. Four queries whatever the number of events.
"""

import datetime as dt

from django.urls import reverse
from icalendar import Calendar, Event

from applications.models import Application
from jobforge.accounts.models import User
from jobforge.links import absolute_url
from tracking.models import Interview, Task

PRODID = "-//Job Forge//Calendar feed//EN"
UID_DOMAIN = "jobforge"
# How often subscribed calendars should fetch the feed again (Apple and Outlook read it).
REFRESH = dt.timedelta(hours=1)
# A task has a moment, not a length: it shows as a short event at its due time.
TASK_LENGTH = dt.timedelta(minutes=30)
FEED_KEY_PATTERN = r"[A-Za-z0-9_-]{32,64}"  # the URL-safe alphabet of `secrets.token_urlsafe`


def feed_owner(*, token: str) -> User | None:
    """The active user whose feed this token opens, or None."""
    return User.objects.filter(calendar_token=token, is_active=True).first()


def _application_link(application_id) -> str:
    return absolute_url(reverse("applications:detail", kwargs={"pk": application_id}))


def _event(
    *, uid: str, stamp, summary: str, start, end, link: str, url: str = "", busy: bool = True
) -> Event:
    """One VEVENT: `start`/`end` are UTC datetimes, or dates for an all-day event."""
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    event.add("last-modified", stamp.astimezone(dt.UTC))
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("description", "\n".join(filter(None, [url, f"Job Forge: {link}"])))
    event.add("url", url or link)
    if not busy:
        event.add("transp", "TRANSPARENT")
    return event


def _interviews(user: User):
    return (
        Interview.objects.filter(application__user=user, application__archived=False)
        .exclude(outcome=Interview.Outcome.CANCELLED)
        .select_related("application")
        .only(
            *("id", "kind", "scheduled_at", "duration_minutes", "location", "meeting_url", "updated_at"),
            *("application__id", "application__company_name", "application__role_title"),
        )
    )


def calendar_feed_build(*, user: User) -> bytes:
    """The user's feed as iCalendar bytes."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Job Forge")
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)

    for interview in _interviews(user):
        application = interview.application
        link = _application_link(application.pk)
        start = interview.scheduled_at.astimezone(dt.UTC)
        event = _event(
            uid=f"interview-{interview.pk}",
            stamp=interview.updated_at,
            summary=f"{interview.get_kind_display()} interview: {application.role_title} at "
            f"{application.company_name}",
            start=start,
            end=start + dt.timedelta(minutes=interview.duration_minutes or 60),
            link=link,
            url=interview.meeting_url,
        )
        if interview.location:
            event.add("location", interview.location)
        calendar.add_component(event)

    for application in Application.objects.filter(user=user, archived=False, deadline__isnull=False).only(
        "id", "company_name", "role_title", "deadline", "updated_at"
    ):
        event = _event(
            uid=f"deadline-{application.pk}",
            stamp=application.updated_at,
            summary=f"Deadline: {application.role_title} at {application.company_name}",
            start=application.deadline,
            end=application.deadline + dt.timedelta(days=1),
            link=_application_link(application.pk),
            busy=False,  # a deadline does not make the day busy
        )
        calendar.add_component(event)

    tasks = (
        Task.objects.filter(user=user, done=False, due_at__isnull=False)
        .exclude(application__archived=True)
        .select_related("application")
        .only(
            *("id", "title", "due_at", "updated_at", "application"),
            *("application__id", "application__company_name", "application__role_title"),
        )
    )
    for task in tasks:
        application = task.application
        link = _application_link(application.pk) if application else absolute_url("/")
        about = f" ({application.role_title} at {application.company_name})" if application else ""
        start = task.due_at.astimezone(dt.UTC)
        event = _event(
            uid=f"task-{task.pk}",
            stamp=task.updated_at,
            summary=f"To do: {task.title}{about}",
            start=start,
            end=start + TASK_LENGTH,
            link=link,
            busy=False,
        )
        calendar.add_component(event)
    return calendar.to_ical()
