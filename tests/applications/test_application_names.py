"""Generated names on a busy day: the next free suffix is computed from the names taken,
in a fixed number of queries, through an index; never a refusal for too many."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from applications.models import Application
from applications.services import application_base_name, application_create
from tests.factories import JOB_DESCRIPTION

pytestmark = pytest.mark.django_db

URL = "/api/v1/applications"
BODY = {"company_name": "Google", "role_title": "Senior Developer", "job_description": JOB_DESCRIPTION}


def todays_base() -> str:
    return application_base_name(
        company_name="Google", role_title="Senior Developer", created_at=timezone.now()
    )


def take(user, *names: str) -> None:
    Application.objects.bulk_create(
        Application(user=user, name=name, company_name="Google", role_title="Senior Developer")
        for name in names
    )


def test_it_creates_the_hundredth_application_of_a_day_with_the_same_company_and_role(alice_client):
    names = []
    for _ in range(100):
        response = alice_client.post(URL, BODY, format="json")
        assert response.status_code == 201, response.json()
        names.append(response.json()["name"])
    base = todays_base()
    assert names == [base, *(f"{base}_{n}" for n in range(2, 101))]


def test_it_takes_the_first_free_suffix(alice):
    base = todays_base()
    take(alice, base, f"{base}_2", f"{base}_4", f"{base}_02", f"{base}_x", f"{base}_3_2025_07_01")
    assert application_create(user=alice, **BODY).name == f"{base}_3"
    assert application_create(user=alice, **BODY).name == f"{base}_5"


def test_it_names_in_the_same_number_of_queries_however_many_names_are_taken(alice):
    base = todays_base()
    take(alice, base)
    with CaptureQueriesContext(connection) as second:
        application_create(user=alice, **BODY)
    take(alice, *(f"{base}_{n}" for n in range(3, 500)))
    with CaptureQueriesContext(connection) as five_hundredth:
        assert application_create(user=alice, **BODY).name == f"{base}_500"
    assert len(five_hundredth) == len(second), [query["sql"] for query in five_hundredth.captured_queries]


def test_the_name_lookup_is_served_by_an_index(require_postgres, alice):
    base = todays_base()
    # Enough other names for the planner to weigh its choices as on a real table.
    take(alice, base, *(f"other_role_{n}_2025_07_01" for n in range(2000)))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE applications_application")
    with CaptureQueriesContext(connection) as captured:
        application_create(user=alice, **BODY)
    lookups = [query["sql"] for query in captured.captured_queries if "LIKE" in query["sql"]]
    assert len(lookups) == 1, lookups
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + lookups[0])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # The prefix is an index condition (a range of the pattern operator class), not a filter
    # over every name the user has.
    assert "Index Cond" in plan and "~>=~" in plan, plan
