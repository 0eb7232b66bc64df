"""Session forms are CSRF-protected (htmx sends the token from <body hx-headers>), and the
sign-up and log-in forms are rate-limited per client address."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.conftest import PASSWORD
from tests.factories import ApplicationFactory, document_write
from tests.ui.conftest import text_of

pytestmark = pytest.mark.django_db


def _hx_token(response) -> str:
    headers = re.search(r"<body hx-headers='([^']+)'", response.content.decode()).group(1)
    return json.loads(headers)["X-CSRFToken"]


def test_it_refuses_a_login_without_the_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/accounts/login/", {"username": alice.email, "password": PASSWORD}).status_code == 403
    token = client.get("/accounts/login/").context["csrf_token"]
    response = client.post(
        "/accounts/login/", {"username": alice.email, "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


def test_htmx_requests_pass_the_csrf_check_with_the_token_from_the_page(alice):
    application = ApplicationFactory(user=alice)
    document_write(application, "cover_letter", "# Letter\n\nHello there.")
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    edit = f"/applications/{application.pk}/documents/cover_letter/edit/"
    preview = f"/applications/{application.pk}/documents/cover_letter/preview/"
    token = _hx_token(client.get(edit))
    assert client.post(preview, {"content": "**Bold**"}, HTTP_HX_REQUEST="true").status_code == 403
    response = client.post(preview, {"content": "**Bold**"}, HTTP_HX_REQUEST="true", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
    assert "<strong>Bold</strong>" in response.content.decode()


def test_it_rate_limits_signups_per_address(settings):
    settings.JOBFORGE_THROTTLE_AUTH = "2/min"
    client = Client()
    for n in range(2):
        client.post("/accounts/signup/", {"email": f"user{n}@example.com", "password": "Sturdy-pass-42"})
        client.post("/accounts/logout/")
    response = client.post("/accounts/signup/", {"email": "late@example.com", "password": "Sturdy-pass-42"})
    assert response.status_code == 429
    assert "Too many requests" in text_of(response)
    assert not get_user_model().objects.filter(email="late@example.com").exists()
    # Another address is not affected.
    other = Client(REMOTE_ADDR="10.0.0.9")
    response = other.post("/accounts/signup/", {"email": "other@example.com", "password": "Sturdy-pass-42"})
    assert response.status_code == 302
