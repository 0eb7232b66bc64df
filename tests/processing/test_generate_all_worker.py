""" "Generate all" for real: PostgreSQL, Redis and a `manage.py rqworker` subprocess run the chain,
each completed run queueing the next, until the cover letter or the first failure."""

import django_rq
import pytest

from processing import services
from processing.models import PhaseRun
from tests.processing.pipeline_helpers import application_at, fast_passwords_fixture  # noqa: F401
from tests.processing.worker_helpers import run_burst

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("fast_passwords", "require_postgres", "require_redis", "_empty_queue"),
]


@pytest.fixture
def _empty_queue():
    queue = django_rq.get_queue("default")
    queue.connection.flushdb()  # Redis db of this test run only (REDIS_URL)
    yield
    queue.connection.flushdb()


def _runs(application):
    return list(
        PhaseRun.objects.filter(application=application)
        .order_by("created_at", "id")
        .values_list("phase", "status")
    )


def test_a_worker_runs_the_three_phases_one_after_the_other(alice):
    application = application_at(alice)
    _, phases = services.phases_start_all(user=alice, application_id=application.id, tone="concise")
    assert phases == ["research", "resume", "cover_letter"]
    assert _runs(application) == [("research", "queued")]
    run_burst()  # a burst worker drains the queue, the jobs the chain adds included
    assert _runs(application) == [
        ("research", "completed"),
        ("resume", "completed"),
        ("cover_letter", "completed"),
    ]
    application.refresh_from_db()
    assert application.status == "cover_letter_complete"
    assert PhaseRun.objects.get(application=application, phase="cover_letter").tone == "concise"


def test_a_worker_stops_the_chain_at_the_first_failure(alice):
    application = application_at(alice)
    services.phases_start_all(user=alice, application_id=application.id)
    # The resume phase will find no resume: it fails plainly and nothing follows it.
    alice.resumes.all().delete()
    run_burst()
    assert _runs(application) == [("research", "completed"), ("resume", "failed")]
    failed = PhaseRun.objects.get(application=application, phase="resume")
    assert failed.error_message == "Add a resume to your library first, then try again."
