"""Download all my data: one JSON file with everything of the user's (SPEC §12, §14),
the applications as CSV, from the API and the account page; never another user's."""

import csv
import io
import json

import pytest

from applications.models import Application, StageEvent
from processing.models import PhaseRun
from tests.conftest import client_for
from tests.factories import ApplicationFactory, ResumeFactory, document_write
from tests.pages import login_client, messages_of

EXPORT = "/api/v1/applications/export"

pytestmark = pytest.mark.django_db


def body_of(response) -> bytes:
    """A download's bytes (exports are streamed)."""
    return b"".join(response.streaming_content)


def give_data(user, company="Acme Robotics"):
    primary = not user.resumes.exists()  # one primary resume per user
    resume = ResumeFactory(user=user, is_primary=primary, name=f"{company} resume")
    application = ApplicationFactory(user=user, company_name=company, notes=f"{company} notes")
    Application.objects.filter(pk=application.pk).update(resume=resume)
    application.refresh_from_db()
    document_write(application, "research_report", "# Report\n\nFirst.")
    document_write(application, "research_report", "# Report\n\nSecond.")
    StageEvent.objects.create(application=application, from_stage="saved", to_stage="applied")
    PhaseRun.objects.create(
        application=application, phase="research", status="completed", provider="offline", input_tokens=12
    )
    return application


class TestJson:
    def test_it_holds_everything_of_the_user(self, alice):
        application = give_data(alice)
        response = client_for(alice).get(EXPORT, {"format": "json"})
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert response["Cache-Control"] == "private, no-store"
        assert response["Content-Disposition"].startswith('attachment; filename="job-forge-data-')
        data = json.loads(body_of(response))
        assert set(data) == {"exported_at", "user", "applications", "resumes", "tasks"}
        assert data["user"]["email"] == "alice@example.com"
        [exported] = data["applications"]
        assert exported["id"] == str(application.pk)
        assert exported["company_name"] == "Acme Robotics"
        assert exported["notes"] == "Acme Robotics notes"
        assert exported["resume"] == str(application.resume_id)
        assert [event["to_stage"] for event in exported["timeline"]][-1] == "applied"
        [document] = exported["documents"]
        assert document["document_type"] == "research_report"
        assert document["content"] == "# Report\n\nSecond."
        assert [version["number"] for version in document["versions"]] == [1, 2]
        assert [version["content"] for version in document["versions"]] == [
            "# Report\n\nFirst.",
            "# Report\n\nSecond.",
        ]
        [run] = exported["runs"]
        assert (run["phase"], run["status"], run["input_tokens"]) == ("research", "completed", 12)
        assert "rq_job_id" not in run
        [resume] = data["resumes"]
        assert resume["name"] == "Acme Robotics resume"
        assert "user" not in exported and "user" not in resume

    def test_json_is_the_default_format(self, alice):
        response = client_for(alice).get(EXPORT)
        assert response.status_code == 200
        assert json.loads(body_of(response))["applications"] == []

    def test_it_holds_nothing_of_another_user(self, alice, charlie):
        give_data(alice)
        give_data(charlie, company="Charlie Corp")
        body = body_of(client_for(alice).get(EXPORT)).decode()
        assert "Charlie" not in body
        assert "charlie@example.com" not in body

    def test_its_query_count_does_not_grow_with_the_data(self, alice, django_assert_num_queries):
        give_data(alice)
        client = client_for(alice)
        # 1 the user (token), 2 the applications' ids, then 3 applications, 4 stage events,
        # 5 documents, 6 versions, 7 runs, 8 contacts, 9 interviews (one round per 200
        # applications), 10 resumes, 11 tasks.
        with django_assert_num_queries(11):
            body_of(client.get(EXPORT))
        give_data(alice, company="Second Co")
        give_data(alice, company="Third Co")
        with django_assert_num_queries(11):
            data = json.loads(body_of(client.get(EXPORT)))
        assert len(data["applications"]) == 3

    def test_an_unknown_format_is_a_400(self, alice):
        response = client_for(alice).get(EXPORT, {"format": "xml"})
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "VALIDATION_ERROR"
        assert "format" in response.json()["error"]["details"]

    def test_it_is_throttled(self, alice, settings):
        settings.JOBFORGE_THROTTLE_EXPORT = "1/min"
        client = client_for(alice)
        assert client.get(EXPORT).status_code == 200
        response = client.get(EXPORT)
        assert response.status_code == 429
        assert response.json()["error"]["code"] == "RATE_LIMITED"

    def test_it_needs_authentication(self, api_client, alice):
        give_data(alice)
        response = api_client.get(EXPORT)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "AUTHENTICATION_ERROR"


class TestCsv:
    def test_one_row_per_application_with_formulas_neutralised(self, alice):
        give_data(alice, company="=HYPERLINK(1)")
        give_data(alice, company="Plain Co")
        response = client_for(alice).get(EXPORT, {"format": "csv"})
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"].endswith('.csv"')
        rows = list(csv.DictReader(io.StringIO(body_of(response).decode("utf-8-sig"))))
        assert sorted(row["company_name"] for row in rows) == ["'=HYPERLINK(1)", "Plain Co"]
        assert {"id", "role_title", "stage", "notes", "applied_at"} <= set(rows[0])
        assert "documents" not in rows[0]


class TestAccountPage:
    def test_the_account_page_offers_the_download(self, alice):
        assert 'href="/account/export/"' in login_client(alice).get("/account/").content.decode()

    def test_it_downloads_the_json(self, alice):
        give_data(alice)
        response = login_client(alice).get("/account/export/")
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["Cache-Control"] == "private, no-store"
        assert json.loads(body_of(response))["applications"][0]["company_name"] == "Acme Robotics"

    def test_a_throttled_download_says_so_on_the_account_page(self, alice, settings):
        settings.JOBFORGE_THROTTLE_EXPORT = "1/min"
        web = login_client(alice)
        web.get("/account/export/")
        response = web.get("/account/export/", follow=True)
        assert response.redirect_chain == [("/account/", 302)]
        assert messages_of(response)[0].startswith("Too many requests.")

    def test_anonymous_is_sent_to_log_in(self, client):
        response = client.get("/account/export/")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
