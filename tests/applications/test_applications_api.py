"""`/api/v1/applications` (SPEC §3): create, list with filters, read, partial updates, delete."""

import datetime as dt
import uuid

import pytest

from applications.models import Application
from tests.factories import JOB_DESCRIPTION, ApplicationFactory, ResumeFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/applications"
SUMMARY_FIELDS = {
    "id",
    "name",
    "company_name",
    "role_title",
    "job_url",
    "location",
    "priority_level",
    "resume_id",
    "status",
    "research_completed",
    "resume_optimized",
    "cover_letter_generated",
    "stage",
    "applied_at",
    "created_at",
    "updated_at",
    # SPEC §10's job details
    "work_mode",
    "employment_type",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "posted_at",
    "deadline",
    "source",
    # SPEC §12's tracking fields
    "follow_up_at",
    "archived",
    # SPEC §11's match report figure (null until there is one)
    "match_score",
}
FULL_FIELDS = SUMMARY_FIELDS | {"job_description", "additional_context", "notes", "timeline"}


def body(**overrides):
    data = {
        "company_name": "Google",
        "role_title": "Senior Developer",
        "job_description": JOB_DESCRIPTION,
        "job_url": "https://careers.google.com/jobs/123",
        "location": "Toronto, ON",
        "priority_level": "high",
        "additional_context": "Found through LinkedIn.",
    }
    data.update(overrides)
    return data


def detail(app) -> str:
    return f"{URL}/{app.pk}"


def assert_error(response, status, code):
    assert response.status_code == status, response.content
    payload = response.json()
    assert payload["error"]["code"] == code
    assert payload["path"] == response.wsgi_request.path
    return payload["error"]


class TestCreate:
    def test_it_creates_and_returns_the_full_object(self, alice_client, alice):
        response = alice_client.post(URL, body(), format="json")
        assert response.status_code == 201, response.content
        data = response.json()
        assert set(data) == FULL_FIELDS
        assert data["name"].startswith("google_senior_developer_")
        assert data["status"] == "draft"
        assert data["stage"] == "saved"
        assert data["priority_level"] == "high"
        assert (
            data["research_completed"] is data["resume_optimized"] is data["cover_letter_generated"] is False
        )
        assert data["timeline"] == [
            {"from_stage": None, "to_stage": "saved", "created_at": data["created_at"]}
        ]
        assert data["created_at"].endswith("Z")
        assert Application.objects.get(pk=data["id"]).user == alice

    def test_priority_defaults_to_medium(self, alice_client):
        data = body()
        del data["priority_level"]
        assert alice_client.post(URL, data, format="json").json()["priority_level"] == "medium"

    def test_read_only_fields_are_ignored(self, alice_client, alice, charlie):
        response = alice_client.post(
            URL,
            body(
                id=str(uuid.uuid4()),
                name="my_name",
                status="cover_letter_complete",
                research_completed=True,
                resume_optimized=True,
                cover_letter_generated=True,
                created_at="2020-01-01T00:00:00Z",
                user=str(charlie.pk),
                user_id=str(charlie.pk),
            ),
            format="json",
        )
        assert response.status_code == 201
        data = response.json()
        assert data["name"].startswith("google_")
        assert data["status"] == "draft"
        assert data["research_completed"] is False
        assert not data["created_at"].startswith("2020")
        app = Application.objects.get(pk=data["id"])
        assert app.user == alice

    def test_missing_fields_are_named(self, alice_client):
        error = assert_error(alice_client.post(URL, {}, format="json"), 400, "VALIDATION_ERROR")
        assert error["details"] == {
            "company_name": ["This field is required."],
            "role_title": ["This field is required."],
            "job_description": ["This field is required."],
        }

    @pytest.mark.parametrize(
        ("field", "good", "bad"),
        [
            ("company_name", "G", ""),
            ("company_name", "x" * 255, "x" * 256),
            ("role_title", "R", ""),
            ("role_title", "x" * 255, "x" * 256),
            ("job_description", "x" * 50, "x" * 49),
            ("job_description", "x" * 20000, "x" * 20001),
            ("location", "x" * 255, "x" * 256),
            ("additional_context", "x" * 5000, "x" * 5001),
            ("notes", "x" * 10000, "x" * 10001),
            ("job_url", "http://example.com/job", "ftp://example.com/job"),
            ("job_url", "https://example.com/job", "not a url"),
            ("priority_level", "low", "urgent"),
            ("stage", "offer", "hired"),
        ],
    )
    def test_each_bound_holds_on_both_sides(self, alice_client, field, good, bad):
        ok = alice_client.post(URL, body(**{field: good}), format="json")
        assert ok.status_code == 201, ok.content
        assert ok.json()[field] == good
        error = assert_error(
            alice_client.post(URL, body(**{field: bad}), format="json"), 400, "VALIDATION_ERROR"
        )
        assert list(error["details"]) == [field]
        assert Application.objects.count() == 1

    def test_optional_fields_accept_null(self, alice_client):
        response = alice_client.post(
            URL, body(job_url=None, location=None, additional_context=None), format="json"
        )
        assert response.status_code == 201
        assert (response.json()["job_url"], response.json()["location"]) == ("", "")

    def test_malformed_json_is_a_400(self, alice_client):
        response = alice_client.post(URL, data='{"company_name": ', content_type="application/json")
        assert_error(response, 400, "VALIDATION_ERROR")

    def test_resume_id_must_be_the_users_own(self, alice_client, alice, charlie):
        own = ResumeFactory(user=alice)
        foreign = ResumeFactory(user=charlie)
        assert alice_client.post(URL, body(resume_id=str(own.pk)), format="json").json()["resume_id"] == str(
            own.pk
        )
        error = assert_error(
            alice_client.post(URL, body(resume_id=str(foreign.pk)), format="json"), 400, "VALIDATION_ERROR"
        )
        assert error["details"] == {"resume_id": ["Resume not found."]}
        error = assert_error(
            alice_client.post(URL, body(resume_id="nope"), format="json"), 400, "VALIDATION_ERROR"
        )
        assert list(error["details"]) == ["resume_id"]

    def test_starting_at_applied_sets_applied_at(self, alice_client):
        data = alice_client.post(URL, body(stage="applied"), format="json").json()
        assert data["stage"] == "applied"
        assert data["applied_at"] is not None

    def test_it_needs_a_token(self, api_client):
        assert_error(api_client.post(URL, body(), format="json"), 401, "AUTHENTICATION_ERROR")
        assert_error(api_client.get(URL), 401, "AUTHENTICATION_ERROR")


class TestList:
    def test_it_lists_summaries_newest_first_with_the_envelope(self, alice_client, alice, charlie):
        apps = [ApplicationFactory(user=alice, company_name=f"Company {n}") for n in range(3)]
        ApplicationFactory(user=charlie)
        data = alice_client.get(URL).json()
        assert set(data) == {"applications", "total", "limit", "offset", "next", "previous"}
        assert (data["total"], data["limit"], data["offset"]) == (3, 50, 0)
        assert (data["next"], data["previous"]) == (None, None)  # one page: no links
        assert [item["id"] for item in data["applications"]] == [str(app.pk) for app in reversed(apps)]
        assert set(data["applications"][0]) == SUMMARY_FIELDS

    def test_it_pages_with_limit_and_offset(self, alice_client, alice):
        apps = [ApplicationFactory(user=alice) for _ in range(5)]
        data = alice_client.get(URL, {"limit": 2, "offset": 1}).json()
        assert (data["total"], data["limit"], data["offset"]) == (5, 2, 1)
        assert [item["id"] for item in data["applications"]] == [str(apps[3].pk), str(apps[2].pk)]
        assert alice_client.get(URL, {"limit": 500}).json()["limit"] == 100
        assert alice_client.get(URL, {"offset": 10}).json()["applications"] == []
        assert_error(alice_client.get(URL, {"limit": "x"}), 400, "VALIDATION_ERROR")
        assert_error(alice_client.get(URL, {"offset": -1}), 400, "VALIDATION_ERROR")

    def test_it_filters_by_status_priority_stage_and_q(self, alice_client, alice):
        google = ApplicationFactory(
            user=alice, company_name="Google", role_title="SRE", priority_level="high"
        )
        acme = ApplicationFactory(user=alice, company_name="Acme", role_title="Backend Engineer")
        Application.objects.filter(pk=acme.pk).update(status="research_complete", stage="applied")

        def ids(**params):
            return [item["id"] for item in alice_client.get(URL, params).json()["applications"]]

        assert ids(status="research_complete") == [str(acme.pk)]
        assert ids(status="draft") == [str(google.pk)]
        assert ids(priority="high") == [str(google.pk)]
        assert ids(stage="applied") == [str(acme.pk)]
        assert ids(q="gOOg") == [str(google.pk)]
        assert ids(q="backend engineer", stage="applied") == [str(acme.pk)]
        assert ids(q="  acme ", stage="applied", status="research_complete") == [str(acme.pk)]
        assert ids(q="nothing") == []
        assert ids(status="", stage="") == [str(acme.pk), str(google.pk)]

    @pytest.mark.parametrize(
        ("param", "value"),
        [
            ("status", "done"),
            ("priority", "urgent"),
            ("stage", "hired"),
            ("q", "x" * 256),
            ("work_mode", "office"),
            ("employment_type", "gig"),
            ("ordering", "name"),
        ],
    )
    def test_an_invalid_filter_is_a_400(self, alice_client, alice, param, value):
        error = assert_error(alice_client.get(URL, {param: value}), 400, "VALIDATION_ERROR")
        assert list(error["details"]) == [param]

    def test_it_runs_the_same_queries_for_1_and_50_rows(self, alice_client, alice, django_assert_num_queries):
        resume = ResumeFactory(user=alice)
        ApplicationFactory(user=alice, resume_id=resume.pk)
        # 1: the token's user, 2: the first page's rows with the count as a subquery.
        with django_assert_num_queries(2):
            assert alice_client.get(URL).json()["total"] == 1
        for _ in range(50):
            ApplicationFactory(user=alice, resume_id=resume.pk)
        with django_assert_num_queries(2):
            body = alice_client.get(URL).json()
        assert (len(body["applications"]), body["total"]) == (50, 51)
        # Past the first page: the page's ids from the sort's index with the count, their rows.
        with django_assert_num_queries(3):
            assert len(alice_client.get(URL, {"offset": 1}).json()["applications"]) == 50


class TestDetail:
    def test_it_returns_the_full_object_with_the_timeline(self, alice_client, alice):
        app = ApplicationFactory(user=alice)
        data = alice_client.get(detail(app)).json()
        assert set(data) == FULL_FIELDS
        assert data["job_description"] == JOB_DESCRIPTION.strip()
        assert [event["to_stage"] for event in data["timeline"]] == ["saved"]

    def test_detail_runs_a_fixed_number_of_queries(self, alice_client, alice, django_assert_num_queries):
        app = ApplicationFactory(user=alice)
        # The token's user, the application, its timeline.
        with django_assert_num_queries(3):
            alice_client.get(detail(app))

    def test_an_id_in_upper_case_names_the_same_application(self, alice_client, alice):
        app = ApplicationFactory(user=alice)
        response = alice_client.patch(f"{URL}/{str(app.pk).upper()}", {"notes": "Called back"}, format="json")
        assert response.status_code == 200
        assert response.json()["id"] == str(app.pk)
        app.refresh_from_db()
        assert app.notes == "Called back"

    def test_an_unknown_id_is_a_404(self, alice_client):
        assert_error(alice_client.get(f"{URL}/{uuid.uuid4()}"), 404, "NOT_FOUND")
        assert_error(alice_client.get(f"{URL}/not-a-uuid"), 404, "NOT_FOUND")


class TestUpdate:
    @pytest.mark.parametrize("method", ["put", "patch"])
    def test_both_methods_accept_partial_bodies(self, alice_client, alice, method):
        app = ApplicationFactory(user=alice)
        response = getattr(alice_client, method)(
            detail(app), {"location": "Toronto, ON, Canada"}, format="json"
        )
        assert response.status_code == 200, response.content
        data = response.json()
        assert data["location"] == "Toronto, ON, Canada"
        assert data["company_name"] == "Acme Robotics"
        assert data["job_description"] == JOB_DESCRIPTION.strip()
        app.refresh_from_db()
        assert app.location == "Toronto, ON, Canada"

    @pytest.mark.parametrize("method", ["put", "patch"])
    def test_stage_changes_go_on_the_timeline(self, alice_client, alice, method):
        app = ApplicationFactory(user=alice)
        data = getattr(alice_client, method)(detail(app), {"stage": "applied"}, format="json").json()
        assert data["stage"] == "applied"
        assert data["applied_at"] is not None
        assert [(e["from_stage"], e["to_stage"]) for e in data["timeline"]] == [
            (None, "saved"),
            ("saved", "applied"),
        ]

    def test_read_only_fields_are_ignored(self, alice_client, alice, charlie):
        app = ApplicationFactory(user=alice)
        response = alice_client.patch(
            detail(app),
            {
                "name": "renamed",
                "status": "resume_complete",
                "resume_optimized": True,
                "user": str(charlie.pk),
            },
            format="json",
        )
        assert response.status_code == 200
        app.refresh_from_db()
        assert (app.name, app.status, app.resume_optimized, app.user) == (
            response.json()["name"],
            "draft",
            False,
            alice,
        )
        assert app.name.startswith("acme_robotics_")

    @pytest.mark.parametrize(
        ("field", "bad"),
        [
            ("company_name", ""),
            ("role_title", "x" * 256),
            ("job_description", "too short"),
            ("job_url", "mailto:jobs@example.com"),
            ("priority_level", "urgent"),
            ("stage", "hired"),
            ("additional_context", "x" * 5001),
        ],
    )
    def test_invalid_values_are_refused_and_nothing_changes(self, alice_client, alice, field, bad):
        app = ApplicationFactory(user=alice)
        error = assert_error(
            alice_client.patch(detail(app), {field: bad, "notes": "changed"}, format="json"),
            400,
            "VALIDATION_ERROR",
        )
        assert list(error["details"]) == [field]
        app.refresh_from_db()
        assert app.notes == ""

    def test_resume_id_of_another_user_is_a_400_on_that_field(self, alice_client, alice, charlie):
        app = ApplicationFactory(user=alice)
        foreign = ResumeFactory(user=charlie)
        error = assert_error(
            alice_client.put(detail(app), {"resume_id": str(foreign.pk)}, format="json"),
            400,
            "VALIDATION_ERROR",
        )
        assert error["details"] == {"resume_id": ["Resume not found."]}
        own = ResumeFactory(user=alice)
        assert alice_client.put(detail(app), {"resume_id": str(own.pk)}, format="json").json()[
            "resume_id"
        ] == str(own.pk)
        assert alice_client.put(detail(app), {"resume_id": None}, format="json").json()["resume_id"] is None

    def test_updated_at_moves(self, alice_client, alice):
        app = ApplicationFactory(user=alice)
        Application.objects.filter(pk=app.pk).update(updated_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
        data = alice_client.patch(detail(app), {"notes": "Called the recruiter."}, format="json").json()
        assert data["notes"] == "Called the recruiter."
        assert not data["updated_at"].startswith("2020")


class TestDelete:
    def test_it_deletes_with_204(self, alice_client, alice):
        app = ApplicationFactory(user=alice)
        response = alice_client.delete(detail(app))
        assert response.status_code == 204
        assert not Application.objects.filter(pk=app.pk).exists()
        assert_error(alice_client.get(detail(app)), 404, "NOT_FOUND")

    def test_a_collection_delete_is_a_405(self, alice_client):
        assert_error(alice_client.delete(URL), 405, "METHOD_NOT_ALLOWED")
