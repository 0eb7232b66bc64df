"""The RQ job, run in-process: retries, deadline, guarded writes, exactly-once documents."""

import time

import pytest

from documents.models import DocumentVersion
from processing import jobs, runs, services
from processing.models import PhaseRun
from tests.factories import ApplicationFactory
from tests.processing.pipeline_helpers import (  # noqa: F401
    application_at,
    fast_passwords_fixture,
    no_backoff_fixture,
    permanent,
    scripted_fixture,
    sync_queue_fixture,
    transient,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords", "sync_queue")]


def queued_run(user, phase="research", **setup) -> PhaseRun:
    application = application_at(user, **setup)
    return PhaseRun.objects.create(application=application, phase=phase, rq_job_id="phase-run-test")


def versions_of(run: PhaseRun) -> list[DocumentVersion]:
    return list(DocumentVersion.objects.filter(document__application_id=run.application_id))


def test_it_completes_a_run_with_tokens_cost_and_one_document(alice, scripted):
    scripted("# Research: Acme Robotics\n\nA real report.")
    run = queued_run(alice)
    assert jobs.phase_run_execute(run.id) == "completed"
    run.refresh_from_db()
    assert run.status == "completed"
    assert run.progress == 1.0
    assert run.attempts == 1
    assert (run.provider, run.model) == ("scripted", "gpt-4o-mini")
    assert (run.input_tokens, run.output_tokens) == (1200, 800)
    # gpt-4o-mini: 1200 × $0.15/M + 800 × $0.60/M
    assert str(run.cost_estimate) == "0.000660"
    assert run.started_at <= run.completed_at
    assert (run.error_code, run.error_message) == ("", "")
    [version] = versions_of(run)
    assert version.source_run_id == run.id
    assert version.content.startswith("# Research: Acme Robotics")


def test_a_duplicate_or_late_job_changes_nothing(alice, scripted):
    provider = scripted()
    run = queued_run(alice)
    assert jobs.phase_run_execute(run.id) == "completed"
    assert jobs.phase_run_execute(run.id) == "skipped"
    assert len(provider.calls) == 1
    assert len(versions_of(run)) == 1


def test_a_job_for_a_deleted_run_does_nothing(alice, scripted):
    provider = scripted()
    run = queued_run(alice)
    run.application.delete()
    assert jobs.phase_run_execute(run.id) == "missing"
    assert provider.calls == []


def test_a_transient_error_is_retried_with_backoff_and_writes_one_version(alice, scripted, no_backoff):
    provider = scripted(transient(500), "# Report\n\nSecond try worked.")
    run = queued_run(alice)
    assert jobs.phase_run_execute(run.id) == "completed"
    run.refresh_from_db()
    assert run.status == "completed"
    assert run.attempts == 2
    assert no_backoff == [2]
    assert len(provider.calls) == 2
    assert [v.content.splitlines()[0] for v in versions_of(run)] == ["# Report"]


def test_a_persistent_transient_error_fails_after_three_tries(
    alice, scripted, no_backoff, django_capture_on_commit_callbacks
):
    scripted(transient(500), transient(502), transient(503))
    run = queued_run(alice)
    assert jobs.phase_run_execute(run.id) == "failed"
    run.refresh_from_db()
    assert run.status == "failed"
    assert run.attempts == 3
    assert no_backoff == [2, 4]
    assert run.error_code == "EXTERNAL_API_ERROR"
    assert run.error_message == "The AI provider is unavailable right now (HTTP 503). (Tried 3 times.)"
    assert run.completed_at is not None
    assert versions_of(run) == []
    application = run.application
    application.refresh_from_db()
    assert application.research_completed is False
    # The phase can be started again.
    with django_capture_on_commit_callbacks(execute=True):
        services.phase_start(user=alice, application_id=application.id, phase="research")
    assert PhaseRun.objects.filter(application=application).count() == 2


def test_retry_after_is_honoured_and_capped(alice, scripted, no_backoff):
    scripted(transient(429, retry_after=7), transient(429, retry_after=3600), "# Report\n\nDone.")
    run = queued_run(alice)
    assert jobs.phase_run_execute(run.id) == "completed"
    # 7 s asked (more than the 2 s backoff); then 3600 s asked, capped at 30 s.
    assert no_backoff == [7.0, 30.0]


def test_a_retry_that_cannot_fit_in_the_phase_limit_fails_now(alice, scripted, no_backoff, settings):
    settings.JOBFORGE_PHASE_TIMEOUT = 20
    provider = scripted(transient(429, retry_after=25), "# never")
    run = queued_run(alice)
    assert jobs.phase_run_execute(run.id) == "failed"
    assert no_backoff == []
    assert len(provider.calls) == 1
    run.refresh_from_db()
    assert "HTTP 429" in run.error_message


def test_a_permanent_error_fails_at_once(alice, scripted, no_backoff):
    provider = scripted(permanent("The AI provider sent a reply that could not be read."), "# never")
    run = queued_run(alice)
    assert jobs.phase_run_execute(run.id) == "failed"
    run.refresh_from_db()
    assert (run.status, run.attempts, run.error_code) == ("failed", 1, "EXTERNAL_API_ERROR")
    assert run.error_message == "The AI provider sent a reply that could not be read."
    assert no_backoff == []
    assert len(provider.calls) == 1


def test_an_empty_document_fails_the_run(alice, scripted):
    scripted("   \n")
    run = queued_run(alice)
    assert jobs.phase_run_execute(run.id) == "failed"
    run.refresh_from_db()
    assert run.error_code == "EXTERNAL_API_ERROR"
    assert "empty document" in run.error_message
    assert versions_of(run) == []


def test_an_unexpected_error_fails_with_a_plain_message_and_no_internals(alice, scripted):
    def explode(phase_input, timeout, on_progress):
        raise RuntimeError("connection to postgres://admin:hunter2@db failed\nTraceback ...")

    scripted(explode)
    run = queued_run(alice)
    assert jobs.phase_run_execute(run.id) == "failed"
    run.refresh_from_db()
    assert run.error_code == "PROCESSING_ERROR"
    assert run.error_message == jobs.GENERIC_FAILURE
    assert "hunter2" not in run.error_message and "Traceback" not in run.error_message


def test_each_try_gets_the_remaining_budget_and_the_phase_has_one_deadline(
    alice, scripted, no_backoff, settings, monkeypatch
):
    settings.JOBFORGE_PHASE_TIMEOUT = 3
    monkeypatch.setattr(jobs, "MIN_ATTEMPT_SECONDS", 0.5)

    def hang(phase_input, timeout, on_progress):
        time.sleep(timeout)  # a provider that gives up only at its timeout
        raise transient(504)

    provider = scripted(hang, hang, hang)
    run = queued_run(alice)
    assert jobs.phase_run_execute(run.id) == "failed"
    # One call, given the whole budget: no retry that would run past the limit.
    assert len(provider.calls) == 1
    assert 2.9 < provider.calls[0][1] <= 3
    run.refresh_from_db()
    assert run.error_message == (
        "The AI provider did not finish within the 3-second limit for this phase. Please try again."
    )
    assert run.error_code == "EXTERNAL_API_ERROR"


def test_a_stream_that_never_ends_is_stopped_at_the_deadline(alice, scripted, settings, monkeypatch):
    settings.JOBFORGE_PHASE_TIMEOUT = 1
    monkeypatch.setattr(jobs, "MIN_ATTEMPT_SECONDS", 0.1)

    def trickle_forever(phase_input, timeout, on_progress):
        while True:  # a provider that ignores its timeout but reports progress
            on_progress(0.1)
            time.sleep(0.05)

    scripted(trickle_forever)
    run = queued_run(alice)
    assert jobs.phase_run_execute(run.id) == "failed"
    run.refresh_from_db()
    assert "1-second limit" in run.error_message


def test_progress_is_monotonic_and_written_with_the_heartbeat(alice, scripted, monkeypatch):
    monkeypatch.setattr(jobs, "PROGRESS_WRITE_INTERVAL", 0)
    seen = []

    def stream(phase_input, timeout, on_progress):
        for fraction in (0.2, 0.6, 0.3, 0.9):
            on_progress(fraction)
            row = PhaseRun.objects.get(application__user=alice)
            seen.append((row.progress, row.heartbeat_at))
        return "# Report\n\nStreamed."

    scripted(stream)
    run = queued_run(alice)
    assert jobs.phase_run_execute(run.id) == "completed"
    progresses = [progress for progress, _ in seen]
    assert progresses == [0.23, 0.59, 0.59, 0.86]
    assert all(beat is not None for _, beat in seen)
    assert seen[-1][1] >= seen[0][1]


def test_a_finished_stream_reaches_the_one_progress_cap(alice, scripted, monkeypatch):
    from processing.llm.remote import ProgressMeter

    monkeypatch.setattr(jobs, "PROGRESS_WRITE_INTERVAL", 0)
    seen = []

    def stream(phase_input, timeout, on_progress):
        ProgressMeter(on_progress, expected_chars=100).add("x" * 150)  # longer than expected
        seen.append(PhaseRun.objects.get(application__user=alice).progress)
        return "# Report\n\nStreamed."

    scripted(stream)
    run = queued_run(alice)
    assert jobs.phase_run_execute(run.id) == "completed"
    # The cap is applied once (not 0.05 + 0.9 × 0.95 = 0.905); 1.0 only once the document is saved.
    assert seen == [jobs.PROGRESS_END] == [0.95]
    run.refresh_from_db()
    assert run.progress == 1.0


def test_progress_writes_are_throttled(alice, scripted, django_assert_max_num_queries):
    def chatty(phase_input, timeout, on_progress):
        for step in range(200):
            on_progress(step / 200)
        return "# Report\n\nMany chunks."

    scripted(chatty)
    run = queued_run(alice)
    # 200 progress reports cost one write, not 200 (the rest is the run's own bookkeeping).
    with django_assert_max_num_queries(25):
        assert jobs.phase_run_execute(run.id) == "completed"


def test_a_cancelled_run_stops_at_the_next_progress_report_and_writes_nothing(alice, scripted, monkeypatch):
    monkeypatch.setattr(jobs, "PROGRESS_WRITE_INTERVAL", 0)
    reports = []

    def cancelled_midway(phase_input, timeout, on_progress):
        on_progress(0.3)
        reports.append(0.3)
        services.phase_cancel(user=alice, application_id=phase_input_application_id[0])
        on_progress(0.5)
        reports.append(0.5)  # never reached
        return "# never"

    phase_input_application_id = []
    scripted(cancelled_midway)
    run = queued_run(alice)
    phase_input_application_id.append(run.application_id)
    assert jobs.phase_run_execute(run.id) == "aborted"
    run.refresh_from_db()
    assert run.status == "cancelled"
    assert reports == [0.3]
    assert versions_of(run) == []
    run.application.refresh_from_db()
    assert run.application.research_completed is False


def test_a_provider_that_swallows_our_abort_still_stops(alice, scripted, monkeypatch):
    monkeypatch.setattr(jobs, "PROGRESS_WRITE_INTERVAL", 0)
    from processing.llm.errors import LlmError

    def swallowing(phase_input, timeout, on_progress):
        PhaseRun.objects.update(status="cancelled")
        try:
            on_progress(0.5)
        except Exception as exc:
            raise LlmError("Provider wrapped it", transient=True) from exc
        return "# never"

    scripted(swallowing, "# never")
    run = queued_run(alice)
    assert jobs.phase_run_execute(run.id) == "aborted"
    run.refresh_from_db()
    assert run.status == "cancelled"
    assert run.attempts == 1


def test_a_run_cancelled_before_completion_writes_no_document(alice, scripted):
    def finish_after_cancel(phase_input, timeout, on_progress):
        PhaseRun.objects.update(status="cancelled")
        return "# Finished too late"

    scripted(finish_after_cancel)
    run = queued_run(alice)
    assert jobs.phase_run_execute(run.id) == "aborted"
    assert versions_of(run) == []
    run.refresh_from_db()
    assert run.status == "cancelled"


def test_a_run_failed_by_the_reconciler_is_not_completed_by_its_late_worker(alice, scripted):
    def reconciled_meanwhile(phase_input, timeout, on_progress):
        run = PhaseRun.objects.get()
        runs.run_fail(run=run, expected="processing", code="PROCESSING_ERROR", message="dead")
        return "# Late"

    scripted(reconciled_meanwhile)
    run = queued_run(alice)
    assert jobs.phase_run_execute(run.id) == "aborted"
    run.refresh_from_db()
    assert (run.status, run.error_message) == ("failed", "dead")
    assert versions_of(run) == []


def test_the_resume_phase_fails_plainly_when_the_resume_is_gone(alice, scripted):
    provider = scripted()
    run = queued_run(alice, phase="resume", research=True)
    alice.resumes.all().delete()
    assert jobs.phase_run_execute(run.id) == "failed"
    run.refresh_from_db()
    assert run.error_message == "Add a resume to your library first, then try again."
    assert provider.calls == []


def test_a_provider_that_cannot_be_built_fails_the_queued_run(alice, monkeypatch):
    def broken():
        raise ValueError("ANTHROPIC_API_KEY is not set")

    monkeypatch.setattr(jobs, "_provider", broken)
    run = queued_run(alice)
    assert jobs.phase_run_execute(run.id) == "failed"
    run.refresh_from_db()
    assert run.status == "failed"
    assert "not configured" in run.error_message
    assert "ANTHROPIC_API_KEY" not in run.error_message


def test_deleting_the_application_deletes_its_runs(alice):
    application = ApplicationFactory(user=alice)
    PhaseRun.objects.create(application=application, phase="research", status="completed")
    application.delete()
    assert not PhaseRun.objects.exists()
