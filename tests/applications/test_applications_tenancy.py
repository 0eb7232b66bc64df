"""A stranger gets 404 on every application route and method, and changes nothing."""

import pytest

from applications.models import Application
from tests.factories import JOB_DESCRIPTION, ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def alices_app(alice):
    return ApplicationFactory(user=alice, notes="")


@pytest.mark.parametrize(
    ("method", "payload"),
    [
        ("get", None),
        ("put", {"notes": "mine now", "stage": "offer"}),
        ("patch", {"notes": "mine now", "stage": "offer"}),
        ("delete", None),
    ],
)
def test_a_stranger_gets_404_and_changes_nothing(charlie_client, alices_app, method, payload):
    url = f"/api/v1/applications/{alices_app.pk}"
    send = getattr(charlie_client, method)
    response = send(url, payload, format="json") if payload else send(url)
    assert response.status_code == 404, response.content
    body = response.json()
    assert body["error"]["code"] == "NOT_FOUND"
    assert str(alices_app.pk) not in response.content.decode().replace(url, "")
    alices_app.refresh_from_db()
    assert (alices_app.notes, alices_app.stage) == ("", "saved")
    assert alices_app.stage_events.count() == 1


def test_a_stranger_does_not_see_it_in_lists(charlie_client, alices_app):
    data = charlie_client.get("/api/v1/applications", {"q": "Acme"}).json()
    assert (data["applications"], data["total"]) == ([], 0)


def test_a_stranger_cannot_claim_it_by_creating_with_its_id(charlie_client, charlie, alices_app):
    response = charlie_client.post(
        "/api/v1/applications",
        {
            "id": str(alices_app.pk),
            "company_name": "X",
            "role_title": "Y",
            "job_description": JOB_DESCRIPTION,
        },
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["id"] != str(alices_app.pk)
    assert Application.objects.get(pk=alices_app.pk).user_id != charlie.pk
