"""Operators' view of phase runs: list, filters, search, re-run action, and the RQ queues."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jobforge.accounts.models import User
from processing.admin import duration_text
from processing.models import PhaseRun
from tests.processing.pipeline_helpers import (  # noqa: F401
    application_at,
    fast_passwords_fixture,
    scripted_fixture,
    sync_queue_fixture,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords", "sync_queue")]

CHANGELIST = "/admin/processing/phaserun/"


@pytest.fixture
def operator_client(client):
    client.force_login(User.objects.create_superuser("ops@example.com", "Ops-Pass-123"))
    return client


def failed_run(user, **fields) -> PhaseRun:
    application = application_at(user, **fields)
    return PhaseRun.objects.create(
        application=application,
        phase="research",
        status="failed",
        provider="anthropic",
        model="claude-sonnet-4-5",
        input_tokens=1234,
        output_tokens=567,
        cost_estimate=Decimal("0.012207"),
        error_code="EXTERNAL_API_ERROR",
        error_message="The AI provider is unavailable right now.",
    )


def test_the_list_shows_tokens_cost_and_owner(operator_client, alice):
    failed_run(alice)
    response = operator_client.get(CHANGELIST)
    assert response.status_code == 200
    page = response.content.decode()
    for text in ("alice@example.com", "1234", "567", "0.012207", "anthropic", "EXTERNAL_API_ERROR"):
        assert text in page


def test_the_list_runs_a_fixed_number_of_queries(operator_client, alice, charlie):
    failed_run(alice)
    operator_client.get(CHANGELIST)
    with CaptureQueriesContext(connection) as few:
        operator_client.get(CHANGELIST)
    for user in (alice, charlie, alice):
        failed_run(user, company_name=f"Company {PhaseRun.objects.count()}")
    with CaptureQueriesContext(connection) as many:
        operator_client.get(CHANGELIST)
    assert len(many) == len(few), "\n".join(query["sql"] for query in many.captured_queries)


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({"status__exact": "failed"}, True),
        ({"status__exact": "completed"}, False),
        ({"phase__exact": "research"}, True),
        ({"phase__exact": "resume"}, False),
        ({"provider__exact": "anthropic"}, True),
        ({"provider__exact": "openai"}, False),
        ({"q": "alice@"}, True),
        ({"q": "Acme Robotics"}, True),
        ({"q": "charlie@"}, False),
    ],
)
def test_filters_and_search(operator_client, alice, query, shown):
    failed_run(alice)
    response = operator_client.get(CHANGELIST, query)
    assert response.status_code == 200
    assert ("alice@example.com" in response.content.decode()) is shown


def test_the_detail_page_is_read_only(operator_client, alice):
    run = failed_run(alice)
    response = operator_client.get(f"{CHANGELIST}{run.id}/change/")
    assert response.status_code == 200
    assert "The AI provider is unavailable right now." in response.content.decode()
    operator_client.post(f"{CHANGELIST}{run.id}/change/", {"status": "completed"})
    run.refresh_from_db()
    assert run.status == "failed"


def test_the_rerun_action_starts_failed_phases_again_as_new_runs(
    operator_client, alice, scripted, django_capture_on_commit_callbacks
):
    scripted()
    run = failed_run(alice)
    completed = PhaseRun.objects.create(
        application=application_at(alice), phase="research", status="completed"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = operator_client.post(
            CHANGELIST,
            {"action": "rerun_failed", "_selected_action": [str(run.id), str(completed.id)]},
            follow=True,
        )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Queued 1 run(s) again." in page
    assert "Only failed or cancelled runs can be re-run." in page
    new = PhaseRun.objects.filter(application=run.application).exclude(id=run.id).get()
    assert new.status == "completed"
    run.refresh_from_db()
    assert run.status == "failed"  # history is kept
    run.application.refresh_from_db()
    assert run.application.research_completed is True


def test_the_rerun_action_respects_the_phase_rules(operator_client, alice, scripted):
    scripted()
    run = failed_run(alice)
    PhaseRun.objects.create(application=run.application, phase="research")  # already active
    response = operator_client.post(
        CHANGELIST, {"action": "rerun_failed", "_selected_action": [str(run.id)]}, follow=True
    )
    assert "already queued" in response.content.decode()
    assert PhaseRun.objects.filter(application=run.application).count() == 2


def test_the_admin_index_links_to_the_rq_queues(operator_client):
    page = operator_client.get("/admin/").content.decode()
    assert "/admin/django_rq/dashboard/" in page
    assert operator_client.get("/admin/django_rq/dashboard/").status_code == 200
    assert operator_client.get("/admin/rq/").status_code == 200


def test_strangers_to_the_admin_cannot_see_runs(client, alice):
    failed_run(alice)
    client.force_login(alice)
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_list_shows_the_status_early_and_each_runs_duration(operator_client, alice):
    run = failed_run(alice)
    started = run.created_at
    PhaseRun.objects.filter(pk=run.pk).update(
        started_at=started, completed_at=started + timedelta(minutes=2, seconds=5)
    )
    page = operator_client.get(CHANGELIST).content.decode()
    headers = re.findall(r'<th scope="col" class="[^"]*column-(\w+)', page)
    assert headers.index("status_summary") < headers.index("application_link")
    assert "duration" in headers
    assert '<td class="field-duration">2 min 05 s</td>' in page
    assert len(headers) <= 10  # the action box and nine columns, down from fourteen


@pytest.mark.parametrize(
    ("seconds", "text"), [(4.24, "4.2 s"), (125, "2 min 05 s"), (3720, "1 h 02 min"), (-1, "0.0 s")]
)
def test_durations_read_as_a_person_would_say_them(seconds, text):
    assert duration_text(seconds) == text


def test_the_admin_names_its_icon(operator_client):
    page = operator_client.get(CHANGELIST).content.decode()
    assert '<link rel="icon" href="/static/img/logo.svg"' in page
    assert "/static/css/admin.css" in page
