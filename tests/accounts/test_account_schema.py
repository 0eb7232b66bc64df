"""The account endpoints answer what the published OpenAPI schema promises."""

import pytest

from tests.api.test_schema_conformance import openapi  # noqa: F401  (fixture)
from tests.factories import ApplicationFactory, document_write
from tests.processing.pipeline_helpers import sync_queue_fixture  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_the_data_export_matches_the_schema(alice, alice_client, openapi):  # noqa: F811
    application = ApplicationFactory(user=alice)
    document_write(application, "research_report", "# Report\n\nFindings.")
    openapi(alice_client.get("/api/v1/applications/export"), "/api/v1/applications/export")
    bad = alice_client.get("/api/v1/applications/export", {"format": "xml"})
    assert bad.status_code == 400
    openapi(bad, "/api/v1/applications/export")


def test_password_reset_matches_the_schema(alice, api_client, openapi, sync_queue):  # noqa: F811
    path = "/api/v1/auth/password-reset"
    openapi(api_client.post(path, {"email": "alice@example.com"}, format="json"), path)
    openapi(api_client.post(path, {"email": "nope"}, format="json"), path)


def test_delete_account_and_refresh_errors_match_the_schema(alice_client, api_client, openapi):  # noqa: F811
    wrong = alice_client.post("/api/v1/auth/delete-account", {"password": "Wrong-pass-1"}, format="json")
    assert wrong.status_code == 400
    openapi(wrong, "/api/v1/auth/delete-account")
    refused = api_client.post("/api/v1/auth/refresh", HTTP_AUTHORIZATION="Bearer not.a.token")
    assert refused.status_code == 401
    openapi(refused, "/api/v1/auth/refresh")
    openapi(alice_client.post("/api/v1/auth/refresh"), "/api/v1/auth/refresh")
