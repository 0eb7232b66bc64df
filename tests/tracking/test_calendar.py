"""The private calendar feed (SPEC §12): /calendar/<token>.ics with interviews, deadlines and
tasks, parsed back as a calendar app would; `calendar_url` on /auth/me; rotation and revocation."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from applications.models import Application
from jobforge.accounts.services import calendar_token_rotate
from tests.factories import ApplicationFactory
from tests.pages import text_of
from tracking.models import Interview, Task

pytestmark = pytest.mark.django_db

SITE = "https://jobforge.example.com"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.JOBFORGE_SITE_URL = SITE


def _feed_path(user) -> str:
    return f"/calendar/{user.calendar_token}.ics"


def _events(response) -> dict[str, object]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//Job Forge//Calendar feed//EN"
    events = {}
    for event in calendar.walk("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert required in event, (required, event)
        events[str(event["SUMMARY"])] = event
    return events


@pytest.fixture
def planned(alice):
    """Alice's interview, deadline and tasks, and an archived application with all three."""
    application = ApplicationFactory(user=alice, company_name="Initech", role_title="Platform Engineer")
    Application.objects.filter(pk=application.pk).update(deadline=dt.date(2027, 1, 15))
    Interview.objects.create(
        application=application,
        kind=Interview.Kind.TECHNICAL,
        scheduled_at=dt.datetime(2027, 1, 10, 15, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        duration_minutes=45,
        location="Room 4",
        meeting_url="https://meet.example.com/abc",
    )
    Interview.objects.create(
        application=application,
        kind=Interview.Kind.FINAL,
        scheduled_at=timezone.now(),
        outcome=Interview.Outcome.CANCELLED,
    )
    Task.objects.create(
        user=alice,
        application=application,
        title="Prepare the demo",
        due_at=dt.datetime(2027, 1, 9, 8, tzinfo=dt.UTC),
    )
    Task.objects.create(user=alice, title="Update LinkedIn", due_at=dt.datetime(2027, 1, 2, 9, tzinfo=dt.UTC))
    Task.objects.create(user=alice, title="Done already", due_at=timezone.now(), done=True)
    Task.objects.create(user=alice, title="Someday")
    archived = ApplicationFactory(user=alice, company_name="Hidden Co")
    Application.objects.filter(pk=archived.pk).update(deadline=dt.date(2027, 2, 1), archived=True)
    Interview.objects.create(application=archived, scheduled_at=timezone.now())
    Task.objects.create(user=alice, application=archived, title="Archived task", due_at=timezone.now())
    calendar_token_rotate(user=alice)
    return application


def test_it_lists_interviews_deadlines_and_open_tasks(client, alice, planned):
    events = _events(client.get(_feed_path(alice)))
    assert set(events) == {
        "Technical interview: Platform Engineer at Initech",
        "Deadline: Platform Engineer at Initech",
        "To do: Prepare the demo (Platform Engineer at Initech)",
        "To do: Update LinkedIn",
    }


def test_an_interview_is_a_timed_event_in_utc(client, alice, planned):
    interview = _events(client.get(_feed_path(alice)))["Technical interview: Platform Engineer at Initech"]
    assert interview["DTSTART"].dt == dt.datetime(2027, 1, 10, 13, 30, tzinfo=dt.UTC)
    assert interview["DTSTART"].dt.utcoffset() == dt.timedelta(0)
    assert interview["DTEND"].dt - interview["DTSTART"].dt == dt.timedelta(minutes=45)
    assert str(interview["LOCATION"]) == "Room 4"
    assert str(interview["URL"]) == "https://meet.example.com/abc"
    assert f"{SITE}/applications/{planned.pk}/" in str(interview["DESCRIPTION"])
    assert b"DTSTART:20270110T133000Z" in client.get(_feed_path(alice)).content


def test_a_deadline_is_an_all_day_event(client, alice, planned):
    deadline = _events(client.get(_feed_path(alice)))["Deadline: Platform Engineer at Initech"]
    assert deadline["DTSTART"].dt == dt.date(2027, 1, 15)
    assert not isinstance(deadline["DTSTART"].dt, dt.datetime)
    assert deadline["DTEND"].dt == dt.date(2027, 1, 16)
    assert str(deadline["URL"]) == f"{SITE}/applications/{planned.pk}/"


def test_uids_are_stable_and_unique(client, alice, planned):
    first = {str(e["SUMMARY"]): str(e["UID"]) for e in _events(client.get(_feed_path(alice))).values()}
    Task.objects.filter(title="Update LinkedIn").update(title="Update LinkedIn")
    again = {str(e["SUMMARY"]): str(e["UID"]) for e in _events(client.get(_feed_path(alice))).values()}
    assert first == again
    assert len(set(first.values())) == len(first)
    assert all(uid.endswith("@jobforge") for uid in first.values())


def test_the_feed_needs_no_login_and_is_not_cached_or_indexed(alice, planned):
    response = Client().get(_feed_path(alice))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"
    assert "noindex" in response["X-Robots-Tag"]


def test_an_unknown_or_malformed_token_is_a_404(client, alice, planned):
    assert client.get("/calendar/" + "x" * 43 + ".ics").status_code == 404
    assert client.get("/calendar/short.ics").status_code == 404
    assert client.get(f"/calendar/{alice.calendar_token}.ics/").status_code == 404


def test_a_deactivated_users_feed_is_a_404(client, alice, planned):
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    assert client.get(_feed_path(alice)).status_code == 404


def test_a_stranger_sees_only_their_own_feed(client, alice, charlie, planned):
    calendar_token_rotate(user=charlie)
    assert _events(client.get(_feed_path(charlie))) == {}


def test_the_feed_runs_the_same_queries_for_few_and_many_events(client, alice, planned):
    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(_feed_path(alice)).status_code == 200
        return len(ctx.captured_queries)

    few = queries()
    for n in range(10):
        application = ApplicationFactory(user=alice, company_name=f"Company {n}")
        Interview.objects.create(application=application, scheduled_at=timezone.now())
        Task.objects.create(user=alice, application=application, title=f"Task {n}", due_at=timezone.now())
    # the user by token, interviews with their applications, deadlines, tasks with theirs
    assert queries() == few == 4


def test_me_has_no_calendar_url_until_one_is_made(alice, alice_client):
    assert alice_client.get("/api/v1/auth/me").json()["calendar_url"] is None


def test_rotate_makes_a_long_random_address_and_the_old_one_stops_working(alice, alice_client, planned):
    old = alice_client.get("/api/v1/auth/me").json()["calendar_url"]
    assert old == f"{SITE}{_feed_path(alice)}"
    assert len(alice.calendar_token) >= 43

    response = alice_client.post("/api/v1/auth/calendar/rotate")
    assert response.status_code == 200
    new = response.json()["calendar_url"]
    assert new != old and new.startswith(f"{SITE}/calendar/") and new.endswith(".ics")
    assert alice_client.get("/api/v1/auth/me").json()["calendar_url"] == new

    client = Client()
    assert client.get(old.removeprefix(SITE)).status_code == 404
    assert client.get(new.removeprefix(SITE)).status_code == 200


def test_rotate_needs_a_login(api_client):
    response = api_client.post("/api/v1/auth/calendar/rotate")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "AUTHENTICATION_ERROR"


def test_the_account_page_turns_the_feed_on_shows_rotates_and_revokes_it(alice, alice_web):
    page = alice_web.get("/account/")
    assert "Turn on the calendar feed" in text_of(page)

    alice_web.post("/account/calendar/", {"action": "rotate"})
    alice.refresh_from_db()
    first = alice.calendar_token
    page = alice_web.get("/account/")
    assert f'value="{SITE}/calendar/{first}.ics"' in page.content.decode()
    assert 'data-copy="calendar-url"' in page.content.decode()

    alice_web.post("/account/calendar/", {"action": "rotate"})
    alice.refresh_from_db()
    assert alice.calendar_token != first
    assert Client().get(f"/calendar/{first}.ics").status_code == 404

    response = alice_web.post("/account/calendar/", {"action": "revoke"}, follow=True)
    assert "Your calendar feed is off." in text_of(response)
    alice.refresh_from_db()
    assert alice.calendar_token is None
    assert "Turn on the calendar feed" in text_of(response)
