"""The reconciler: no run stays queued or processing once its worker is gone."""

from datetime import timedelta

import pytest
from django.utils import timezone

from processing import reconcile, selectors, services
from processing.models import PhaseRun
from tests.processing.pipeline_helpers import (  # noqa: F401
    application_at,
    fast_passwords_fixture,
    sync_queue_fixture,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords", "sync_queue")]

LIMIT = 300 + 60  # JOBFORGE_PHASE_TIMEOUT + JOBFORGE_PHASE_GRACE (the defaults)


def run_of(user, *, status, age, beat_age=None, **fields) -> PhaseRun:
    now = timezone.now()
    application = application_at(user, company_name=f"Company {PhaseRun.objects.count()}")
    return PhaseRun.objects.create(
        application=application,
        phase="research",
        status=status,
        queued_at=now - timedelta(seconds=age),
        started_at=now - timedelta(seconds=age) if status == "processing" else None,
        heartbeat_at=now - timedelta(seconds=beat_age) if beat_age is not None else None,
        **fields,
    )


class QueueView:
    """What Redis would say, without Redis."""

    def __init__(self, *, workers_alive: bool, verdict: str = "alive") -> None:
        self._workers_alive = workers_alive
        self.verdict = verdict
        self.asked_workers = 0

    def workers_alive(self) -> bool:
        self.asked_workers += 1
        return self._workers_alive

    def job_verdict(self, job_id, *, now):
        return self.verdict


def test_it_fails_a_processing_run_whose_heartbeat_went_silent(alice):
    dead = run_of(alice, status="processing", age=LIMIT + 100, beat_age=LIMIT + 1)
    alive = run_of(alice, status="processing", age=LIMIT + 100, beat_age=LIMIT - 30)
    assert reconcile.runs_reconcile() == 1
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert (dead.status, dead.error_code) == ("failed", "PROCESSING_ERROR")
    assert dead.error_message == "The worker running this phase stopped unexpectedly. Please try again."
    assert dead.completed_at is not None
    assert alive.status == "processing"


def test_without_a_heartbeat_the_start_time_counts(alice):
    run = run_of(alice, status="processing", age=LIMIT + 1)
    assert reconcile.runs_reconcile() == 1
    run.refresh_from_db()
    assert run.status == "failed"


def test_the_bound_follows_the_settings(alice, settings):
    settings.JOBFORGE_PHASE_TIMEOUT = 10
    settings.JOBFORGE_PHASE_GRACE = 5
    run = run_of(alice, status="processing", age=100, beat_age=16)
    assert reconcile.runs_reconcile() == 1
    run.refresh_from_db()
    assert run.status == "failed"


def test_it_fails_a_queued_run_no_worker_picked_up(alice):
    old = run_of(alice, status="queued", age=LIMIT + 1)
    recent = run_of(alice, status="queued", age=LIMIT - 10)
    assert reconcile.runs_reconcile(now=timezone.now()) == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.status == "failed"
    assert old.error_message == "No worker picked up this phase in time. Please try again."
    assert recent.status == "queued"


def test_a_busy_but_alive_worker_pool_earns_a_longer_queue_wait(alice):
    now = timezone.now()
    waiting = run_of(alice, status="queued", age=LIMIT * 2)
    view = QueueView(workers_alive=True)
    assert reconcile.run_reconcile(waiting, now=now, queue_view=view) is False
    assert view.asked_workers == 1
    too_long = run_of(alice, status="queued", age=LIMIT * reconcile.QUEUE_WAIT_PHASES + 1)
    assert reconcile.run_reconcile(too_long, now=now, queue_view=view) is True
    nobody = QueueView(workers_alive=False)
    assert reconcile.run_reconcile(waiting, now=now, queue_view=nobody) is True


def test_a_run_whose_job_is_gone_fails_at_once(alice):
    now = timezone.now()
    run = run_of(alice, status="processing", age=30, beat_age=2, rq_job_id="phase-run-x")
    assert reconcile.run_reconcile(run, now=now, queue_view=QueueView(workers_alive=True)) is False
    assert reconcile.run_reconcile(run, now=now, queue_view=QueueView(workers_alive=True, verdict="dead"))
    run.refresh_from_db()
    assert run.error_message == reconcile.DEAD_WORKER_MESSAGE


def test_a_just_queued_run_is_not_judged_by_its_job_yet(alice):
    # The job is handed to RQ only after the start commits.
    run = run_of(alice, status="queued", age=1, rq_job_id="phase-run-x")
    view = QueueView(workers_alive=True, verdict="dead")
    assert reconcile.run_reconcile(run, now=timezone.now(), queue_view=view) is False


def test_terminal_runs_are_left_alone(alice):
    for status in ("completed", "failed", "cancelled"):
        run_of(alice, status=status, age=LIMIT * 10)
    assert reconcile.runs_reconcile() == 0
    assert sorted(PhaseRun.objects.values_list("status", flat=True)) == ["cancelled", "completed", "failed"]


def test_the_reconciler_never_overwrites_a_run_that_moved_on(alice):
    run = run_of(alice, status="processing", age=LIMIT + 100, beat_age=LIMIT + 1)
    # The worker finished it between the read and the write.
    PhaseRun.objects.filter(id=run.id).update(status="completed")
    assert reconcile.run_reconcile(run, now=timezone.now(), queue_view=None) is False
    run.refresh_from_db()
    assert run.status == "completed"
    # Or it made another attempt meanwhile: the attempt count no longer matches.
    PhaseRun.objects.filter(id=run.id).update(status="processing", attempts=run.attempts + 1)
    assert reconcile.run_reconcile(run, now=timezone.now(), queue_view=None) is False


def test_reading_the_status_presents_a_dead_run_as_failed_without_writing(alice, alice_client):
    run = run_of(alice, status="processing", age=LIMIT + 100, beat_age=LIMIT + 1)
    body = alice_client.get(f"/api/v1/processing/applications/{run.application_id}/status").json()
    assert (body["status"], body["error_message"]) == ("failed", reconcile.DEAD_WORKER_MESSAGE)
    assert selectors.phase_availability(application=run.application)["research"].can_start is True
    # The read changed nothing: the worker's pass (or the next start) records it.
    run.refresh_from_db()
    assert run.status == "processing"
    assert reconcile.runs_reconcile() == 1
    run.refresh_from_db()
    assert (run.status, run.error_message) == ("failed", reconcile.DEAD_WORKER_MESSAGE)


def test_a_live_run_reads_as_it_is(alice, alice_client):
    run = run_of(alice, status="processing", age=LIMIT + 100, beat_age=LIMIT - 30)
    body = alice_client.get(f"/api/v1/processing/applications/{run.application_id}/status").json()
    assert (body["status"], body["error_message"]) == ("processing", None)
    queued = run_of(alice, status="queued", age=LIMIT - 10)
    body = alice_client.get(f"/api/v1/processing/applications/{queued.application_id}/status").json()
    assert body["status"] == "queued"


def test_a_start_records_the_dead_run_it_replaces(alice):
    run = run_of(alice, status="queued", age=LIMIT + 1)
    again = services.phase_start(user=alice, application_id=run.application_id, phase="research")
    run.refresh_from_db()
    assert (run.status, run.error_message) == ("failed", reconcile.NO_WORKER_MESSAGE)
    assert (again.pk != run.pk, again.status) == (True, "queued")


def test_a_dead_work_horse_fails_its_run(alice):
    run = run_of(alice, status="processing", age=5, beat_age=1, rq_job_id="phase-run-abc")
    assert reconcile.run_worker_lost(job_id="phase-run-abc") is True
    run.refresh_from_db()
    assert (run.status, run.error_message) == ("failed", reconcile.DEAD_WORKER_MESSAGE)
    assert reconcile.run_worker_lost(job_id="phase-run-abc") is False
