"""The application list's sort orders, job-detail filters and search over location and
posting text (SPEC §10), in the API and the page alike, with fixed query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from applications.models import Application
from tests.factories import JOB_DESCRIPTION, ApplicationFactory
from tests.pages import login_client

pytestmark = pytest.mark.django_db

URL = "/api/v1/applications"


@pytest.fixture
def three(alice, charlie):
    older = ApplicationFactory(
        user=alice,
        company_name="beta Corp",
        location="San Francisco, CA",
        work_mode="remote",
        employment_type="contract",
        salary_max=150000,
        deadline=dt.date(2025, 9, 1),
    )
    middle = ApplicationFactory(
        user=alice,
        company_name="Alpha Inc",
        location="Austin, TX",
        work_mode="hybrid",
        employment_type="full_time",
        salary_max=None,
        deadline=dt.date(2025, 8, 1),
        job_description=JOB_DESCRIPTION + "\nOur robots also sort parcels in Zanzibar.",
    )
    newest = ApplicationFactory(user=alice, company_name="Gamma", salary_max=90000, deadline=None)
    ApplicationFactory(user=charlie, company_name="Aardvark", location="San Francisco, CA")  # not alice's
    return older, middle, newest


def names(client, **params) -> list[str]:
    response = client.get(URL, params)
    assert response.status_code == 200, response.content
    return [item["company_name"] for item in response.json()["applications"]]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("", ["Gamma", "Alpha Inc", "beta Corp"]),
        ("-created_at", ["Gamma", "Alpha Inc", "beta Corp"]),
        ("created_at", ["beta Corp", "Alpha Inc", "Gamma"]),
        ("company_name", ["Alpha Inc", "beta Corp", "Gamma"]),  # any case
        ("-company_name", ["Gamma", "beta Corp", "Alpha Inc"]),
        ("deadline", ["Alpha Inc", "beta Corp", "Gamma"]),  # unknown deadlines last
        ("-deadline", ["beta Corp", "Alpha Inc", "Gamma"]),
        ("-salary_max", ["beta Corp", "Gamma", "Alpha Inc"]),  # unknown pay last
        ("salary_max", ["Gamma", "beta Corp", "Alpha Inc"]),
    ],
)
def test_it_sorts(alice_client, three, ordering, expected):
    assert names(alice_client, ordering=ordering) == expected


def test_updated_at_sorts_by_the_last_change(alice_client, three):
    older, _, _ = three
    alice_client.patch(f"{URL}/{older.pk}", {"notes": "touched"}, format="json")
    assert names(alice_client, ordering="-updated_at")[0] == "beta Corp"


def test_it_filters_by_work_mode_and_employment_type(alice_client, three):
    assert names(alice_client, work_mode="remote") == ["beta Corp"]
    assert names(alice_client, employment_type="full_time") == ["Alpha Inc"]
    assert names(alice_client, work_mode="remote", employment_type="full_time") == []


def test_q_searches_location_and_posting_text_too(alice_client, three):
    assert names(alice_client, q="san francisco") == ["beta Corp"]
    assert names(alice_client, q="ZANZIBAR") == ["Alpha Inc"]
    assert names(alice_client, q="alpha inc") == ["Alpha Inc"]


def test_an_unknown_ordering_is_a_400(alice_client, three):
    response = alice_client.get(URL, {"ordering": "salary"})
    assert response.status_code == 400
    assert list(response.json()["error"]["details"]) == ["ordering"]


def test_the_page_sorts_and_filters_the_same_way(alice, three):
    web = login_client(alice)
    response = web.get("/applications/", {"ordering": "deadline", "q": "a"})
    assert [a.company_name for a in response.context["page_obj"]] == ["Alpha Inc", "beta Corp", "Gamma"]
    response = web.get("/applications/", {"work_mode": "hybrid"})
    assert [a.company_name for a in response.context["page_obj"]] == ["Alpha Inc"]
    response = web.get("/applications/", {"q": "Zanzibar"})
    assert [a.company_name for a in response.context["page_obj"]] == ["Alpha Inc"]
    # An unknown sort order on the page falls back to the default rather than failing.
    response = web.get("/applications/", {"ordering": "nonsense"})
    assert response.status_code == 200
    assert [a.company_name for a in response.context["page_obj"]] == ["Gamma", "Alpha Inc", "beta Corp"]


@pytest.mark.parametrize("count", [1, 30])
def test_the_sorted_filtered_list_runs_a_fixed_number_of_queries(alice_client, alice, count):
    for _ in range(count):
        ApplicationFactory(user=alice, work_mode="remote", deadline=dt.date(2025, 1, 1))
    with CaptureQueriesContext(connection) as queries:
        response = alice_client.get(URL, {"ordering": "-deadline", "work_mode": "remote", "q": "backend"})
    assert response.json()["total"] == count
    # The user (authentication), then the first page's rows with the count as a subquery.
    assert len(queries) == 2, "\n".join(q["sql"] for q in queries.captured_queries)


def test_the_models_pay_display_reads_well():
    assert Application(
        salary_min=45, salary_max=45, salary_currency="EUR", salary_period="hour"
    ).pay_display == ("EUR 45 per hour")
    assert Application(salary_max=90000).pay_display == "90,000"
    assert Application().pay_display == ""
