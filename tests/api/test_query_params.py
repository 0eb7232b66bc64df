"""`QueryParamsParser`: a serializer's rules for query parameters, with its fields built
once, giving what `serializer.is_valid(raise_exception=True)` gives, data and errors."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import QueryDict
from rest_framework import serializers

from applications.api import LIST_QUERY, ApplicationListQuerySerializer, InsightsQuerySerializer
from jobforge.api.query_params import QueryParamsParser

QUERIES = [
    "",
    "status=&priority=&stage=&work_mode=&employment_type=&archived=&q=&ordering=",
    "status=bogus",
    "ordering=nope",
    "archived=maybe",
    "archived=all&ordering=-company_name&stage=applied",
    "status=bogus&ordering=nope&archived=maybe&priority=x&stage=y&work_mode=z&employment_type=w",
    "q=" + "x" * 256,
    "q=" + "x" * 255,
    "q=a%00b",
    "q=%20%20",
    "q=%20Acme%20",
    "q=%ED%A0%80",
    "status=bogus&status=",  # the last value counts
    "q=one&q=two",
    "limit=5&offset=x&cursor=junk",  # not the serializer's
    "weeks=0",
    "weeks=abc",
    "weeks=3",
]


def serializer_outcome(serializer_class, params):
    serializer = serializer_class(data=params)
    try:
        serializer.is_valid(raise_exception=True)
    except serializers.ValidationError as exc:
        return "invalid", exc.detail, exc.get_codes()
    return "valid", serializer.validated_data, None


def parser_outcome(parser, params):
    try:
        data = parser.parse(params)
    except serializers.ValidationError as exc:
        return "invalid", exc.detail, exc.get_codes()
    return "valid", data, None


@pytest.mark.parametrize("serializer_class", [ApplicationListQuerySerializer, InsightsQuerySerializer])
@pytest.mark.parametrize("query", QUERIES)
def test_it_gives_what_the_serializer_gives(serializer_class, query):
    params = QueryDict(query)
    expected = serializer_outcome(serializer_class, params)
    got = parser_outcome(QueryParamsParser(serializer_class), params)
    assert got == expected
    # Same keys in the same order, so the same JSON.
    assert list(got[1]) == list(expected[1])


def test_the_list_parser_keeps_its_fields_between_calls():
    fields = list(LIST_QUERY._serializer.fields.values())
    with pytest.raises(serializers.ValidationError):
        LIST_QUERY.parse(QueryDict("status=bogus"))
    assert LIST_QUERY.parse(QueryDict("stage=applied"))["stage"] == "applied"
    assert list(LIST_QUERY._serializer.fields.values()) == fields


class _ValidatesTheWhole(serializers.Serializer):
    a = serializers.CharField(required=False)

    def validate(self, attrs):
        return attrs


class _ValidatesAField(serializers.Serializer):
    a = serializers.CharField(required=False)

    def validate_a(self, value):
        return value


class _HasValidators(serializers.Serializer):
    a = serializers.CharField(required=False)

    class Meta:
        validators = [lambda attrs: None]


@pytest.mark.parametrize("serializer_class", [_ValidatesTheWhole, _ValidatesAField, _HasValidators])
def test_it_refuses_a_serializer_that_validates_beyond_its_fields(serializer_class):
    with pytest.raises(ImproperlyConfigured):
        QueryParamsParser(serializer_class)
