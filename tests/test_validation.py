"""`jobforge.validation`: one declaration per text field, checked by the services in DRF's
wording, and the API's and the UI's fields built from it, so the three cannot drift apart."""

import pytest
from rest_framework import serializers

from applications.api import ApplicationInputSerializer
from applications.forms import ApplicationForm, NotesForm
from applications.models import Application
from documents.forms import DocumentForm, PreviewForm
from documents.services import CONTENT_RULE
from jobforge.validation import TextRule, choice_error
from resumes.api import ResumeInputSerializer
from resumes.forms import ResumeForm
from resumes.models import Resume

RULE = TextRule(minimum=3, maximum=8)


@pytest.mark.parametrize(
    ("value", "cleaned", "message"),
    [
        ("  abcd  ", "abcd", None),
        (None, "", "Not a valid string."),
        (12, "", "Not a valid string."),
        ("ab\x00cd", "ab\x00cd", "Null characters are not allowed."),
        ("    ", "", "This field may not be blank."),
        (" ab ", "ab", "Ensure this field has at least 3 characters."),
        ("abcdefghi", "abcdefghi", "Ensure this field has no more than 8 characters."),
    ],
)
def test_clean_trims_and_names_the_first_broken_rule(value, cleaned, message):
    assert RULE.clean(value) == (cleaned, message)


def test_an_untrimmed_rule_counts_and_keeps_the_spacing():
    rule = TextRule(minimum=3, maximum=8, trim=False)
    assert rule.clean(" ab ") == (" ab ", None)
    assert rule.clean("   \n   ") == ("   \n   ", "This field may not be blank.")
    assert rule.clean("abcdefg  ")[1] == "Ensure this field has no more than 8 characters."


def test_an_optional_rule_takes_blank():
    assert TextRule(maximum=5).clean("   ") == ("", None)


def test_a_url_rule_takes_only_its_schemes():
    rule = TextRule(maximum=100, url_schemes=("http", "https"))
    assert rule.clean("") == ("", None)
    assert rule.clean(" HTTPS://example.com/a ") == ("HTTPS://example.com/a", None)
    for bad in ("ftp://example.com", "javascript:alert(1)", "not a url"):
        assert rule.clean(bad) == (bad, "Enter a valid http or https URL.")


def test_choice_error_names_the_allowed_values():
    assert choice_error("high", Application.Priority) is None
    assert choice_error("urgent", Application.Priority) == "Must be one of: low, medium, high."


@pytest.mark.parametrize("value", [" ", "ab", "abcdefghi", "ab\x00cd"])
def test_the_api_field_says_what_the_service_says(value):
    class Input(serializers.Serializer):
        text = RULE.serializer_field()

    data = Input(data={"text": value})
    assert not data.is_valid()
    assert data.errors["text"] == [RULE.clean(value)[1]]


@pytest.mark.parametrize(
    ("rules", "serializer", "form"),
    [
        (Application.TEXT_RULES, ApplicationInputSerializer, ApplicationForm),
        (Resume.TEXT_RULES, ResumeInputSerializer, ResumeForm),
    ],
)
def test_serializers_and_forms_take_their_bounds_from_the_models_rules(rules, serializer, form, alice):
    api_fields = serializer().fields
    form_fields = form(user=alice).fields if form is ApplicationForm else form().fields
    for name, rule in rules.items():
        assert api_fields[name].max_length == form_fields[name].max_length == rule.maximum, name
        assert (api_fields[name].min_length or 0) == (rule.minimum if rule.minimum else 0), name
        assert form_fields[name].required == (rule.minimum > 0), name
    model_fields = {
        field.name: field
        for field in (Application if rules is Application.TEXT_RULES else Resume)._meta.fields
    }
    for name, rule in rules.items():
        if model_fields[name].max_length is not None:
            assert model_fields[name].max_length == rule.maximum, name


def test_the_other_forms_share_the_same_rules():
    assert NotesForm().fields["notes"].max_length == Application.TEXT_RULES["notes"].maximum
    assert DocumentForm().fields["content"].max_length == PreviewForm().fields["content"].max_length
    assert DocumentForm().fields["content"].max_length == CONTENT_RULE.maximum
    assert DocumentForm().fields["content"].strip is False


def test_a_form_says_the_minimum_in_its_own_words():
    form = DocumentForm({"content": "short"})
    assert not form.is_valid()
    assert form.errors["content"] == [f"Write at least {CONTENT_RULE.minimum} characters."]
