"""What the API answers matches what its OpenAPI schema promises API clients.

Each response below comes from a real request and is validated against the response
schema that `/api/schema` publishes for that path, method and status, so a field that
changes shape (a blank enum, a null where the schema has none) fails here first.
"""

import json

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from processing.services import phase_start
from tests.factories import ApplicationFactory, ResumeFactory, document_write
from tests.processing.pipeline_helpers import sync_queue_fixture  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _json_schema(node):
    """OpenAPI 3.0 → JSON Schema: `nullable: true` becomes "or null"; refs point into components."""
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _json_schema(value) for key, value in node.items() if key != "nullable"}
    if "$ref" in converted:
        converted["$ref"] = converted["$ref"].replace("#/components/schemas/", "urn:schema:")
    if node.get("nullable"):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


@pytest.fixture
def openapi(api_client):
    schema = api_client.get("/api/schema", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    components = schema["components"]["schemas"]
    registry = Registry().with_resources(
        (f"urn:schema:{name}", Resource(contents=_json_schema(body), specification=DRAFT202012))
        for name, body in components.items()
    )

    def validate(response, path_template: str):
        operation = schema["paths"][path_template][response.wsgi_request.method.lower()]
        body_schema = operation["responses"][str(response.status_code)]["content"]["application/json"][
            "schema"
        ]
        validator = Draft202012Validator(_json_schema(body_schema), registry=registry)
        # Downloads are streamed: read their whole body.
        streamed = getattr(response, "streaming", False)
        body = json.loads(b"".join(response.streaming_content)) if streamed else response.json()
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(body)]
        assert errors == [], errors

    return validate


@pytest.fixture
def filled_application(alice):
    """An application with every optional part present or deliberately empty."""
    resume = ResumeFactory(user=alice, is_primary=True)
    application = ApplicationFactory(user=alice, job_url="", resume=resume, notes="")
    document_write(application, "research_report", "# Report\n\nFindings about the role.")
    document_write(application, "research_report", "# Report\n\nBetter findings about the role.")
    return application


class TestResponsesMatchTheSchema:
    def test_application_detail_list_and_stage_change(self, alice_client, filled_application, openapi):
        app_id = filled_application.pk
        openapi(alice_client.get(f"/api/v1/applications/{app_id}"), "/api/v1/applications/{application_id}")
        moved = alice_client.patch(f"/api/v1/applications/{app_id}", {"stage": "applied"}, format="json")
        assert moved.json()["timeline"][0]["from_stage"] is None
        openapi(moved, "/api/v1/applications/{application_id}")
        openapi(alice_client.get("/api/v1/applications"), "/api/v1/applications")
        created = alice_client.post(
            "/api/v1/applications",
            {"company_name": "Initech", "role_title": "Engineer", "job_description": "x" * 60},
            format="json",
        )
        openapi(created, "/api/v1/applications")

    def test_documents_and_versions(self, alice_client, filled_application, openapi):
        base = f"/api/v1/applications/{filled_application.pk}/documents"
        openapi(alice_client.get(base), "/api/v1/applications/{application_id}/documents")
        openapi(
            alice_client.get(f"{base}/research_report"),
            "/api/v1/applications/{application_id}/documents/{document_type}",
        )
        openapi(
            alice_client.get(f"{base}/research_report/versions"),
            "/api/v1/applications/{application_id}/documents/{document_type}/versions",
        )

    def test_resumes_account_and_processing(
        self, alice, alice_client, filled_application, openapi, django_capture_on_commit_callbacks, sync_queue
    ):
        openapi(alice_client.get("/api/v1/resumes"), "/api/v1/resumes")
        resume = alice.resumes.get()
        openapi(alice_client.get(f"/api/v1/resumes/{resume.pk}"), "/api/v1/resumes/{resume_id}")
        openapi(alice_client.get("/api/v1/auth/me"), "/api/v1/auth/me")
        status_path = "/api/v1/processing/applications/{application_id}/status"
        status_url = f"/api/v1/processing/applications/{filled_application.pk}/status"
        openapi(alice_client.get(status_url), status_path)  # nothing run yet
        with django_capture_on_commit_callbacks(execute=True):
            phase_start(user=alice, application_id=filled_application.pk, phase="research", regenerate=True)
        completed = alice_client.get(status_url)
        assert completed.json()["status"] == "completed"
        openapi(completed, status_path)

    def test_insights_and_the_calendar_address(self, alice_client, filled_application, openapi):
        ApplicationFactory(
            user=filled_application.user, source="linkedin.com", work_mode="remote", stage="applied"
        )
        openapi(alice_client.get("/api/v1/insights?weeks=3"), "/api/v1/insights")
        openapi(alice_client.get("/api/v1/auth/me"), "/api/v1/auth/me")  # calendar_url null
        openapi(alice_client.post("/api/v1/auth/calendar/rotate"), "/api/v1/auth/calendar/rotate")
        openapi(alice_client.get("/api/v1/auth/me"), "/api/v1/auth/me")  # calendar_url set
        invalid = alice_client.get("/api/v1/insights?weeks=0")
        assert invalid.status_code == 400
        openapi(invalid, "/api/v1/insights")

    def test_generate_all_a_new_phase_and_a_toned_version(
        self, alice_client, filled_application, openapi, sync_queue
    ):
        base = f"/api/v1/processing/applications/{filled_application.pk}"
        started = alice_client.post(f"{base}/all", {"tone": "warm"}, format="json")
        assert started.status_code == 202
        openapi(started, "/api/v1/processing/applications/{application_id}/all")
        refused = alice_client.post(f"{base}/all", {"length": "long"}, format="json")
        assert refused.status_code == 400
        openapi(refused, "/api/v1/processing/applications/{application_id}/all")
        alice_client.post(f"{base}/cancel")
        type(filled_application).objects.filter(pk=filled_application.pk).update(research_completed=True)
        note = alice_client.post(
            f"{base}/thank-you-note", {"tone": "concise", "length": "short"}, format="json"
        )
        assert note.status_code == 202
        openapi(note, "/api/v1/processing/applications/{application_id}/thank-you-note")

    def test_errors_are_the_envelope(self, alice_client, openapi):
        missing = alice_client.get("/api/v1/applications/00000000-0000-0000-0000-000000000000")
        assert missing.status_code == 404
        openapi(missing, "/api/v1/applications/{application_id}")
        invalid = alice_client.post("/api/v1/applications", {"company_name": ""}, format="json")
        assert invalid.status_code == 400
        openapi(invalid, "/api/v1/applications")
