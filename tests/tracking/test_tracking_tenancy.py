"""Another user's contacts, interviews, tasks and applications are a 404 on every tracking
route and method, and nothing of theirs changes or leaks."""

import uuid

import pytest

from tests.factories import ApplicationFactory
from tracking.models import Contact, Interview, Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def owned(alice):
    application = ApplicationFactory(user=alice, stage="applied")
    return {
        "application": application,
        "contact": Contact.objects.create(application=application, name="Alice's secret contact"),
        "interview": Interview.objects.create(application=application, scheduled_at="2030-01-01T10:00:00Z"),
        "task": Task.objects.create(user=alice, application=application, title="Alice's secret task"),
    }


def _snapshot(owned):
    application = owned["application"]
    application.refresh_from_db()
    return (
        application.stage,
        tuple(Contact.objects.values_list("name", "role")),
        tuple(Interview.objects.values_list("outcome", "scheduled_at")),
        tuple(Task.objects.values_list("title", "done", "application_id")),
    )


def _routes(owned):
    app = owned["application"].pk
    return [
        ("get", f"/api/v1/applications/{app}/contacts"),
        ("post", f"/api/v1/applications/{app}/contacts"),
        ("get", f"/api/v1/applications/{app}/contacts/{owned['contact'].pk}"),
        ("put", f"/api/v1/applications/{app}/contacts/{owned['contact'].pk}"),
        ("patch", f"/api/v1/applications/{app}/contacts/{owned['contact'].pk}"),
        ("delete", f"/api/v1/applications/{app}/contacts/{owned['contact'].pk}"),
        ("get", f"/api/v1/applications/{app}/interviews"),
        ("post", f"/api/v1/applications/{app}/interviews"),
        ("get", f"/api/v1/applications/{app}/interviews/{owned['interview'].pk}"),
        ("put", f"/api/v1/applications/{app}/interviews/{owned['interview'].pk}"),
        ("patch", f"/api/v1/applications/{app}/interviews/{owned['interview'].pk}"),
        ("delete", f"/api/v1/applications/{app}/interviews/{owned['interview'].pk}"),
        ("get", f"/api/v1/applications/{app}/tasks"),
        ("post", f"/api/v1/applications/{app}/tasks"),
        ("get", f"/api/v1/tasks/{owned['task'].pk}"),
        ("put", f"/api/v1/tasks/{owned['task'].pk}"),
        ("patch", f"/api/v1/tasks/{owned['task'].pk}"),
        ("delete", f"/api/v1/tasks/{owned['task'].pk}"),
        ("get", f"/api/v1/tasks?application_id={app}"),
    ]


BODY = {
    "name": "Stolen",
    "role": "Stolen",
    "scheduled_at": "2031-01-01T10:00:00Z",
    "outcome": "failed",
    "title": "Stolen",
    "done": True,
}


def test_a_stranger_gets_a_404_on_every_route_and_changes_nothing(charlie_client, owned):
    before = _snapshot(owned)
    for method, url in _routes(owned):
        payload = None if method == "get" else BODY
        response = getattr(charlie_client, method)(url, payload, format="json")
        assert response.status_code == 404, f"{method.upper()} {url}"
        assert response.json()["error"]["code"] == "NOT_FOUND"
        assert b"secret" not in response.content
    assert _snapshot(owned) == before


def test_the_owner_reaches_every_route(alice_client, owned):
    for method, url in _routes(owned):
        if method in ("get",):
            assert alice_client.get(url).status_code == 200, url


def test_a_task_pointing_at_another_users_application_is_a_404(charlie_client, charlie, owned):
    foreign = str(owned["application"].pk)
    response = charlie_client.post(
        "/api/v1/tasks", {"title": "Mine", "application_id": foreign}, format="json"
    )
    assert response.status_code == 404
    assert not Task.objects.filter(user=charlie).exists()
    own_task = Task.objects.create(user=charlie, title="Mine")
    response = charlie_client.patch(
        f"/api/v1/tasks/{own_task.pk}", {"application_id": foreign}, format="json"
    )
    assert response.status_code == 404
    own_task.refresh_from_db()
    assert own_task.application_id is None


def test_a_task_pointing_at_a_missing_application_is_a_404(alice_client):
    response = alice_client.post(
        "/api/v1/tasks", {"title": "x", "application_id": str(uuid.uuid4())}, format="json"
    )
    assert response.status_code == 404


def test_a_strangers_task_list_shows_none_of_alices(charlie_client, owned):
    body = charlie_client.get("/api/v1/tasks").json()
    assert body == {"tasks": [], "total": 0, "limit": 50, "offset": 0}


def test_every_route_needs_a_token(api_client, owned):
    for method, url in _routes(owned):
        response = getattr(api_client, method)(url, BODY, format="json")
        assert response.status_code == 401, f"{method.upper()} {url}"
