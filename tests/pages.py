"""Reading pages in tests: a logged-in client, the messages, field errors and text of a
page, and the SQL a request ran."""

import html as html_lib
import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def login_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


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


def page_queries(client, url) -> list[str]:
    """The SQL of one GET of a page (which must answer 200), for fixed query counts."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in ctx.captured_queries]
