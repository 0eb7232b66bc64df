"""Session forms are CSRF-protected (htmx sends the token from <body hx-headers>), and the
sign-up and log-in forms are rate-limited per client address."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.conftest import PASSWORD
from tests.factories import ApplicationFactory, document_write
from tests.pages import text_of

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


WRONG_PASSWORD = "Wrong-Pass-1"


def _login(client, email, password=WRONG_PASSWORD, **extra):
    return client.post("/accounts/login/", {"username": email, "password": password}, **extra)


def test_it_rate_limits_logins_per_address_and_email_with_retry_after(alice, settings):
    settings.JOBFORGE_THROTTLE_AUTH = "2/min"
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(2):
        assert _login(attacker, alice.email).status_code == 200
    response = _login(attacker, alice.email.upper())
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "Too many requests" in text_of(response)
    # Alice, from her own address, still gets in.
    assert _login(Client(REMOTE_ADDR="198.51.100.2"), alice.email, PASSWORD).status_code == 302


def test_behind_the_proxy_one_attacker_cannot_lock_everyone_out(alice, settings):
    settings.JOBFORGE_THROTTLE_AUTH = "2/min"
    settings.BEHIND_PROXY = True
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    attacker = Client(**proxy, HTTP_X_FORWARDED_FOR="203.0.113.7")
    for _ in range(3):
        _login(attacker, alice.email)
    assert _login(attacker, alice.email).status_code == 429
    # A forged X-Forwarded-For does not buy more tries: the proxy's hop is the one counted.
    assert _login(attacker, alice.email, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7").status_code == 429
    alice_browser = Client(**proxy, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert _login(alice_browser, alice.email, PASSWORD).status_code == 302


def test_signups_behind_the_proxy_count_per_client_with_retry_after(settings):
    settings.JOBFORGE_THROTTLE_AUTH = "1/min"
    settings.BEHIND_PROXY = True
    body = {"password": "Sturdy-pass-42"}
    first = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert first.post("/accounts/signup/", {**body, "email": "one@example.com"}).status_code == 302
    first.post("/accounts/logout/")
    response = first.post("/accounts/signup/", {**body, "email": "two@example.com"})
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    second = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert second.post("/accounts/signup/", {**body, "email": "three@example.com"}).status_code == 302


def test_it_rate_limits_the_admin_login(settings):
    settings.JOBFORGE_THROTTLE_AUTH = "2/min"
    operator = get_user_model().objects.create_superuser(email="ops@example.com", password=PASSWORD)
    client = Client()
    for _ in range(2):
        response = client.post("/admin/login/", {"username": operator.email, "password": WRONG_PASSWORD})
        assert response.status_code == 200
    # Past the limit even the right password is not tried.
    response = client.post("/admin/login/", {"username": operator.email, "password": PASSWORD})
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "Too many requests" in text_of(response)
    assert client.get("/admin/").status_code == 302  # still logged out
    # Another address still reaches the form and logs in.
    other = Client(REMOTE_ADDR="198.51.100.2")
    assert other.post("/admin/login/", {"username": operator.email, "password": PASSWORD}).status_code == 302
    assert other.get("/admin/").status_code == 200
