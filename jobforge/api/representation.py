"""Values as the API writes them, for views that build their JSON without serializers."""

import datetime

from rest_framework.settings import api_settings

# DATETIME_FORMAT ends in a literal "Z": timestamps are written in UTC, the only time zone
# the API ever has active (TIME_ZONE is UTC and nothing activates another).
_DATETIME_FORMAT = api_settings.DATETIME_FORMAT


def datetime_text(value: datetime.datetime | None) -> str | None:
    """`value` as `serializers.DateTimeField().to_representation` writes it: the same text,
    without that field's lookup of the active time zone on every call (most of a list's
    formatting time)."""
    if not value or isinstance(value, str):
        return value or None
    if value.utcoffset() is None:  # naive: read as UTC, as DRF reads it under UTC
        value = value.replace(tzinfo=datetime.UTC)
    return value.astimezone(datetime.UTC).strftime(_DATETIME_FORMAT)
