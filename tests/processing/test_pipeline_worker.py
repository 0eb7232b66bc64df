"""The pipeline for real: PostgreSQL, Redis, `manage.py rqworker default` subprocesses, and the
fake LLM server spoken to by the real anthropic and openai SDK clients."""

from datetime import timedelta

import django_rq
import pytest
from rq.job import Job

from documents.models import DocumentVersion
from jobforge.errors import InvalidState
from processing import queue, reconcile, selectors, services
from processing.models import PhaseRun
from tests.processing.fake_llm import hang, malformed, ok, status, trickle
from tests.processing.pipeline_helpers import application_at, fast_passwords_fixture  # noqa: F401
from tests.processing.worker_helpers import WorkerProcess, run_burst, wait_until

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("fast_passwords", "require_postgres", "require_redis", "_empty_queue"),
]

REPORT = "# Research report\n\nAcme Robotics needs Python, PostgreSQL and Kubernetes.\n"


@pytest.fixture
def _empty_queue():
    queue = django_rq.get_queue("default")
    queue.connection.flushdb()  # Redis db of this test run only (REDIS_URL)
    yield
    queue.connection.flushdb()


def anthropic_env(fake_llm, **extra) -> dict[str, str]:
    return {
        "JOBFORGE_LLM_PROVIDER": "anthropic",
        "ANTHROPIC_API_KEY": "sk-ant-test-secret-key-0123456789",
        "ANTHROPIC_MODEL": "claude-sonnet-4-5",
        "ANTHROPIC_BASE_URL": fake_llm.anthropic_base_url,
        **extra,
    }


def openai_env(fake_llm, **extra) -> dict[str, str]:
    return {
        "JOBFORGE_LLM_PROVIDER": "openai",
        "OPENAI_API_KEY": "sk-openai-test-secret-key-0123456789",
        "OPENAI_MODEL": "gpt-4o-mini",
        "OPENAI_BASE_URL": fake_llm.openai_base_url,
        **extra,
    }


def start(user, phase="research", **setup) -> PhaseRun:
    application = application_at(user, **setup)
    return services.phase_start(user=user, application_id=application.id, phase=phase)


def reload(run: PhaseRun) -> PhaseRun:
    return PhaseRun.objects.get(id=run.id)


def versions(run: PhaseRun) -> list[DocumentVersion]:
    return list(DocumentVersion.objects.filter(document__application_id=run.application_id))


def test_it_runs_a_phase_in_a_worker_with_the_offline_provider(alice):
    run = start(alice)
    job = Job.fetch(run.rq_job_id, connection=django_rq.get_connection("default"))
    assert job.args == (run.id,)  # the job carries the run id only
    assert job.timeout == 300 + queue.JOB_TIMEOUT_MARGIN
    assert reload(run).status == "queued"

    run_burst()
    run = reload(run)
    assert run.status == "completed", run.error_message
    assert (run.provider, run.model, run.attempts) == ("offline", "offline-v1", 1)
    assert run.heartbeat_at is not None
    [version] = versions(run)
    assert version.content.startswith("# Research report: Senior Backend Engineer at Acme Robotics")
    assert job.get_status(refresh=True) == "finished"


@pytest.mark.parametrize("provider", ["anthropic", "openai"])
def test_it_runs_a_phase_with_each_remote_provider(alice, fake_llm, provider):
    fake_llm.script(ok(REPORT, input_tokens=1500, output_tokens=700))
    run = start(alice)
    env = anthropic_env(fake_llm) if provider == "anthropic" else openai_env(fake_llm)
    run_burst(**env)
    run = reload(run)
    assert run.status == "completed", run.error_message
    assert run.provider == provider
    assert run.model in {"claude-sonnet-4-5", "gpt-4o-mini"}
    assert (run.input_tokens, run.output_tokens) == (1500, 700)
    assert run.cost_estimate > 0
    [saved] = [v.content for v in versions(run)]
    # The model's report, with the match part written from the match analysis (SPEC §11).
    assert saved.startswith(REPORT.strip()) and "## How your resume matches" in saved
    [request] = fake_llm.requests
    assert request.api == provider
    # Every call is bounded: max_tokens is always sent.
    assert (request.body.get("max_tokens") or request.body.get("max_completion_tokens")) == 4096
    # The key went to the provider, never into the row.
    assert "secret" not in run.error_message


def test_a_500_then_success_is_retried_and_writes_one_version(alice, fake_llm):
    fake_llm.script(status(500), ok(REPORT))
    run = start(alice)
    run_burst(**openai_env(fake_llm))
    run = reload(run)
    assert (run.status, run.attempts) == ("completed", 2)
    assert len(fake_llm.requests) == 2
    assert len(versions(run)) == 1


def test_a_persistent_500_fails_readably_and_the_phase_can_start_again(alice, fake_llm):
    fake_llm.script(status(500), status(500), status(500))
    run = start(alice)
    run_burst(**anthropic_env(fake_llm))
    run = reload(run)
    assert (run.status, run.attempts, run.error_code) == ("failed", 3, "EXTERNAL_API_ERROR")
    assert run.error_message.endswith("(Tried 3 times.)")
    assert "Traceback" not in run.error_message and "sk-ant" not in run.error_message
    assert len(fake_llm.requests) == 3
    assert versions(run) == []

    fake_llm.script(ok(REPORT))
    again = services.phase_start(user=alice, application_id=run.application_id, phase="research")
    run_burst(**anthropic_env(fake_llm))
    assert reload(again).status == "completed"


def test_a_429_with_retry_after_is_waited_for(alice, fake_llm):
    fake_llm.script(status(429, headers={"Retry-After": "2"}), ok(REPORT))
    run = start(alice)
    worker = run_burst(**openai_env(fake_llm, JOBFORGE_LLM_BACKOFF_SECONDS="0"))
    run = reload(run)
    assert (run.status, run.attempts) == ("completed", 2)
    assert f"Phase run {run.id}: attempt 1 failed (429), retrying in 2.0s" in worker.output()


def test_a_malformed_reply_fails_at_once(alice, fake_llm):
    fake_llm.script(malformed("json"), ok(REPORT))
    run = start(alice)
    run_burst(**anthropic_env(fake_llm))
    run = reload(run)
    assert (run.status, run.attempts) == ("failed", 1)
    assert len(fake_llm.requests) == 1
    assert run.error_message
    assert versions(run) == []


def test_a_hung_provider_hits_the_phase_time_limit(alice, fake_llm):
    fake_llm.script(hang(60), hang(60), hang(60))
    run = start(alice)
    # Three hung calls would take 180 s; the 10-second phase limit ends the burst long before.
    run_burst(timeout=60, **anthropic_env(fake_llm, JOBFORGE_PHASE_TIMEOUT="10"))
    run = reload(run)
    assert run.status == "failed"
    assert run.error_message == (
        "The AI provider did not finish within the 10-second limit for this phase. Please try again."
    )
    assert len(fake_llm.requests) == 1


def test_a_killed_work_horse_fails_the_run_at_once_and_a_new_start_works(alice, fake_llm):
    fake_llm.script(trickle(forever=True), ok(REPORT))
    worker = WorkerProcess(**openai_env(fake_llm))
    try:
        run = start(alice)
        wait_until(lambda: len(fake_llm.requests) == 1, timeout=20, what="the provider call")
        worker.kill_horse()
        run = wait_until(
            lambda: (r := reload(run)).status == "failed" and r, timeout=10, what="the run to fail"
        )
        assert run.error_message == reconcile.DEAD_WORKER_MESSAGE
        assert run.error_code == "PROCESSING_ERROR"

        # The worker survived its horse; the phase starts again and completes.
        again = services.phase_start(user=alice, application_id=run.application_id, phase="research")
        wait_until(lambda: reload(again).status == "completed", timeout=20, what="the new run")
        assert len(versions(again)) == 1
    finally:
        worker.stop()


def test_a_worker_killed_whole_leaves_no_run_stuck(alice, alice_client, fake_llm, settings):
    # The web side's view of the limit: 10 s phases plus a 2 s grace.
    settings.JOBFORGE_PHASE_TIMEOUT = 10
    settings.JOBFORGE_PHASE_GRACE = 2
    fake_llm.script(hang(60), ok(REPORT))
    worker = WorkerProcess(**anthropic_env(fake_llm, JOBFORGE_PHASE_TIMEOUT="10"))
    try:
        run = start(alice)
        wait_until(lambda: len(fake_llm.requests) == 1, timeout=20, what="the provider call")
        worker.kill_whole()
        # RQ still believes the job is running...
        job = Job.fetch(run.rq_job_id, connection=django_rq.get_connection("default"))
        assert job.get_status() == "started"
        # ...but the status reads failed once the heartbeat is older than the limit plus grace.
        path = f"/api/v1/processing/applications/{run.application_id}/status"
        body = wait_until(
            lambda: (b := alice_client.get(path).json())["status"] == "failed" and b,
            timeout=20,
            interval=0.5,
            what="the status to read failed",
        )
        assert body["error_message"] == reconcile.DEAD_WORKER_MESSAGE
    finally:
        worker.stop()

    again = services.phase_start(user=alice, application_id=run.application_id, phase="research")
    run_burst(**anthropic_env(fake_llm))
    assert reload(again).status == "completed"


def test_cancel_stops_a_running_job_and_writes_nothing(alice, alice_client, fake_llm):
    fake_llm.script(trickle(forever=True), ok(REPORT))
    worker = WorkerProcess(**openai_env(fake_llm))
    try:
        run = start(alice)
        wait_until(lambda: len(fake_llm.requests) == 1, timeout=20, what="the provider call")
        response = alice_client.post(f"/api/v1/processing/applications/{run.application_id}/cancel")
        assert response.status_code == 202
        assert reload(run).status == "cancelled"
        job = Job.fetch(run.rq_job_id, connection=django_rq.get_connection("default"))
        wait_until(lambda: job.get_status() in ("stopped", "failed"), timeout=10, what="the job to stop")
        # The worker goes on with the next start.
        again = services.phase_start(
            user=alice, application_id=run.application_id, phase="research", regenerate=True
        )
        wait_until(lambda: reload(again).status == "completed", timeout=20, what="the next run")
    finally:
        worker.stop()
    assert reload(run).status == "cancelled"
    assert len(versions(run)) == 1  # only the second run's


def test_a_queued_job_that_vanished_fails_its_run_at_the_next_cancel(alice):
    run = start(alice)
    Job.fetch(run.rq_job_id, connection=django_rq.get_connection("default")).delete()
    PhaseRun.objects.filter(id=run.id).update(queued_at=run.queued_at - timedelta(seconds=10))
    # Only Redis knows the job is gone: a read (no Redis, no write) still says queued...
    assert selectors.phase_status(user=alice, application_id=run.application_id)["status"] == "queued"
    # ...and a write asks Redis first: nothing is left to cancel, the run failed.
    with pytest.raises(InvalidState):
        services.phase_cancel(user=alice, application_id=run.application_id)
    body = selectors.phase_status(user=alice, application_id=run.application_id)
    assert body["status"] == "failed"
    assert body["error_message"] == reconcile.DEAD_WORKER_MESSAGE


def test_the_worker_class_reconciles_in_its_maintenance(alice):
    from processing.worker import PhaseRunWorker

    run = start(alice)
    stale = run.queued_at - timedelta(seconds=10)
    PhaseRun.objects.filter(id=run.id).update(
        status="processing", started_at=stale, heartbeat_at=stale, queued_at=stale
    )
    Job.fetch(run.rq_job_id, connection=django_rq.get_connection("default")).delete()
    worker = PhaseRunWorker(["default"], connection=django_rq.get_connection("default"))
    assert worker.dequeue_timeout <= 30
    assert worker.should_run_maintenance_tasks
    worker.run_maintenance_tasks()
    assert reload(run).status == "failed"
    assert not worker._reconcile_due()
