"""SPEC §12's application fields through the API: archived (and the list filter),
follow_up_at, an editable applied_at, and the declined stage."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from applications.models import Application
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/applications"


def _ids(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["applications"]}


class TestArchived:
    def test_it_archives_and_unarchives_through_patch(self, alice_client, alice):
        application = ApplicationFactory(user=alice)
        response = alice_client.patch(f"{URL}/{application.pk}", {"archived": True}, format="json")
        assert response.status_code == 200
        assert response.json()["archived"] is True
        application.refresh_from_db()
        assert application.archived is True
        response = alice_client.patch(f"{URL}/{application.pk}", {"archived": False}, format="json")
        assert response.json()["archived"] is False

    def test_the_default_list_hides_archived_and_the_filter_shows_them(self, alice_client, alice):
        kept = ApplicationFactory(user=alice)
        archived = ApplicationFactory(user=alice, archived=True)
        assert _ids(alice_client.get(URL)) == {str(kept.pk)}
        assert _ids(alice_client.get(URL, {"archived": "false"})) == {str(kept.pk)}
        assert _ids(alice_client.get(URL, {"archived": "true"})) == {str(archived.pk)}
        assert _ids(alice_client.get(URL, {"archived": "all"})) == {str(kept.pk), str(archived.pk)}
        listed = alice_client.get(URL, {"archived": "true"}).json()
        assert listed["total"] == 1
        assert listed["applications"][0]["archived"] is True

    def test_an_unknown_archived_value_is_a_400(self, alice_client):
        response = alice_client.get(URL, {"archived": "maybe"})
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "VALIDATION_ERROR"
        assert "archived" in response.json()["error"]["details"]

    def test_a_non_boolean_archived_is_a_400_and_changes_nothing(self, alice_client, alice):
        application = ApplicationFactory(user=alice)
        response = alice_client.patch(f"{URL}/{application.pk}", {"archived": "later"}, format="json")
        assert response.status_code == 400
        application.refresh_from_db()
        assert application.archived is False

    def test_the_list_runs_the_same_queries_with_the_archived_filter(self, alice_client, alice):
        ApplicationFactory(user=alice, archived=True)
        with CaptureQueriesContext(connection) as one:
            alice_client.get(URL, {"archived": "all"})
        for _ in range(10):
            ApplicationFactory(user=alice, archived=True)
        with CaptureQueriesContext(connection) as eleven:
            response = alice_client.get(URL, {"archived": "true"})
        assert response.json()["total"] == 11
        assert len(eleven) == len(one)


class TestFollowUpAndAppliedAt:
    def test_it_sets_and_clears_follow_up_at(self, alice_client, alice):
        application = ApplicationFactory(user=alice)
        response = alice_client.patch(
            f"{URL}/{application.pk}", {"follow_up_at": "2030-03-04T09:30:00Z"}, format="json"
        )
        assert response.status_code == 200
        assert response.json()["follow_up_at"] == "2030-03-04T09:30:00Z"
        listed = alice_client.get(URL).json()["applications"][0]
        assert listed["follow_up_at"] == "2030-03-04T09:30:00Z"
        response = alice_client.patch(f"{URL}/{application.pk}", {"follow_up_at": None}, format="json")
        assert response.json()["follow_up_at"] is None

    def test_a_new_follow_up_date_is_reminded_anew(self, alice_client, alice):
        application = ApplicationFactory(user=alice, follow_up_at="2030-03-04T09:30:00Z")
        Application.objects.filter(pk=application.pk).update(follow_up_reminded_at="2030-03-04T09:31:00Z")
        alice_client.patch(f"{URL}/{application.pk}", {"follow_up_at": "2030-03-11T09:30:00Z"}, format="json")
        application.refresh_from_db()
        assert application.follow_up_reminded_at is None

    def test_a_bad_datetime_is_a_400_naming_the_field(self, alice_client, alice):
        application = ApplicationFactory(user=alice)
        response = alice_client.patch(f"{URL}/{application.pk}", {"follow_up_at": "next week"}, format="json")
        assert response.status_code == 400
        assert "follow_up_at" in response.json()["error"]["details"]
        application.refresh_from_db()
        assert application.follow_up_at is None

    def test_applied_at_is_editable(self, alice_client, alice):
        application = ApplicationFactory(user=alice, stage="applied")
        response = alice_client.patch(
            f"{URL}/{application.pk}", {"applied_at": "2025-06-01T12:00:00Z"}, format="json"
        )
        assert response.status_code == 200
        assert response.json()["applied_at"] == "2025-06-01T12:00:00Z"

    def test_moving_to_applied_keeps_a_given_applied_at(self, alice_client, alice):
        application = ApplicationFactory(user=alice)
        response = alice_client.patch(
            f"{URL}/{application.pk}",
            {"stage": "applied", "applied_at": "2025-06-01T12:00:00Z"},
            format="json",
        )
        assert response.json()["applied_at"] == "2025-06-01T12:00:00Z"
        assert response.json()["stage"] == "applied"

    def test_moving_to_applied_still_stamps_an_empty_applied_at(self, alice_client, alice):
        application = ApplicationFactory(user=alice)
        assert application.applied_at is None
        response = alice_client.patch(f"{URL}/{application.pk}", {"stage": "applied"}, format="json")
        assert response.json()["applied_at"] is not None

    def test_it_creates_with_an_applied_at_from_the_past(self, alice_client):
        from tests.factories import JOB_DESCRIPTION

        response = alice_client.post(
            URL,
            {
                "company_name": "Initech",
                "role_title": "Engineer",
                "job_description": JOB_DESCRIPTION,
                "stage": "applied",
                "applied_at": "2025-01-15T08:00:00Z",
            },
            format="json",
        )
        assert response.status_code == 201, response.content
        assert response.json()["applied_at"] == "2025-01-15T08:00:00Z"


class TestDeclined:
    def test_declined_is_a_stage_on_the_timeline_and_a_filter(self, alice_client, alice):
        application = ApplicationFactory(user=alice, stage="offer")
        response = alice_client.patch(f"{URL}/{application.pk}", {"stage": "declined"}, format="json")
        assert response.status_code == 200
        assert response.json()["timeline"][-1]["to_stage"] == "declined"
        assert response.json()["timeline"][-1]["from_stage"] == "offer"
        assert _ids(alice_client.get(URL, {"stage": "declined"})) == {str(application.pk)}
