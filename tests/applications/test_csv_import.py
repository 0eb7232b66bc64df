"""POST /api/v1/applications/import-csv (SPEC §12): a spreadsheet's rows in, each one
created, skipped as already present or rejected with its reason; a dry run writes nothing."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from applications.models import Application, StageEvent
from applications.porting import csv_import
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

IMPORT = "/api/v1/applications/import-csv"
EXPORT = "/api/v1/applications/export"

TRACKER = """Company,Job Title,Status,Date Applied,URL,Location,Salary,Notes
Acme Robotics,Backend Engineer,Applied,03/25/2024,https://acme.example/jobs/1,Remote,"$120,000 - $150,000",Referred by Sam
Globex,Data Analyst,Interview,04/02/2024,,Berlin,,
Initech,Platform Engineer,Offer received,2024-04-10,www.initech.example/careers/7,,90000,
Umbrella,SRE,Ghosted,,,,,
Hooli,Product Manager,No response,05/01/2024,,,competitive,
"""


def upload(client, content: str | bytes, *, dry_run=None, name="applications.csv"):
    data = content.encode() if isinstance(content, str) else content
    body = {"file": SimpleUploadedFile(name, data, content_type="text/csv")}
    if dry_run is not None:
        body["dry_run"] = "true" if dry_run else "false"
    return client.post(IMPORT, body, format="multipart")


def _by_company(user) -> dict[str, Application]:
    return {application.company_name: application for application in Application.objects.filter(user=user)}


class TestTrackerFile:
    def test_it_creates_every_row_with_stages_dates_and_pay(self, alice_client, alice):
        response = upload(alice_client, TRACKER)
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["counts"] == {"created": 5, "skipped": 0, "rejected": 0}
        assert [row["row"] for row in body["created"]] == [2, 3, 4, 5, 6]
        assert all(row["id"] for row in body["created"])
        apps = _by_company(alice)
        acme = apps["Acme Robotics"]
        assert (acme.role_title, acme.stage, acme.location) == ("Backend Engineer", "applied", "Remote")
        assert acme.applied_at == dt.datetime(2024, 3, 25, tzinfo=dt.UTC)
        assert (acme.salary_min, acme.salary_max, acme.salary_currency) == (120000, 150000, "USD")
        assert acme.job_url == "https://acme.example/jobs/1"
        assert acme.notes == "Referred by Sam"
        assert acme.name.startswith("acme_robotics_backend_engineer_")
        assert apps["Globex"].stage == "interviewing"
        assert apps["Globex"].applied_at.date() == dt.date(2024, 4, 2)  # US: the file has 03/25
        assert apps["Initech"].stage == "offer"
        assert apps["Initech"].job_url == "https://www.initech.example/careers/7"
        assert (apps["Initech"].salary_min, apps["Initech"].salary_max) == (90000, 90000)
        assert (apps["Umbrella"].stage, apps["Umbrella"].applied_at) == ("rejected", None)
        assert apps["Hooli"].stage == "applied"
        assert apps["Hooli"].notes == "Salary: competitive"  # unreadable pay is kept, not lost
        # Each starts its timeline at the imported stage.
        assert list(StageEvent.objects.filter(application=acme).values_list("from_stage", "to_stage")) == [
            ("", "applied")
        ]
        assert body["columns"]["Job Title"] == "role_title"
        assert body["columns"]["Status"] == "stage"

    def test_a_dry_run_previews_the_same_and_writes_nothing(self, alice_client, alice):
        response = upload(alice_client, TRACKER, dry_run=True)
        assert response.status_code == 200
        body = response.json()
        assert body["dry_run"] is True
        assert body["counts"] == {"created": 5, "skipped": 0, "rejected": 0}
        assert body["created"][0] == {
            "row": 2,
            "company_name": "Acme Robotics",
            "role_title": "Backend Engineer",
            "stage": "applied",
            "applied_at": "2024-03-25",
        }
        assert Application.objects.count() == 0

    def test_importing_the_file_again_creates_nothing(self, alice_client, alice):
        upload(alice_client, TRACKER)
        body = upload(alice_client, TRACKER).json()
        assert body["counts"] == {"created": 0, "skipped": 5, "rejected": 0}
        assert body["skipped"][0]["reason"] == "Already in your applications (same job link)."
        assert (
            body["skipped"][1]["reason"]
            == "Already in your applications (same company, role and applied date)."
        )
        assert Application.objects.filter(user=alice).count() == 5

    def test_column_names_are_read_whatever_their_case_and_spacing(self, alice_client, alice):
        content = "  COMPANY , position,STAGE,date_applied\nAcme,Engineer,applied,2024-01-02\n"
        body = upload(alice_client, content).json()
        assert body["counts"]["created"] == 1
        application = Application.objects.get()
        assert (application.company_name, application.role_title, application.stage) == (
            "Acme",
            "Engineer",
            "applied",
        )

    def test_semicolons_and_unknown_columns(self, alice_client, alice):
        body = upload(alice_client, "Company;Title;Mood\nAcme;Engineer;happy\n").json()
        assert body["counts"]["created"] == 1
        assert body["ignored_columns"] == ["Mood"]
        assert Application.objects.get().stage == "saved"


class TestSkippedAndRejected:
    def test_duplicates_within_the_file_are_skipped(self, alice_client):
        content = (
            "Company,Title,Date Applied,Link\n"
            "Acme,Engineer,2024-01-02,\n"
            "ACME,  engineer,2024-01-02,\n"
            "Other,Role,,https://x.example/1\n"
            "Other 2,Role 2,,https://x.example/1/\n"
        )
        body = upload(alice_client, content).json()
        assert body["counts"] == {"created": 2, "skipped": 2, "rejected": 0}
        assert [(row["row"], row["reason"]) for row in body["skipped"]] == [
            (3, "Same company, role and applied date as row 2 of this file."),
            (5, "Same job link as row 4 of this file."),
        ]

    def test_rows_already_in_the_account_are_skipped(self, alice_client, alice):
        ApplicationFactory(
            user=alice, company_name="Acme", role_title="Engineer", job_url="https://a.example/j"
        )
        content = "Company,Title,URL\nSomeone,Else,https://a.example/j\nAcme,Engineer,\n"
        body = upload(alice_client, content).json()
        assert body["counts"] == {"created": 0, "skipped": 2, "rejected": 0}

    def test_another_users_rows_do_not_count_as_present(self, alice_client, charlie):
        ApplicationFactory(user=charlie, company_name="Acme", role_title="Engineer")
        body = upload(alice_client, "Company,Title\nAcme,Engineer\n").json()
        assert body["counts"]["created"] == 1

    def test_bad_rows_are_rejected_with_their_row_and_reason(self, alice_client):
        content = (
            "Company,Title,Status,Date Applied,URL\n"
            ",Engineer,,,\n"
            "Acme,,,,\n"
            "Acme,Engineer,Thinking about it,,\n"
            "Acme,Engineer,,yesterday,\n"
            "Acme,Engineer,,,ftp://acme.example/job\n"
            "Good,Row,,,\n"
        )
        body = upload(alice_client, content).json()
        assert body["counts"] == {"created": 1, "skipped": 0, "rejected": 5}
        reasons = {row["row"]: row["reason"] for row in body["rejected"]}
        assert reasons[2] == "No company name."
        assert reasons[3] == "No job title."
        assert reasons[4].startswith("Stage “Thinking about it” is not known: use one of Saved, Applied")
        assert reasons[5].startswith("Date applied “yesterday” is not a date")
        assert reasons[6] == "job url: Enter a valid http or https URL."
        assert Application.objects.get().company_name == "Good"


class TestStages:
    @pytest.mark.parametrize(
        ("status", "stage"),
        [
            ("Wishlist", "saved"),
            ("applied", "applied"),
            ("No response", "applied"),
            ("Phone Screen", "interviewing"),
            ("Interviewing", "interviewing"),
            ("Offer received", "offer"),
            ("Ghosted", "rejected"),
            ("Rejected", "rejected"),
            ("Withdrawn", "withdrawn"),
            ("Offer declined", "declined"),
        ],
    )
    def test_common_statuses_map_to_our_stages(self, alice_client, status, stage):
        body = upload(alice_client, f"Company,Title,Status\nAcme,Engineer,{status}\n").json()
        assert body["counts"]["created"] == 1, body
        assert Application.objects.get().stage == stage


class TestDates:
    def _applied(self, client, *dates: str) -> list:
        rows = "".join(f"Co {n},Role,{date}\n" for n, date in enumerate(dates))
        body = upload(client, "Company,Title,Date Applied\n" + rows).json()
        by_row = {row["row"]: row for row in body["created"] + body["rejected"]}
        return [
            by_row[n + 2].get("applied_at") or by_row[n + 2].get("reason") for n in range(len(dates))
        ], body

    def test_iso_and_month_names(self, alice_client):
        found, _ = self._applied(
            alice_client, "2024-03-05", "2024-03-05T10:00:00Z", '"Mar 5, 2024"', "5 March 2024"
        )
        assert found == ["2024-03-05"] * 4

    def test_a_day_over_12_makes_the_file_european(self, alice_client):
        found, body = self._applied(alice_client, "25/03/2024", "03/04/2024")
        assert found == ["2024-03-25", "2024-04-03"]
        assert body["warnings"] == []

    def test_a_second_number_over_12_makes_the_file_us(self, alice_client):
        found, _ = self._applied(alice_client, "03/25/2024", "03/04/2024")
        assert found == ["2024-03-25", "2024-03-04"]

    def test_an_all_ambiguous_file_is_read_as_us_and_says_so(self, alice_client):
        found, body = self._applied(alice_client, "03/04/2024")
        assert found == ["2024-03-04"]
        assert "month/day/year (US)" in body["warnings"][0]

    def test_dots_are_read_day_first(self, alice_client):
        found, _ = self._applied(alice_client, "03.04.2024")
        assert found == ["2024-04-03"]

    def test_a_file_writing_both_orders_rejects_its_ambiguous_dates(self, alice_client):
        found, body = self._applied(alice_client, "25/03/2024", "03/25/2024", "03/04/2024")
        assert found[:2] == ["2024-03-25", "2024-03-25"]
        assert "could be day or month first" in found[2]
        assert body["warnings"]

    def test_an_impossible_date_is_rejected(self, alice_client):
        found, _ = self._applied(alice_client, "02/30/2024")
        assert found[0].startswith("Date applied “02/30/2024” is not a date")


class TestEncodings:
    def test_utf8_with_a_bom(self, alice_client):
        body = upload(alice_client, "\ufeffCompany,Title\nZürich Labs,Ingénieur\n".encode()).json()
        assert body["counts"]["created"] == 1
        assert Application.objects.get().company_name == "Zürich Labs"

    def test_windows_1252(self, alice_client):
        body = upload(alice_client, "Company,Title\nCafé Olé,Barista – lead\n".encode("cp1252")).json()
        assert body["counts"]["created"] == 1
        assert Application.objects.get().role_title == "Barista – lead"

    def test_utf16_from_a_spreadsheet(self, alice_client):
        body = upload(alice_client, "Company\tTitle\nAcme\tEngineer\n".encode("utf-16")).json()
        assert body["counts"]["created"] == 1


class TestFileErrors:
    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (b"", "The submitted file is empty."),
            (b"\n\n", "The file is empty."),
            (b"Name,Colour\nA,B\n", "The file has no Company and no Job Title (or Title, Position) column"),
            (b"Company,Notes\nA,B\n", "The file has no Job Title"),
            (b"\x00\x01\x02\xff\xfe\x00binary", "not a CSV text file"),
        ],
    )
    def test_an_unreadable_file_is_a_400_that_changes_nothing(self, alice_client, content, message):
        response = upload(alice_client, content)
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["code"] == "VALIDATION_ERROR"
        assert message in error["details"]["file"][0]
        assert Application.objects.count() == 0

    def test_no_file_is_a_400(self, alice_client):
        response = alice_client.post(IMPORT, {}, format="multipart")
        assert response.status_code == 400
        assert "file" in response.json()["error"]["details"]

    def test_too_many_rows_is_a_400(self, alice_client, monkeypatch):
        monkeypatch.setattr(csv_import, "CSV_MAX_ROWS", 3)
        response = upload(alice_client, "Company,Title\n" + "A,B\n" * 4)
        assert response.status_code == 400
        assert "more than 3 rows" in response.json()["error"]["details"]["file"][0]
        assert Application.objects.count() == 0

    def test_too_large_a_file_is_a_400(self, alice_client, monkeypatch):
        monkeypatch.setattr(csv_import, "CSV_MAX_BYTES", 100)
        response = upload(alice_client, "Company,Title\n" + "Acme,Engineer\n" * 20)
        assert response.status_code == 400
        assert "larger than" in response.json()["error"]["details"]["file"][0]

    def test_it_is_rate_limited(self, alice_client, settings):
        settings.JOBFORGE_THROTTLE_UPLOAD = "1/min"
        assert upload(alice_client, "Company,Title\nA,B\n", dry_run=True).status_code == 200
        response = upload(alice_client, "Company,Title\nA,B\n", dry_run=True)
        assert response.status_code == 429
        assert response.json()["error"]["code"] == "RATE_LIMITED"

    def test_it_needs_authentication(self, api_client):
        assert upload(api_client, TRACKER).status_code == 401


class TestRoundTrip:
    def test_reimporting_our_csv_export_creates_nothing(self, alice_client, alice):
        ApplicationFactory(user=alice, company_name="=HYPERLINK(1)", job_url="https://a.example/1")
        ApplicationFactory(user=alice, company_name="Plain Co", stage="applied")
        ApplicationFactory(user=alice, company_name="Saved Co", notes='multi\nline, "quoted" notes')
        exported = b"".join(alice_client.get(EXPORT, {"format": "csv"}).streaming_content)
        body = upload(alice_client, exported).json()
        assert body["counts"] == {"created": 0, "skipped": 3, "rejected": 0}, body
        assert Application.objects.count() == 3

    def test_our_export_imports_into_another_account_with_its_fields(
        self, alice_client, charlie_client, alice
    ):
        ApplicationFactory(
            user=alice,
            company_name="=HYPERLINK(1)",
            stage="applied",
            salary_min=100,
            salary_max=200,
            salary_currency="EUR",
            salary_period="hour",
            work_mode="remote",
            deadline="2026-01-31",
            notes="multi\nline",
        )
        exported = b"".join(alice_client.get(EXPORT, {"format": "csv"}).streaming_content)
        body = upload(charlie_client, exported).json()
        assert body["counts"]["created"] == 1, body
        copy = Application.objects.exclude(user=alice).get()
        original = Application.objects.get(user=alice)
        for field in ("company_name", "role_title", "stage", "salary_min", "salary_max"):
            assert getattr(copy, field) == getattr(original, field), field
        # Timestamps travel to the second (the API's format).
        assert copy.applied_at == original.applied_at.replace(microsecond=0)
        assert (copy.salary_currency, copy.salary_period, copy.work_mode) == ("EUR", "hour", "remote")
        assert copy.deadline == dt.date(2026, 1, 31)
        assert copy.notes == "multi\nline"
        assert copy.job_description == original.job_description
        assert copy.pk != original.pk


def test_its_query_count_does_not_grow_with_the_rows(alice_client, alice, django_assert_max_num_queries):
    def rows(n, prefix):
        return "Company,Title\n" + "".join(f"{prefix} {i},Role\n" for i in range(n))

    # The user (token), savepoint, lock, the account's applications, today's names,
    # the applications and their timeline entries (one INSERT each per batch: 500 rows on
    # PostgreSQL, fewer under SQLite's limit of parameters), release.
    with django_assert_max_num_queries(8):
        upload(alice_client, rows(3, "Few"))
    with django_assert_max_num_queries(8):
        upload(alice_client, rows(20, "Many"))
    assert Application.objects.count() == 23
