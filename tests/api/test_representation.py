"""`datetime_text` writes a datetime exactly as DRF's `DateTimeField` does under our
settings (whole seconds, UTC, a trailing Z)."""

import datetime as dt
import zoneinfo

import pytest
from rest_framework import serializers

from jobforge.api.representation import datetime_text

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")

VALUES = [
    dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
    dt.datetime(2026, 1, 2, 3, 4, 5, 999_999, tzinfo=dt.UTC),  # microseconds are dropped, not rounded
    dt.datetime(
        2026, 1, 2, 0, 30, 0, 123_456, tzinfo=dt.timezone(dt.timedelta(hours=2))
    ),  # the day before in UTC
    dt.datetime(2026, 3, 8, 1, 59, 59, tzinfo=NEW_YORK),  # across a daylight-saving change
    dt.datetime(2026, 11, 1, 1, 30, tzinfo=NEW_YORK, fold=1),
    dt.datetime(2026, 1, 2, 3, 4, 5, 6),  # naive
    dt.datetime(999, 12, 31, 23, 59, 59, tzinfo=dt.UTC),
    None,
    "",
    "2026-01-02T03:04:05Z",
]


@pytest.mark.parametrize("value", VALUES)
def test_it_writes_what_drf_writes(value):
    assert datetime_text(value) == serializers.DateTimeField().to_representation(value)


def test_it_writes_utc_with_a_z():
    moment = dt.datetime(2026, 6, 1, 12, 0, 0, 500_000, tzinfo=NEW_YORK)
    assert datetime_text(moment) == "2026-06-01T16:00:00Z"
