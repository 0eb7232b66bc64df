"""Security headers on every HTML page, and the HTML error pages outside /api/."""

import pytest
from django.test import Client, override_settings

from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def _directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parts = [part.strip().split() for part in policy.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


@pytest.mark.parametrize(
    "path",
    ["/", "/accounts/login/", "/accounts/signup/", "/applications/", "/applications/board/", "/resumes/"],
)
def test_every_page_carries_a_strict_csp(web, path):
    response = web.get(path) if path not in ("/accounts/login/", "/accounts/signup/") else Client().get(path)
    assert response.status_code == 200
    directives = _directives(response)
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert "'self'" in directives["script-src"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pages_have_no_inline_scripts_or_styles(web, alice):
    application = ApplicationFactory(user=alice)
    html = web.get(f"/applications/{application.pk}/").content.decode()
    assert "<style" not in html
    assert " style=" not in html
    for tag in html.split("<script")[1:]:
        assert " src=" in tag.split(">")[0]  # every script is a file


def test_htmx_sends_the_csrf_token_from_the_body(web):
    html = web.get("/").content.decode()
    assert 'hx-headers=\'{"X-CSRFToken": "' in html
    assert "/static/django_htmx/htmx-2.min.js" in html


@override_settings(DEBUG=False)
def test_a_missing_page_is_a_friendly_html_404_with_the_csp(web):
    response = web.get("/no/such/page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert "We couldn’t find that page" in response.content.decode()
    assert "'unsafe-inline'" not in _directives(response)["script-src"]


def test_api_paths_keep_the_json_envelope(api_client):
    response = api_client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "NOT_FOUND"
