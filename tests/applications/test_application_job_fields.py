"""The posting's structured details on an application (SPEC §10): work mode, employment
type, pay, dates and source, through the API (the UI and admin share the service)."""

import datetime as dt

import pytest

from applications.capture import extract
from applications.models import Application
from tests.factories import JOB_DESCRIPTION, ApplicationFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/applications"
DETAILS = {
    "work_mode": "hybrid",
    "employment_type": "contract",
    "salary_min": 90000,
    "salary_max": 110000,
    "salary_currency": "eur",
    "salary_period": "year",
    "posted_at": "2025-06-01",
    "deadline": "2025-07-15",
    "source": "jobs.example.com",
}


def create(client, **fields):
    body = {"company_name": "Globex", "role_title": "Analyst", "job_description": JOB_DESCRIPTION, **fields}
    return client.post(URL, body, format="json")


def test_it_stores_and_returns_the_details(alice_client, alice):
    response = create(alice_client, **DETAILS)
    assert response.status_code == 201, response.content
    body = response.json()
    assert {field: body[field] for field in DETAILS} == {**DETAILS, "salary_currency": "EUR"}
    application = Application.objects.get(user=alice)
    assert (application.deadline, application.salary_currency) == (dt.date(2025, 7, 15), "EUR")
    assert application.pay_display == "EUR 90,000–110,000 per year"
    listed = alice_client.get(URL).json()["applications"][0]
    assert listed["salary_max"] == 110000 and listed["deadline"] == "2025-07-15"


def test_unknown_details_read_as_null(alice_client):
    body = create(alice_client).json()
    assert {field: body[field] for field in DETAILS} == {
        "work_mode": None,
        "employment_type": None,
        "salary_min": None,
        "salary_max": None,
        "salary_currency": "",
        "salary_period": None,
        "posted_at": None,
        "deadline": None,
        "source": "",
    }


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("work_mode", "remote-ish"),
        ("employment_type", "gig"),
        ("salary_min", -1),
        ("salary_min", "lots"),
        ("salary_max", Application.SALARY_LIMIT + 1),
        ("salary_currency", "US"),
        ("salary_currency", "U$D"),
        ("salary_period", "fortnight"),
        ("posted_at", "yesterday"),
        ("deadline", "2025-02-30"),
        ("source", "x" * 256),
    ],
)
def test_it_refuses_bad_details_and_saves_nothing(alice_client, alice, field, value):
    response = create(alice_client, **{field: value})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "VALIDATION_ERROR"
    assert field in response.json()["error"]["details"]
    assert not Application.objects.filter(user=alice).exists()


def test_a_pay_range_runs_from_low_to_high(alice_client, alice):
    response = create(alice_client, salary_min=120000, salary_max=100000)
    assert response.json()["error"]["details"] == {
        "salary_max": ["The highest pay must not be below the lowest."]
    }
    application = ApplicationFactory(user=alice, salary_min=100000, salary_max=120000)
    # A partial update is checked against the end it leaves as it is.
    patched = alice_client.patch(f"{URL}/{application.pk}", {"salary_min": 130000}, format="json")
    assert patched.status_code == 400
    application.refresh_from_db()
    assert application.salary_min == 100000


def test_null_or_blank_clears_a_detail(alice_client, alice):
    application = ApplicationFactory(
        user=alice, work_mode="remote", salary_min=10, deadline=dt.date(2025, 1, 2)
    )
    response = alice_client.patch(
        f"{URL}/{application.pk}", {"work_mode": "", "salary_min": None, "deadline": None}, format="json"
    )
    assert response.status_code == 200, response.content
    application.refresh_from_db()
    assert (application.work_mode, application.salary_min, application.deadline) == ("", None, None)


def test_a_posting_of_20000_characters_is_taken_whole(alice_client, alice):
    text = ("Responsibilities include careful work. " * 600)[:20000]
    assert create(alice_client, job_description=text).status_code == 201
    assert Application.objects.get(user=alice).job_description == text.strip()
    error = create(alice_client, job_description=text + "x").json()["error"]
    assert error["details"]["job_description"] == ["Ensure this field has no more than 20000 characters."]


def test_the_importer_speaks_the_models_vocabulary():
    assert tuple(Application.WorkMode.values) == extract.WORK_MODES
    assert tuple(Application.EmploymentType.values) == extract.EMPLOYMENT_TYPES
    assert tuple(Application.SalaryPeriod.values) == extract.SALARY_PERIODS
