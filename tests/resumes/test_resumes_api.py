"""`/api/v1/resumes` (SPEC §6): library list, create, read, partial updates, delete."""

import uuid

import pytest

from resumes.models import Resume
from tests.factories import RESUME_MARKDOWN, ResumeFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/resumes"
FULL_FIELDS = {"id", "name", "content", "focus_area", "is_primary", "created_at", "updated_at"}


def assert_error(response, status, code):
    assert response.status_code == status, response.content
    assert response.json()["error"]["code"] == code
    return response.json()["error"]


def post(client, **fields):
    data = {"name": "Technical Resume", "content": RESUME_MARKDOWN, "focus_area": "software_development"}
    data.update(fields)
    return client.post(URL, data, format="json")


class TestCreate:
    def test_it_creates_and_the_first_is_primary(self, alice_client, alice):
        response = post(alice_client, is_primary=False)
        assert response.status_code == 201, response.content
        data = response.json()
        assert set(data) == FULL_FIELDS
        assert (data["name"], data["focus_area"], data["is_primary"]) == (
            "Technical Resume",
            "software_development",
            True,
        )
        assert Resume.objects.get(pk=data["id"]).user == alice

    def test_a_later_one_takes_primary_only_when_asked(self, alice_client):
        first = post(alice_client).json()
        second = post(alice_client, name="Management").json()
        assert second["is_primary"] is False
        third = post(alice_client, name="Data", is_primary=True).json()
        assert third["is_primary"] is True
        primaries = Resume.objects.filter(is_primary=True).values_list("pk", flat=True)
        assert [str(pk) for pk in primaries] == [third["id"]]
        assert first["id"] != third["id"]

    def test_focus_area_defaults_to_other(self, alice_client):
        data = {"name": "Plain", "content": RESUME_MARKDOWN}
        assert alice_client.post(URL, data, format="json").json()["focus_area"] == "other"

    def test_missing_fields_are_named(self, alice_client):
        error = assert_error(alice_client.post(URL, {}, format="json"), 400, "VALIDATION_ERROR")
        assert error["details"] == {
            "name": ["This field is required."],
            "content": ["This field is required."],
        }

    @pytest.mark.parametrize(
        ("field", "good", "bad"),
        [
            ("name", "x", ""),
            ("name", "x" * 255, "x" * 256),
            ("content", "x" * 100, "x" * 99),
            ("content", "x" * 50000, "x" * 50001),
            ("focus_area", "consulting", "astrology"),
            ("is_primary", True, "maybe"),
        ],
    )
    def test_each_bound_holds_on_both_sides(self, alice_client, field, good, bad):
        ok = post(alice_client, **{field: good})
        assert ok.status_code == 201, ok.content
        assert ok.json()[field] == good
        error = assert_error(post(alice_client, **{field: bad}), 400, "VALIDATION_ERROR")
        assert list(error["details"]) == [field]
        assert Resume.objects.count() == 1

    def test_read_only_fields_are_ignored(self, alice_client, alice, charlie):
        response = post(
            alice_client, id=str(uuid.uuid4()), user=str(charlie.pk), created_at="2020-01-01T00:00:00Z"
        )
        assert response.status_code == 201
        resume = Resume.objects.get(pk=response.json()["id"])
        assert resume.user == alice
        assert resume.created_at.year != 2020


class TestList:
    def test_it_lists_without_content_primary_first(self, alice_client, alice, charlie):
        older = post(alice_client, name="First").json()
        post(alice_client, name="Second")
        newest = post(alice_client, name="Third").json()
        ResumeFactory(user=charlie)
        data = alice_client.get(URL).json()
        assert list(data) == ["resumes"]
        assert [item["name"] for item in data["resumes"]] == ["First", "Third", "Second"]
        assert data["resumes"][0]["id"] == older["id"] and data["resumes"][0]["is_primary"] is True
        assert data["resumes"][1]["id"] == newest["id"]
        assert set(data["resumes"][0]) == FULL_FIELDS - {"content"}

    def test_it_runs_the_same_queries_for_1_and_50_rows(self, alice_client, alice, django_assert_num_queries):
        ResumeFactory(user=alice, is_primary=True)
        # 1: the token's user, 2: the resumes.
        with django_assert_num_queries(2):
            assert len(alice_client.get(URL).json()["resumes"]) == 1
        ResumeFactory.create_batch(49, user=alice)
        with django_assert_num_queries(2):
            assert len(alice_client.get(URL).json()["resumes"]) == 50


class TestDetail:
    def test_it_returns_the_full_resume(self, alice_client, alice):
        resume = ResumeFactory(user=alice)
        data = alice_client.get(f"{URL}/{resume.pk}").json()
        assert set(data) == FULL_FIELDS
        assert data["content"] == RESUME_MARKDOWN

    @pytest.mark.parametrize("method", ["put", "patch"])
    def test_both_methods_accept_partial_bodies(self, alice_client, alice, method):
        resume = ResumeFactory(user=alice, name="Old name")
        response = getattr(alice_client, method)(f"{URL}/{resume.pk}", {"name": "New name"}, format="json")
        assert response.status_code == 200, response.content
        assert (response.json()["name"], response.json()["content"]) == ("New name", RESUME_MARKDOWN)
        resume.refresh_from_db()
        assert resume.name == "New name"

    @pytest.mark.parametrize(
        ("field", "bad"), [("name", ""), ("content", "short"), ("focus_area", "astrology")]
    )
    def test_invalid_updates_change_nothing(self, alice_client, alice, field, bad):
        resume = ResumeFactory(user=alice, name="Kept")
        error = assert_error(
            alice_client.patch(f"{URL}/{resume.pk}", {field: bad}, format="json"),
            400,
            "VALIDATION_ERROR",
        )
        assert field in error["details"]
        resume.refresh_from_db()
        assert (resume.name, resume.content, resume.focus_area) == (
            "Kept",
            RESUME_MARKDOWN,
            "software_development",
        )

    def test_is_primary_true_moves_the_flag(self, alice_client):
        first = post(alice_client, name="First").json()
        second = post(alice_client, name="Second").json()
        assert alice_client.patch(f"{URL}/{second['id']}", {"is_primary": True}, format="json").json()[
            "is_primary"
        ]
        assert alice_client.get(f"{URL}/{first['id']}").json()["is_primary"] is False

    def test_is_primary_false_on_the_primary_is_ignored(self, alice_client):
        only = post(alice_client).json()
        data = alice_client.put(f"{URL}/{only['id']}", {"is_primary": False}, format="json").json()
        assert data["is_primary"] is True


class TestDelete:
    def test_the_only_primary_cannot_be_deleted(self, alice_client):
        only = post(alice_client).json()
        error = assert_error(alice_client.delete(f"{URL}/{only['id']}"), 409, "INVALID_STATE")
        assert "only resume" in error["message"]
        assert Resume.objects.filter(pk=only["id"]).exists()

    def test_deleting_a_primary_promotes_a_sibling(self, alice_client):
        primary = post(alice_client, name="Primary").json()
        post(alice_client, name="Older")
        newer = post(alice_client, name="Newer").json()
        assert alice_client.delete(f"{URL}/{primary['id']}").status_code == 204
        listed = alice_client.get(URL).json()["resumes"]
        assert [(r["name"], r["is_primary"]) for r in listed] == [("Newer", True), ("Older", False)]
        assert alice_client.get(f"{URL}/{newer['id']}").json()["is_primary"] is True

    def test_an_application_pointing_at_it_falls_back_to_the_primary(self, alice_client, alice):
        from applications.services import application_resume
        from tests.factories import ApplicationFactory

        primary = ResumeFactory(user=alice, is_primary=True)
        chosen = ResumeFactory(user=alice)
        app = ApplicationFactory(user=alice, resume_id=chosen.pk)
        assert alice_client.delete(f"{URL}/{chosen.pk}").status_code == 204
        app.refresh_from_db()
        assert app.resume_id is None
        assert application_resume(application=app) == primary


class TestStranger:
    @pytest.mark.parametrize(
        ("method", "payload"),
        [("get", None), ("put", {"name": "Stolen"}), ("patch", {"is_primary": True}), ("delete", None)],
    )
    def test_a_stranger_gets_404_and_changes_nothing(self, charlie_client, charlie, alice, method, payload):
        resume = ResumeFactory(user=alice, name="Alice's resume", is_primary=True)
        ResumeFactory(user=alice)
        ResumeFactory(user=charlie, is_primary=True)
        send = getattr(charlie_client, method)
        response = (
            send(f"{URL}/{resume.pk}", payload, format="json") if payload else send(f"{URL}/{resume.pk}")
        )
        assert_error(response, 404, "NOT_FOUND")
        assert "Jordan" not in response.content.decode()
        resume.refresh_from_db()
        assert (resume.name, resume.is_primary) == ("Alice's resume", True)
        assert Resume.objects.filter(user=charlie, is_primary=True).count() == 1

    def test_a_stranger_does_not_see_it_in_the_list(self, charlie_client, alice):
        ResumeFactory(user=alice)
        assert charlie_client.get(URL).json() == {"resumes": []}

    def test_it_needs_a_token(self, api_client):
        assert_error(api_client.get(URL), 401, "AUTHENTICATION_ERROR")
        assert_error(api_client.post(f"{URL}/upload", {}), 401, "AUTHENTICATION_ERROR")
