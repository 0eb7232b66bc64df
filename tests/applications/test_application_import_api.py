"""`POST /api/v1/applications/import` (SPEC §10): a draft from a link or pasted text,
nothing saved, every refusal a 400 in the envelope, rate-limited per user."""

import pytest

from applications.models import Application
from tests.api.test_schema_conformance import openapi  # noqa: F401  (fixture)
from tests.applications.posting_server import base_url, page, posting_server

pytestmark = pytest.mark.django_db

URL = "/api/v1/applications/import"
PATH = "/api/v1/applications/import"
PASTED = (
    "Senior Backend Engineer\n"
    "Northwind · Austin, TX (Hybrid)\n\n"
    "We build logistics software for regional carriers. This is a full-time role.\n"
    "Compensation: $140k - $165k per year plus equity.\n"
)


@pytest.fixture
def local_pages(settings):
    settings.JOBFORGE_IMPORT_PRIVATE_HOSTS = ["127.0.0.1"]
    routes = {
        "/job": page("graph_escaped.html"),
        "/job.json": page("posting.json", "application/ld+json"),
        "/meta": page("meta_only.html"),
    }
    with posting_server(routes) as server:
        yield server


def error_of(response, status=400):
    assert response.status_code == status, response.content
    payload = response.json()
    assert payload["path"] == PATH
    return payload["error"]


def test_it_drafts_an_application_from_a_link(alice_client, local_pages, openapi):  # noqa: F811
    response = alice_client.post(URL, {"url": base_url(local_pages) + "/job"}, format="json")
    assert response.status_code == 200, response.content
    openapi(response, PATH)
    draft = response.json()["draft"]
    assert draft == {
        "company_name": "Harbor Health",
        "role_title": "Night Nurse",
        "location": "Durham, NC",
        "job_url": base_url(local_pages) + "/job",
        "job_description": "Care for patients on the night shift.\n\n- Monitor vitals\n- Chart & hand over",
        "work_mode": "remote",
        "employment_type": "part_time",
        "salary_min": 38,
        "salary_max": 45,
        "salary_currency": "USD",
        "salary_period": "hour",
        "posted_at": "2025-03-01",
        "deadline": "2025-04-01",
        "source": "127.0.0.1",
    }
    assert response.json()["warnings"] == []
    assert Application.objects.count() == 0  # a draft only


def test_it_drafts_from_a_json_ld_document(alice_client, local_pages):
    response = alice_client.post(URL, {"url": base_url(local_pages) + "/job.json"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["draft"]["role_title"] == "Warehouse Lead"
    assert response.json()["draft"]["company_name"] == "Depot North"


def test_it_drafts_from_pasted_text(alice_client, openapi):  # noqa: F811
    response = alice_client.post(URL, {"text": PASTED}, format="json")
    assert response.status_code == 200, response.content
    openapi(response, PATH)
    body = response.json()
    assert body["warnings"] == []
    draft = body["draft"]
    assert (draft["role_title"], draft["company_name"], draft["location"]) == (
        "Senior Backend Engineer",
        "Northwind",
        "Austin, TX (Hybrid)",
    )
    assert (draft["salary_min"], draft["salary_max"], draft["work_mode"]) == (140000, 165000, "hybrid")
    assert draft["job_description"] == PASTED.strip()
    assert (draft["job_url"], draft["source"], draft["deadline"]) == ("", "", None)


def test_it_warns_when_company_or_role_is_missing_or_the_text_is_short(alice_client):
    body = alice_client.post(URL, {"text": "Remote role, apply soon."}, format="json").json()
    assert body["warnings"] == [
        "No company name was found: fill it in.",
        "The posting's text has fewer than 50 characters: paste the whole posting.",
    ]


def test_it_refuses_a_private_address_without_connecting(alice_client, settings, openapi):  # noqa: F811
    settings.JOBFORGE_IMPORT_PRIVATE_HOSTS = []
    with posting_server({"/job": page("graph_escaped.html")}) as server:
        response = alice_client.post(URL, {"url": base_url(server, "localhost") + "/job"}, format="json")
        assert server.connections == 0
    error = error_of(response)
    openapi(response, PATH)
    assert error["code"] == "VALIDATION_ERROR"
    assert "private network" in error["message"]
    assert error["details"]["url"] == [error["message"]]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "url"),
        ({"url": "", "text": "  "}, "text"),
        ({"url": "https://example.com/job", "text": "both"}, "url"),
        ({"url": "ftp://example.com/job"}, "url"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"url": 12}, "url"),
        ({"text": ["a list"]}, "text"),
        ({"text": "x" * 100_001}, "text"),
    ],
)
def test_it_refuses_bad_input_with_the_envelope(alice_client, payload, field):
    error = error_of(alice_client.post(URL, payload, format="json"))
    assert error["code"] == "VALIDATION_ERROR"
    assert field in error["details"]


def test_it_refuses_a_page_that_is_not_found(alice_client, local_pages):
    error = error_of(alice_client.post(URL, {"url": base_url(local_pages) + "/missing"}, format="json"))
    assert error["message"] == "The site answered 404 Not Found."


def test_it_needs_a_signed_in_user(api_client):
    assert error_of(api_client.post(URL, {"text": PASTED}, format="json"), 401)["code"] == (
        "AUTHENTICATION_ERROR"
    )


def test_it_is_rate_limited_per_user(alice_client, charlie_client, settings):
    settings.JOBFORGE_THROTTLE_IMPORT = "2/min"
    for _ in range(2):
        assert alice_client.post(URL, {"text": PASTED}, format="json").status_code == 200
    limited = alice_client.post(URL, {"text": PASTED}, format="json")
    assert error_of(limited, 429)["code"] == "RATE_LIMITED"
    assert int(limited["Retry-After"]) >= 1
    assert charlie_client.post(URL, {"text": PASTED}, format="json").status_code == 200


def test_only_post_is_allowed(alice_client):
    assert error_of(alice_client.get(URL), 405)["code"] == "METHOD_NOT_ALLOWED"
