"""SPEC §1: the envelope for every error, request ids, throttling, pagination."""

import logging

import pytest
from django.urls import path
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.test import APIClient

from jobforge.api.pagination import parse_page_params


def assert_envelope(response, status, code):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    assert body["path"] == response.wsgi_request.path
    assert body["timestamp"].endswith("Z")
    return body


@pytest.mark.django_db
class TestEnvelope:
    def test_unknown_api_path_is_a_404_in_the_envelope(self, api_client):
        assert_envelope(api_client.get("/api/v1/nope"), 404, "NOT_FOUND")
        assert_envelope(api_client.post("/api/v2/whatever/x"), 404, "NOT_FOUND")

    @pytest.mark.parametrize(
        "path", ["/api/v1/no/such/thing", "/api/v1/applications/x%0Ay", "/api/no%0A/more"]
    )
    def test_unknown_api_path_is_a_404_envelope_in_debug_too(self, api_client, settings, path):
        # With DEBUG on, only the catch-all routes stand between a path and Django's HTML page;
        # "." in a route stops at a newline, so an encoded one must not slip past them.
        settings.DEBUG = True
        assert_envelope(api_client.get(path), 404, "NOT_FOUND")

    def test_wrong_method_is_a_405(self, api_client):
        assert_envelope(api_client.get("/api/v1/auth/login"), 405, "METHOD_NOT_ALLOWED")

    def test_malformed_json_is_a_400(self, api_client):
        response = api_client.post("/api/v1/auth/login", data='{"email": ', content_type="application/json")
        body = assert_envelope(response, 400, "VALIDATION_ERROR")
        assert "Malformed" in body["error"]["message"]

    def test_validation_errors_carry_details(self, api_client):
        body = assert_envelope(
            api_client.post("/api/v1/auth/login", {}, format="json"), 400, "VALIDATION_ERROR"
        )
        assert body["error"]["message"] == "Invalid input data"
        assert body["error"]["details"]["email"] == ["This field is required."]

    def test_missing_credentials_are_a_401(self, api_client):
        assert_envelope(api_client.get("/api/v1/auth/me"), 401, "AUTHENTICATION_ERROR")

    def test_unsupported_media_type_is_a_415(self, api_client):
        response = api_client.post("/api/v1/auth/login", data="x", content_type="text/csv")
        assert_envelope(response, 415, "UNSUPPORTED_MEDIA_TYPE")

    def test_throttled_auth_is_a_429_with_retry_after(self, api_client, settings):
        settings.JOBFORGE_THROTTLE_AUTH = "3/min"
        body = {"email": "x@example.com", "password": "Wrong-Pass-1"}
        for _ in range(3):
            assert api_client.post("/api/v1/auth/login", body, format="json").status_code == 401
        response = api_client.post("/api/v1/auth/login", body, format="json")
        assert_envelope(response, 429, "RATE_LIMITED")
        assert int(response["Retry-After"]) > 0

    def test_throttle_ignores_forwarded_for_unless_behind_a_proxy(self, settings):
        settings.JOBFORGE_THROTTLE_AUTH = "2/min"
        body = {"email": "x@example.com", "password": "Wrong-Pass-1"}
        client = APIClient()
        for n in range(2):
            client.post("/api/v1/auth/login", body, format="json", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
        response = client.post("/api/v1/auth/login", body, format="json", HTTP_X_FORWARDED_FOR="10.0.0.9")
        assert response.status_code == 429


@api_view(["GET"])
@permission_classes([AllowAny])
def boom_view(request):
    raise RuntimeError("secret internals: password=hunter2")


urlpatterns = [path("api/v1/boom", boom_view)]


@pytest.mark.django_db
@pytest.mark.urls("tests.api.test_conventions")
def test_unexpected_exceptions_are_a_500_without_internals(caplog):
    client = APIClient(raise_request_exception=False)
    with caplog.at_level(logging.ERROR):
        response = client.get("/api/v1/boom")
    body = assert_envelope(response, 500, "INTERNAL_ERROR")
    assert "hunter2" not in response.content.decode()
    assert "Traceback" not in response.content.decode()
    assert body["error"]["message"] == "An unexpected error occurred."


@pytest.mark.django_db
class TestRequestId:
    def test_it_echoes_the_callers_id(self, api_client):
        response = api_client.get("/health", HTTP_X_REQUEST_ID="abc-123")
        assert response["X-Request-ID"] == "abc-123"

    def test_it_makes_one_when_missing_or_unsafe(self, api_client):
        fresh = api_client.get("/health")
        unsafe = api_client.get("/health", HTTP_X_REQUEST_ID="bad\nid injected")
        assert len(fresh["X-Request-ID"]) == 32
        assert unsafe["X-Request-ID"] != "bad\nid injected"
        assert len(unsafe["X-Request-ID"]) == 32

    def test_log_lines_carry_the_request_id(self, api_client, caplog, settings):
        from jobforge.api.middleware import RequestIdLogFilter

        assert "%(request_id)s" in settings.LOGGING["formatters"]["standard"]["format"]
        caplog.handler.addFilter(RequestIdLogFilter())
        with caplog.at_level(logging.WARNING, logger="django.request"):
            api_client.get("/api/v1/does-not-exist", HTTP_X_REQUEST_ID="trace-me-42")
        assert [record.request_id for record in caplog.records] == ["trace-me-42"]


class TestPaginationParams:
    @pytest.mark.parametrize(
        ("params", "expected"),
        [
            ({}, (50, 0)),
            ({"limit": "10", "offset": "5"}, (10, 5)),
            ({"limit": "1000"}, (100, 0)),
            ({"limit": "100"}, (100, 0)),
            ({"limit": "1"}, (1, 0)),
        ],
    )
    def test_it_defaults_and_clamps(self, params, expected):
        assert parse_page_params(params) == expected

    @pytest.mark.parametrize(
        "params", [{"limit": "abc"}, {"limit": "-1"}, {"offset": "-3"}, {"offset": "x"}, {"limit": "0"}]
    )
    def test_it_rejects_junk(self, params):
        from rest_framework.exceptions import ValidationError

        with pytest.raises(ValidationError):
            parse_page_params(params)
