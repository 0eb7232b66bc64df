"""Field rules stated once: a text field's bounds (and, for a link, its URL schemes) are
declared in one table per app, and the services' checks, the API's serializer fields and
the UI's form fields are all built from that declaration.

The services speak DRF's wording, so a rule broken through the API or a page reads the same.
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinLengthValidator, URLValidator
from django.db.models import TextChoices
from rest_framework import serializers

NOT_A_STRING = "Not a valid string."
NULL_CHARACTERS = "Null characters are not allowed."
BLANK = "This field may not be blank."
REQUIRED = "This field is required."


def choice_error(value: Any, choices: type[TextChoices]) -> str | None:
    """The message for a value outside an enum (the model's `TextChoices`), else None."""
    if value in choices.values:
        return None
    return f"Must be one of: {', '.join(choices.values)}."


@dataclass(frozen=True)
class TextRule:
    """What a user may write in one text field.

    `minimum`/`maximum` count characters after trimming surrounding whitespace, or of the
    text as sent when `trim` is off (a document keeps its own spacing). A field with
    `url_schemes` holds an empty string or a URL with one of those schemes.
    """

    maximum: int
    minimum: int = 0
    trim: bool = True
    url_schemes: tuple[str, ...] = ()

    @property
    def url_message(self) -> str:
        return f"Enter a valid {' or '.join(self.url_schemes)} URL."

    def clean(self, value: Any) -> tuple[str, str | None]:
        """The value as stored (trimmed unless `trim` is off) and the first rule it
        breaks (None when it keeps them all)."""
        if not isinstance(value, str):
            return "", NOT_A_STRING
        text = value.strip() if self.trim else value
        if "\x00" in text:
            return text, NULL_CHARACTERS
        if self.minimum and not text.strip():
            return text, BLANK
        if len(text) < self.minimum:
            return text, f"Ensure this field has at least {self.minimum} characters."
        if len(text) > self.maximum:
            return text, f"Ensure this field has no more than {self.maximum} characters."
        if self.url_schemes and text:
            try:
                URLValidator(schemes=list(self.url_schemes))(text)
            except ValidationError:
                return text, self.url_message
        return text, None

    def serializer_field(self, **options) -> serializers.CharField:
        """The API's field: the bounds as `minLength`/`maxLength` in the schema; blank is
        allowed where the minimum is 0. `options` are DRF's field arguments."""
        defaults: dict[str, Any] = {"max_length": self.maximum, "trim_whitespace": self.trim}
        if self.minimum:
            defaults["min_length"] = self.minimum
        else:
            defaults["allow_blank"] = True
        defaults.update(options)
        if self.url_schemes:
            return _SchemeURLField(schemes=self.url_schemes, message=self.url_message, **defaults)
        return serializers.CharField(**defaults)

    def form_field(self, *, min_message: str | None = None, **options) -> forms.CharField:
        """The UI's field: `maxlength` on the input, required where the minimum is above 0.

        A required field longer than one character says `min_message` (with `{minimum}`)
        when too short; a link field says which schemes it takes. `options` are Django's
        form field arguments."""
        defaults: dict[str, Any] = {
            "max_length": self.maximum,
            "required": self.minimum > 0,
            "strip": self.trim,
        }
        defaults.update(options)
        validators = list(defaults.pop("validators", []))
        if defaults["required"] and self.minimum > 1:
            message = (min_message or "Ensure this field has at least {minimum} characters.").format(
                minimum=self.minimum
            )
            validators.append(MinLengthValidator(self.minimum, message))
        if self.url_schemes:
            starts = " or ".join(f"{scheme}://" for scheme in self.url_schemes)
            validators.append(
                URLValidator(schemes=list(self.url_schemes), message=f"Enter a link starting with {starts}.")
            )
            defaults.setdefault("widget", forms.URLInput)
        return forms.CharField(validators=validators, **defaults)


class _SchemeURLField(serializers.URLField):
    """A URL with one of the given schemes (DRF's own also takes ftp)."""

    def __init__(self, *, schemes: tuple[str, ...], message: str, **options):
        self.schemes = schemes
        super().__init__(error_messages={"invalid": message}, **options)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if value and not value.lower().startswith(tuple(f"{scheme}://" for scheme in self.schemes)):
            self.fail("invalid")
        return value
