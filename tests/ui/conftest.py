"""UI test helpers: session-logged-in Django clients for the owner and the stranger,
and small readers for messages, field errors and page text."""

import html as html_lib
import re

import pytest
from django.test import Client


def login_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def web(alice):
    return login_client(alice)


@pytest.fixture
def alice_web(alice):
    return login_client(alice)


@pytest.fixture
def stranger(charlie):
    return login_client(charlie)


@pytest.fixture
def charlie_web(charlie):
    return login_client(charlie)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]] if response.context else []


def field_errors(response, form_key: str, field: str) -> list[str]:
    return list(response.context[form_key].errors.get(field, []))


def error_next_to(response, field_id: str, message: str) -> bool:
    """True when `message` is rendered in the error list that belongs to the field `field_id`."""
    page = response.content.decode()
    match = re.search(
        rf'<ul class="field-errors" id="{re.escape(field_id)}_error">(.*?)</ul>', page, flags=re.S
    )
    return bool(match) and message in html_lib.unescape(match.group(1))


def text_of(response) -> str:
    """The page's visible text, roughly: tags removed, whitespace collapsed."""
    page = response.content.decode()
    page = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", page, flags=re.S)
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)).strip())


def reads_of(table: str, ctx) -> list[str]:
    """The SELECTs a captured request made on `table` (to show a row is read once)."""
    return [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].startswith("SELECT") and f'FROM "{table}"' in q["sql"]
    ]
