"""Path converters shared by every `urls.py`."""

import uuid


class AnyCaseUUIDConverter:
    """A UUID in any letter case (`<uuid_anycase:pk>`); Django's `uuid` takes lower case only.

    Clients and people copy ids in upper case too, and a UUID's hex digits mean the same
    either way, so `/applications/<ID IN UPPER CASE>/` is the same application. URLs
    built with `reverse()` use the canonical lower-case form.
    """

    regex = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"

    def to_python(self, value: str) -> uuid.UUID:
        return uuid.UUID(value)

    def to_url(self, value) -> str:
        return str(value).lower()
