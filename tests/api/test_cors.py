"""CORS for API clients on other origins: only listed origins, only the API (SPEC §14)."""

import pytest

from tests.test_settings import PRODUCTION_ENV, manage

ALLOWED = "https://app.example.com"
REFUSED = "https://evil.example.net"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _allowed_origin(settings):
    settings.CORS_ALLOWED_ORIGINS = [ALLOWED]


def preflight(client, path, origin):
    return client.options(
        path,
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
    )


def test_it_answers_the_preflight_of_an_allowed_origin(api_client):
    response = preflight(api_client, "/api/v1/applications", ALLOWED)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ALLOWED
    assert "POST" in response["Access-Control-Allow-Methods"]
    assert "authorization" in response["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in response


def test_it_lets_an_allowed_origin_read_an_api_answer(alice_client):
    response = alice_client.get("/api/v1/auth/me", HTTP_ORIGIN=ALLOWED)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ALLOWED
    assert "X-Request-ID" in response["Access-Control-Expose-Headers"]


def test_it_refuses_another_origin_preflight_included(api_client, alice_client):
    assert "Access-Control-Allow-Origin" not in preflight(api_client, "/api/v1/applications", REFUSED)
    response = alice_client.get("/api/v1/auth/me", HTTP_ORIGIN=REFUSED)
    assert response.status_code == 200  # the server answers; the browser withholds it
    assert "Access-Control-Allow-Origin" not in response


def test_it_leaves_the_pages_out_even_for_an_allowed_origin(client):
    response = client.get("/accounts/login/", HTTP_ORIGIN=ALLOWED)
    assert "Access-Control-Allow-Origin" not in response


def test_no_origin_is_allowed_by_default():
    code = "from django.conf import settings as s; print(s.CORS_ALLOWED_ORIGINS)"
    result = manage("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV)
    assert result.stdout.strip() == "[]", result.stderr


def test_the_setting_takes_a_comma_separated_list():
    env = {**PRODUCTION_ENV, "JOBFORGE_CORS_ALLOWED_ORIGINS": f"{ALLOWED}, http://localhost:3000"}
    code = "from django.conf import settings as s; print(s.CORS_ALLOWED_ORIGINS)"
    result = manage("shell", "--no-imports", "-c", code, env=env)
    assert result.stdout.strip() == str([ALLOWED, "http://localhost:3000"]), result.stderr


@pytest.mark.parametrize("origin", ["app.example.com", "https://app.example.com/", "*"])
def test_it_refuses_to_start_with_a_malformed_origin(origin):
    result = manage("check", env={**PRODUCTION_ENV, "JOBFORGE_CORS_ALLOWED_ORIGINS": origin})
    assert result.returncode != 0
    assert "JOBFORGE_CORS_ALLOWED_ORIGINS" in result.stderr
