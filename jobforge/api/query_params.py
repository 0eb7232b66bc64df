"""Query parameters checked by a serializer's rules, with its fields built once."""

from django.core.exceptions import ImproperlyConfigured
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.functional import cached_property
from rest_framework import serializers
from rest_framework.fields import SkipField, get_error_detail


class QueryParamsParser:
    """Validates query parameters as `serializer_class(data=params).is_valid(raise_exception=True)`
    does, field by field with the same `get_value` and `run_validation`: the same
    validated data, and the same `ValidationError` (so the same 400) for bad values.

    A serializer deep-copies its declared fields on every instantiation, which costs a
    cheap GET more than checking its parameters does; here they are built once per
    process. The serializer class stays the schema's description of the parameters, and
    may declare fields only: `validate` and `validate_<field>` methods or `Meta.validators`
    would be skipped, so they are refused."""

    def __init__(self, serializer_class: type[serializers.Serializer]):
        validates_more = (
            serializer_class.validate is not serializers.Serializer.validate
            or any(
                hasattr(serializer_class, f"validate_{name}") for name in serializer_class._declared_fields
            )
            or getattr(getattr(serializer_class, "Meta", None), "validators", None)
        )
        if validates_more:
            raise ImproperlyConfigured(
                f"{serializer_class.__name__} validates beyond its fields; use the serializer itself."
            )
        self.serializer_class = serializer_class

    @cached_property
    def _serializer(self) -> serializers.Serializer:
        # Never given data: it only holds the fields, which keep no state while validating.
        return self.serializer_class()

    def parse(self, params) -> dict:
        validated, errors = {}, {}
        for field in self._serializer._writable_fields:
            try:
                value = field.run_validation(field.get_value(params))
            except serializers.ValidationError as exc:
                errors[field.field_name] = exc.detail
            except DjangoValidationError as exc:
                errors[field.field_name] = get_error_detail(exc)
            except SkipField:
                continue
            else:
                self._serializer.set_value(validated, field.source_attrs, value)
        if errors:
            raise serializers.ValidationError(errors)
        return validated
