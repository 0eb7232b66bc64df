"""The list reads only the summary's columns and writes each row exactly as the summary
serializer would, in a fixed number of queries; an empty page reads no rows; a full
application (get, create, patch) is exactly what the full serializer would write."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from applications.api import ApplicationSerializer, ApplicationSummarySerializer
from applications.models import Application
from tests.factories import ApplicationFactory, ResumeFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/applications"
LONG_COLUMNS = ("job_description", "additional_context", "notes")


def test_a_summary_in_the_list_is_what_the_summary_serializer_writes(alice_client, alice):
    resume = ResumeFactory(user=alice)
    full = ApplicationFactory(
        user=alice,
        resume_id=resume.pk,
        stage="applied",
        work_mode="remote",
        employment_type="contract",
        salary_min=90000,
        salary_max=120000,
        salary_currency="EUR",
        salary_period="year",
        posted_at=dt.date(2025, 6, 1),
        deadline=dt.date(2025, 9, 1),
        source="jobs.example.com",
        job_url="https://jobs.example.com/1",
        location="Berlin",
        notes="Call back",
    )
    bare = ApplicationFactory(user=alice, location="")
    Application.objects.filter(pk=bare.pk).update(updated_at=timezone.now() + dt.timedelta(microseconds=7))
    listed = alice_client.get(URL).json()["applications"]
    expected = [
        ApplicationSummarySerializer(Application.objects.get(pk=pk)).data for pk in (bare.pk, full.pk)
    ]
    assert listed == [dict(summary) for summary in expected]
    assert listed[1]["resume_id"] == str(resume.pk)
    assert listed[1]["applied_at"].endswith("Z")
    assert listed[0]["work_mode"] is None


@pytest.mark.parametrize("count", [1, 30])
def test_the_list_selects_only_the_summary_columns_in_a_fixed_number_of_queries(alice_client, alice, count):
    for _ in range(count):
        ApplicationFactory(user=alice, notes="A note")
    with CaptureQueriesContext(connection) as queries:
        response = alice_client.get(URL, {"limit": 100, "offset": 0 if count == 1 else 1})
    assert len(response.json()["applications"]) == (1 if count == 1 else count - 1)
    # The user (authentication), then on the first page its rows with the count as a
    # subquery; past it the page's ids with the count, then their rows.
    assert len(queries) == (2 if count == 1 else 3), "\n".join(q["sql"] for q in queries.captured_queries)
    page = queries.captured_queries[-1]["sql"]
    for column in LONG_COLUMNS:
        assert f'"{column}"' not in page, page


def test_a_page_past_the_end_reads_no_rows(alice_client, alice):
    ApplicationFactory(user=alice)
    with CaptureQueriesContext(connection) as queries:
        body = alice_client.get(URL, {"offset": 5}).json()
    assert body["applications"] == [] and body["total"] == 1
    # The user, the page's ids (none), then the count that no row could carry.
    assert len(queries) == 3, "\n".join(query["sql"] for query in queries.captured_queries)
    assert 'applications_application"."name"' not in "".join(q["sql"] for q in queries.captured_queries)


def test_the_full_application_is_what_the_serializer_writes_on_get_create_and_patch(alice_client, alice):
    def expected(pk) -> dict:
        return dict(ApplicationSerializer(Application.objects.get(pk=pk)).data)

    resume = ResumeFactory(user=alice)
    full = ApplicationFactory(
        user=alice,
        resume_id=resume.pk,
        work_mode="hybrid",
        salary_max=120000,
        salary_period="year",
        deadline=dt.date(2025, 9, 1),
        notes="Call back",
        additional_context="Referred by a friend",
    )
    patched = alice_client.patch(f"{URL}/{full.pk}", {"stage": "applied"}, format="json").json()
    assert patched == expected(full.pk)
    assert [event["from_stage"] for event in patched["timeline"]] == [None, "saved"]
    assert patched["applied_at"].endswith("Z")
    assert alice_client.get(f"{URL}/{full.pk}").json() == expected(full.pk)
    created = alice_client.post(
        URL,
        {"company_name": "Bare Co", "role_title": "Engineer", "job_description": "x" * 60},
        format="json",
    ).json()
    assert created == expected(created["id"])
    assert (created["work_mode"], created["resume_id"], created["deadline"]) == (None, None, None)
