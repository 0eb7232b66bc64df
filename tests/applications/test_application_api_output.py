"""The list's 400 for bad filters, byte for byte, and timestamps written as the
serializers write them (microseconds dropped, other time zones moved to UTC)."""

import datetime as dt
import zoneinfo

import pytest

from applications.api import ApplicationSerializer, ApplicationSummarySerializer
from applications.models import Application, StageEvent
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/applications"
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def envelope_without_timestamp(response) -> dict:
    body = response.json()
    assert body.pop("timestamp").endswith("Z")
    return body


@pytest.mark.parametrize(
    ("query", "details"),
    [
        ({"status": "bogus"}, {"status": ['"bogus" is not a valid choice.']}),
        ({"ordering": "nope"}, {"ordering": ['"nope" is not a valid choice.']}),
        ({"archived": "maybe"}, {"archived": ['"maybe" is not a valid choice.']}),
        ({"q": "x" * 256}, {"q": ["Ensure this field has no more than 255 characters."]}),
        ({"q": "a\x00b"}, {"q": ["Null characters are not allowed."]}),
        (
            {"ordering": "nope", "archived": "maybe", "status": "bogus"},
            # In the serializer's field order, whatever the query's.
            {
                "status": ['"bogus" is not a valid choice.'],
                "archived": ['"maybe" is not a valid choice.'],
                "ordering": ['"nope" is not a valid choice.'],
            },
        ),
    ],
)
def test_a_bad_filter_is_the_same_400_envelope(alice_client, query, details):
    response = alice_client.get(URL, query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert envelope_without_timestamp(response) == {
        "error": {"code": "VALIDATION_ERROR", "message": "Invalid input data", "details": details},
        "path": URL,
    }
    assert list(response.json()["error"]["details"]) == list(details)


def test_empty_filters_filter_nothing(alice_client, alice):
    ApplicationFactory(user=alice)
    empty = dict.fromkeys(
        ["status", "priority", "stage", "work_mode", "employment_type", "archived", "q"], ""
    )
    assert alice_client.get(URL, {**empty, "ordering": ""}).json()["total"] == 1


@pytest.fixture
def dated(alice):
    application = ApplicationFactory(
        user=alice,
        stage="applied",
        applied_at=dt.datetime(2026, 1, 2, 0, 30, 15, 999_999, tzinfo=BERLIN),  # 2026-01-01 in UTC
        follow_up_at=dt.datetime(2026, 7, 1, 9, 0, 0, 500_000, tzinfo=BERLIN),  # summer time
    )
    StageEvent.objects.filter(application=application).update(
        created_at=dt.datetime(2026, 1, 3, 4, 5, 6, 789_012, tzinfo=dt.UTC)
    )
    return Application.objects.get(pk=application.pk)


def test_list_timestamps_are_what_the_summary_serializer_writes(alice_client, dated):
    listed = alice_client.get(URL).json()["applications"]
    assert listed == [dict(ApplicationSummarySerializer(dated).data)]
    assert listed[0]["applied_at"] == "2026-01-01T23:30:15Z"
    assert listed[0]["follow_up_at"] == "2026-07-01T07:00:00Z"


def test_detail_timestamps_are_what_the_full_serializer_writes(alice_client, dated):
    body = alice_client.get(f"{URL}/{dated.pk}").json()
    assert body == dict(ApplicationSerializer(dated).data)
    assert body["applied_at"] == "2026-01-01T23:30:15Z"
    assert [event["created_at"] for event in body["timeline"]] == ["2026-01-03T04:05:06Z"]
