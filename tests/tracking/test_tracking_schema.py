"""What the tracking API answers matches what its OpenAPI schema promises."""

import pytest

from tests.api.test_schema_conformance import openapi  # noqa: F401  (fixture)
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

APP = "/api/v1/applications/{application_id}"


def test_contacts_interviews_and_tasks_match_the_schema(alice_client, alice, openapi):  # noqa: F811
    application = ApplicationFactory(user=alice, stage="applied")
    base = f"/api/v1/applications/{application.pk}"
    contact = alice_client.post(f"{base}/contacts", {"name": "Ada"}, format="json")
    openapi(contact, f"{APP}/contacts")
    openapi(alice_client.get(f"{base}/contacts"), f"{APP}/contacts")
    contact_url = f"{base}/contacts/{contact.json()['id']}"
    openapi(alice_client.patch(contact_url, {"email": None}, format="json"), f"{APP}/contacts/{{contact_id}}")

    interview = alice_client.post(
        f"{base}/interviews", {"scheduled_at": "2030-01-01T10:00:00Z"}, format="json"
    )
    openapi(interview, f"{APP}/interviews")
    openapi(alice_client.get(f"{base}/interviews"), f"{APP}/interviews")
    openapi(
        alice_client.get(f"{base}/interviews/{interview.json()['id']}"), f"{APP}/interviews/{{interview_id}}"
    )

    free = alice_client.post("/api/v1/tasks", {"title": "Free"}, format="json")
    openapi(free, "/api/v1/tasks")
    openapi(alice_client.post(f"{base}/tasks", {"title": "Bound"}, format="json"), f"{APP}/tasks")
    openapi(alice_client.get("/api/v1/tasks"), "/api/v1/tasks")
    openapi(alice_client.get(f"{base}/tasks"), f"{APP}/tasks")
    openapi(alice_client.get(f"/api/v1/tasks/{free.json()['id']}"), "/api/v1/tasks/{task_id}")

    bad = alice_client.post(f"{base}/interviews", {"scheduled_at": "soon"}, format="json")
    assert bad.status_code == 400
    openapi(bad, f"{APP}/interviews")
    missing = alice_client.get("/api/v1/tasks/00000000-0000-0000-0000-000000000000")
    assert missing.status_code == 404
    openapi(missing, "/api/v1/tasks/{task_id}")
