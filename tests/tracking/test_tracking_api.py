"""Contacts, interviews and tasks through the API (SPEC §12): CRUD, validation in the
envelope, paginated lists, and the move to interviewing."""

import pytest

from applications.models import Application
from tests.factories import ApplicationFactory
from tracking.models import Contact, Interview, Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(alice):
    return ApplicationFactory(user=alice)


def _error(response, status=400):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error", "timestamp", "path"}
    return body["error"]


class TestContacts:
    def url(self, application, pk=None):
        base = f"/api/v1/applications/{application.pk}/contacts"
        return f"{base}/{pk}" if pk else base

    def test_it_creates_reads_updates_and_deletes_a_contact(self, alice_client, application):
        response = alice_client.post(
            self.url(application),
            {
                "name": " Grace Hopper ",
                "role": "Hiring manager",
                "email": "grace@example.com",
                "phone": "+1 555 0100",
                "linkedin_url": "https://www.linkedin.com/in/grace",
                "notes": "Met at the meetup.",
            },
            format="json",
        )
        assert response.status_code == 201, response.content
        contact = response.json()
        assert contact["name"] == "Grace Hopper"
        assert contact["application_id"] == str(application.pk)
        assert set(contact) == {
            "id",
            "application_id",
            "name",
            "role",
            "email",
            "phone",
            "linkedin_url",
            "notes",
            "created_at",
            "updated_at",
        }
        url = self.url(application, contact["id"])
        assert alice_client.get(url).json()["email"] == "grace@example.com"
        response = alice_client.put(url, {"role": "Director", "phone": None}, format="json")
        assert response.status_code == 200
        assert response.json()["role"] == "Director"
        assert response.json()["phone"] == ""
        assert response.json()["name"] == "Grace Hopper"
        assert alice_client.delete(url).status_code == 204
        assert not Contact.objects.filter(pk=contact["id"]).exists()
        assert alice_client.get(url).status_code == 404

    def test_the_list_is_paginated(self, alice_client, application):
        for n in range(3):
            Contact.objects.create(application=application, name=f"Contact {n}")
        body = alice_client.get(self.url(application), {"limit": 2, "offset": 1}).json()
        assert body["total"] == 3
        assert body["limit"] == 2 and body["offset"] == 1
        assert [c["name"] for c in body["contacts"]] == ["Contact 1", "Contact 2"]

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("email", "not-an-email"),
            ("linkedin_url", "javascript:alert(1)"),
            ("linkedin_url", "ftp://example.com/x"),
            ("name", ""),
            ("name", "x" * 256),
            ("notes", "x" * 5001),
        ],
    )
    def test_bad_fields_are_a_400_naming_them_and_nothing_is_saved(
        self, alice_client, application, field, value
    ):
        body = {"name": "Ada", field: value}
        error = _error(alice_client.post(self.url(application), body, format="json"))
        assert error["code"] == "VALIDATION_ERROR"
        assert field in error["details"]
        assert not Contact.objects.exists()

    def test_a_name_is_required(self, alice_client, application):
        error = _error(alice_client.post(self.url(application), {"role": "Recruiter"}, format="json"))
        assert "name" in error["details"]

    def test_a_contact_of_another_application_is_a_404_under_this_one(self, alice_client, alice, application):
        other = ApplicationFactory(user=alice)
        contact = Contact.objects.create(application=other, name="Elsewhere")
        assert alice_client.get(self.url(application, contact.pk)).status_code == 404
        assert alice_client.get(self.url(other, contact.pk)).status_code == 200


class TestInterviews:
    def url(self, application, pk=None):
        base = f"/api/v1/applications/{application.pk}/interviews"
        return f"{base}/{pk}" if pk else base

    def test_scheduling_one_moves_an_applied_application_to_interviewing(self, alice_client, alice):
        application = ApplicationFactory(user=alice, stage="applied")
        response = alice_client.post(
            self.url(application),
            {
                "kind": "phone_screen",
                "scheduled_at": "2030-05-01T15:00:00Z",
                "duration_minutes": 30,
                "meeting_url": "https://meet.example.com/abc",
            },
            format="json",
        )
        assert response.status_code == 201, response.content
        interview = response.json()
        assert interview["outcome"] == "pending"
        assert interview["scheduled_at"] == "2030-05-01T15:00:00Z"
        detail = alice_client.get(f"/api/v1/applications/{application.pk}").json()
        assert detail["stage"] == "interviewing"
        assert [(e["from_stage"], e["to_stage"]) for e in detail["timeline"]] == [
            (None, "applied"),
            ("applied", "interviewing"),
        ]
        assert detail["applied_at"] is not None

    def test_scheduling_one_leaves_a_later_stage_alone(self, alice_client, alice):
        application = ApplicationFactory(user=alice, stage="offer")
        alice_client.post(self.url(application), {"scheduled_at": "2030-05-01T15:00:00Z"}, format="json")
        application.refresh_from_db()
        assert application.stage == "offer"
        assert application.stage_events.count() == 1

    def test_it_updates_the_outcome_and_deletes(self, alice_client, application):
        interview = Interview.objects.create(application=application, scheduled_at="2030-05-01T15:00:00Z")
        url = self.url(application, interview.pk)
        response = alice_client.patch(url, {"outcome": "passed", "notes": "Went well."}, format="json")
        assert response.status_code == 200
        assert response.json()["outcome"] == "passed"
        assert response.json()["duration_minutes"] == 60
        assert alice_client.get(self.url(application)).json()["total"] == 1
        assert alice_client.delete(url).status_code == 204
        assert alice_client.get(self.url(application)).json()["interviews"] == []

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("scheduled_at", "tomorrow at noon"),
            ("scheduled_at", "2030-02-30T10:00:00Z"),
            ("scheduled_at", None),
            ("duration_minutes", 0),
            ("duration_minutes", 24 * 60 + 1),
            ("duration_minutes", "an hour"),
            ("meeting_url", "not a url"),
            ("kind", "dinner"),
            ("outcome", "maybe"),
        ],
    )
    def test_bad_fields_are_a_400_and_nothing_changes(self, alice_client, alice, field, value):
        application = ApplicationFactory(user=alice, stage="applied")
        body = {"scheduled_at": "2030-05-01T15:00:00Z", field: value}
        error = _error(alice_client.post(self.url(application), body, format="json"))
        assert field in error["details"]
        assert not Interview.objects.exists()
        application.refresh_from_db()
        assert application.stage == "applied"

    def test_a_day_long_interview_is_accepted(self, alice_client, application):
        body = {"scheduled_at": "2030-05-01T09:00:00Z", "duration_minutes": 24 * 60, "kind": "onsite"}
        assert alice_client.post(self.url(application), body, format="json").status_code == 201


class TestTasks:
    def test_it_creates_a_free_standing_task_and_one_for_an_application(self, alice_client, application):
        response = alice_client.post(
            "/api/v1/tasks", {"title": "Update my portfolio", "due_at": "2030-01-02T09:00:00Z"}, format="json"
        )
        assert response.status_code == 201, response.content
        assert response.json()["application_id"] is None
        assert set(response.json()) == {
            "id",
            "application_id",
            "title",
            "due_at",
            "done",
            "created_at",
            "updated_at",
        }
        response = alice_client.post(
            "/api/v1/tasks",
            {"title": "Send references", "application_id": str(application.pk)},
            format="json",
        )
        assert response.json()["application_id"] == str(application.pk)
        response = alice_client.post(
            f"/api/v1/applications/{application.pk}/tasks", {"title": "Prepare questions"}, format="json"
        )
        assert response.status_code == 201
        assert response.json()["application_id"] == str(application.pk)
        assert alice_client.get("/api/v1/tasks").json()["total"] == 3
        per_application = alice_client.get(f"/api/v1/applications/{application.pk}/tasks").json()
        assert {t["title"] for t in per_application["tasks"]} == {"Send references", "Prepare questions"}
        filtered = alice_client.get("/api/v1/tasks", {"application_id": str(application.pk)}).json()
        assert filtered["total"] == 2

    def test_it_ticks_a_task_off_and_filters_by_done(self, alice_client, alice):
        task = Task.objects.create(user=alice, title="Call back")
        Task.objects.create(user=alice, title="Still open")
        response = alice_client.patch(f"/api/v1/tasks/{task.pk}", {"done": True}, format="json")
        assert response.status_code == 200 and response.json()["done"] is True
        done = alice_client.get("/api/v1/tasks", {"done": "true"}).json()
        assert [t["title"] for t in done["tasks"]] == ["Call back"]
        open_ = alice_client.get("/api/v1/tasks", {"done": "false"}).json()
        assert [t["title"] for t in open_["tasks"]] == ["Still open"]

    def test_the_list_puts_open_tasks_first_soonest_due_first(self, alice_client, alice):
        Task.objects.create(user=alice, title="done", done=True, due_at="2030-01-01T00:00:00Z")
        Task.objects.create(user=alice, title="later", due_at="2030-03-01T00:00:00Z")
        Task.objects.create(user=alice, title="sooner", due_at="2030-02-01T00:00:00Z")
        titles = [t["title"] for t in alice_client.get("/api/v1/tasks").json()["tasks"]]
        assert titles.index("sooner") < titles.index("later") < titles.index("done")

    def test_it_moves_a_task_between_applications_and_off_them(self, alice_client, alice, application):
        task = Task.objects.create(user=alice, title="Move me")
        url = f"/api/v1/tasks/{task.pk}"
        assert alice_client.put(url, {"application_id": str(application.pk)}, format="json").json()[
            "application_id"
        ] == str(application.pk)
        assert (
            alice_client.patch(url, {"application_id": None}, format="json").json()["application_id"] is None
        )

    def test_a_new_due_date_is_reminded_anew(self, alice_client, alice):
        task = Task.objects.create(user=alice, title="Remind", due_at="2030-01-01T00:00:00Z")
        Task.objects.filter(pk=task.pk).update(reminded_at="2030-01-01T00:00:00Z")
        alice_client.patch(f"/api/v1/tasks/{task.pk}", {"due_at": "2030-02-01T00:00:00Z"}, format="json")
        task.refresh_from_db()
        assert task.reminded_at is None

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"title": ""}, "title"),
            ({"title": "   "}, "title"),
            ({}, "title"),
            ({"title": "x" * 256}, "title"),
            ({"title": "ok", "due_at": "soon"}, "due_at"),
            ({"title": "ok", "done": "perhaps"}, "done"),
            ({"title": "ok", "application_id": "not-a-uuid"}, "application_id"),
        ],
    )
    def test_bad_fields_are_a_400_and_nothing_is_saved(self, alice_client, body, field):
        error = _error(alice_client.post("/api/v1/tasks", body, format="json"))
        assert field in error["details"]
        assert not Task.objects.exists()

    def test_bad_list_filters_are_a_400(self, alice_client):
        assert _error(alice_client.get("/api/v1/tasks", {"done": "perhaps"}))["code"] == "VALIDATION_ERROR"
        assert _error(alice_client.get("/api/v1/tasks", {"limit": "-1"}))["code"] == "VALIDATION_ERROR"

    def test_deleting_the_application_deletes_its_tasks_contacts_and_interviews(
        self, alice_client, alice, application
    ):
        Task.objects.create(user=alice, application=application, title="Goes")
        Task.objects.create(user=alice, title="Stays")
        Contact.objects.create(application=application, name="Goes")
        Interview.objects.create(application=application, scheduled_at="2030-01-01T00:00:00Z")
        assert alice_client.delete(f"/api/v1/applications/{application.pk}").status_code == 204
        assert list(Task.objects.values_list("title", flat=True)) == ["Stays"]
        assert not Contact.objects.exists() and not Interview.objects.exists()
        assert not Application.objects.exists()
