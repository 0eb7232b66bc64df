"""GET /api/v1/applications/export (SPEC §12): the CSV has every field, one row per
application, formulas neutralised; the JSON holds the contacts, interviews and tasks too;
both are streamed in a number of queries that does not grow with the account."""

import csv
import datetime as dt
import io
import json

import pytest

from applications.models import Application
from jobforge.account_data import ApplicationRowExport
from tests.factories import ApplicationFactory, document_write
from tracking.models import Contact, Interview, Task

pytestmark = pytest.mark.django_db

EXPORT = "/api/v1/applications/export"


def _rows(response) -> list[dict]:
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")  # spreadsheets read the file as UTF-8
    return list(csv.DictReader(io.StringIO(text[1:])))


class TestCsv:
    def test_every_field_of_every_application(self, alice_client, alice):
        application = ApplicationFactory(
            user=alice,
            company_name="Acme",
            salary_min=100,
            salary_max=200,
            salary_currency="EUR",
            deadline="2026-01-31",
            notes="line one\nline, two",
        )
        Application.objects.filter(pk=application.pk).update(archived=True, match_score=77)
        ApplicationFactory(user=alice, company_name="Second")
        response = alice_client.get(EXPORT, {"format": "csv"})
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith('attachment; filename="job-forge-applications-')
        rows = _rows(response)
        assert [row["company_name"] for row in rows] == ["Acme", "Second"]
        expected = {field.name for field in Application._meta.concrete_fields} - {"user", "resume"} | {
            "resume"
        }
        assert set(rows[0]) == expected
        first = rows[0]
        assert first["id"] == str(application.pk)
        assert (first["salary_min"], first["salary_currency"], first["deadline"]) == (
            "100",
            "EUR",
            "2026-01-31",
        )
        assert (first["archived"], first["match_score"]) == ("True", "77")
        assert first["notes"] == "line one\nline, two"
        assert first["job_description"] == application.job_description
        assert first["created_at"].endswith("Z")

    @pytest.mark.parametrize(
        "value",
        ['=HYPERLINK("http://evil.example","x")', "+1 555", "-2", "@SUM(A1)", "\tTab", "\rCR"],
    )
    def test_formula_cells_are_neutralised(self, alice_client, alice, value):
        application = ApplicationFactory(user=alice)
        Application.objects.filter(pk=application.pk).update(notes=value)  # as stored, untrimmed
        [row] = _rows(alice_client.get(EXPORT, {"format": "csv"}))
        assert row["notes"] == "'" + value
        assert row["notes"][0] == "'"

    def test_only_the_users_own(self, alice_client, alice, charlie):
        ApplicationFactory(user=alice, company_name="Mine")
        ApplicationFactory(user=charlie, company_name="Theirs")
        assert [row["company_name"] for row in _rows(alice_client.get(EXPORT, {"format": "csv"}))] == ["Mine"]

    def test_its_query_count_does_not_grow(self, alice_client, alice, django_assert_num_queries):
        ApplicationFactory(user=alice, company_name="One")
        # 1 the user (token), 2 the applications.
        with django_assert_num_queries(2):
            assert len(_rows(alice_client.get(EXPORT, {"format": "csv"}))) == 1
        for n in range(5):
            ApplicationFactory(user=alice, company_name=f"More {n}")
        with django_assert_num_queries(2):
            assert len(_rows(alice_client.get(EXPORT, {"format": "csv"}))) == 6

    def test_the_columns_are_the_exports_one_declaration(self):
        assert "user" not in ApplicationRowExport().fields
        assert {"archived", "follow_up_at", "match_score"} <= set(ApplicationRowExport().fields)


class TestJson:
    def test_it_holds_contacts_interviews_and_tasks(self, alice_client, alice):
        application = ApplicationFactory(user=alice)
        Contact.objects.create(application=application, name="Sam Recruiter", email="sam@acme.example")
        Interview.objects.create(
            application=application, kind="technical", scheduled_at=dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC)
        )
        Task.objects.create(user=alice, application=application, title="Send thanks")
        Task.objects.create(user=alice, title="Update portfolio")
        response = alice_client.get(EXPORT, {"format": "json"})
        assert response.streaming
        data = json.loads(b"".join(response.streaming_content))
        [exported] = data["applications"]
        assert [contact["name"] for contact in exported["contacts"]] == ["Sam Recruiter"]
        assert exported["interviews"][0]["kind"] == "technical"
        assert exported["interviews"][0]["scheduled_at"] == "2026-01-05T10:00:00Z"
        tasks = {task["title"]: task["application_id"] for task in data["tasks"]}
        assert tasks == {"Send thanks": str(application.pk), "Update portfolio": None}

    def test_a_large_account_is_written_in_parts_of_a_fixed_cost(
        self, alice_client, alice, django_assert_num_queries, monkeypatch
    ):
        from jobforge import account_data

        monkeypatch.setattr(account_data, "EXPORT_CHUNK", 2)
        for n in range(5):
            document_write(ApplicationFactory(user=alice, company_name=f"Co {n}"))
        # 1 the user, 2 the ids, 3 parts of 2 applications × 7 queries, resumes, tasks.
        with django_assert_num_queries(2 + 3 * 7 + 2):
            data = json.loads(b"".join(alice_client.get(EXPORT).streaming_content))
        assert [a["company_name"] for a in data["applications"]] == [f"Co {n}" for n in range(5)]

    def test_nothing_of_another_user(self, alice_client, alice, charlie):
        theirs = ApplicationFactory(user=charlie, company_name="Charlie Corp")
        Contact.objects.create(application=theirs, name="Their contact")
        Task.objects.create(user=charlie, title="Their task")
        text = b"".join(alice_client.get(EXPORT).streaming_content).decode()
        assert "Charlie" not in text and "Their" not in text


class TestListPage:
    def test_the_list_offers_both_downloads(self, alice_web, alice):
        ApplicationFactory(user=alice)
        page = alice_web.get("/applications/").content.decode()
        assert 'href="/applications/export/?format=csv"' in page
        assert 'href="/applications/export/?format=json"' in page

    def test_the_page_download_is_the_same_csv(self, alice_web, alice):
        ApplicationFactory(user=alice, company_name="=1+1")
        response = alice_web.get("/applications/export/", {"format": "csv"})
        assert response.status_code == 200
        [row] = _rows(response)
        assert row["company_name"] == "'=1+1"

    def test_an_unknown_format_on_the_page_is_a_400(self, alice_web):
        assert alice_web.get("/applications/export/", {"format": "xls"}).status_code == 400
