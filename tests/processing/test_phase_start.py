"""phase_start and phase_availability: the SPEC §5 rules, enforced once for API and UI alike."""

import threading

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from documents.models import DocumentVersion
from jobforge.errors import InvalidState, NotFound, PreconditionFailed, RateLimited, ValidationFailed
from processing import runs, selectors, services
from processing.models import PhaseRun
from resumes.models import Resume
from tests.factories import ApplicationFactory
from tests.processing.pipeline_helpers import (  # noqa: F401
    application_at,
    fast_passwords_fixture,
    scripted_fixture,
    sync_queue_fixture,
)
from tests.processing.worker_helpers import wait_until

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords", "sync_queue")]


@pytest.fixture
def run_now(django_capture_on_commit_callbacks):
    """Start a phase and run its job (the synchronous queue, as without Redis)."""

    def start(**kwargs) -> PhaseRun:
        with django_capture_on_commit_callbacks(execute=True):
            run = services.phase_start(**kwargs)
        run.refresh_from_db()
        return run

    return start


def test_it_creates_a_queued_run_and_enqueues_it_on_commit(
    alice, scripted, django_capture_on_commit_callbacks
):
    scripted()
    application = application_at(alice)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = services.phase_start(user=alice, application_id=application.id, phase="research")
    assert run.status == "queued"
    assert run.rq_job_id == f"phase-run-{run.id}"
    assert len(callbacks) == 1
    callbacks[0]()
    run.refresh_from_db()
    assert run.status == "completed"


def test_it_runs_the_three_phases_in_order(alice, scripted, run_now):
    provider = scripted()
    application = application_at(alice)
    for phase, flag, status in [
        ("research", "research_completed", "research_complete"),
        ("resume", "resume_optimized", "resume_complete"),
        ("cover_letter", "cover_letter_generated", "cover_letter_complete"),
    ]:
        assert getattr(application, flag) is False
        run = run_now(user=alice, application_id=application.id, phase=phase)
        assert run.status == "completed"
        application.refresh_from_db()
        assert getattr(application, flag) is True
        assert application.status == status
    assert [call[0] for call in provider.calls] == ["research", "resume", "cover_letter"]
    # The later phases see the earlier documents.
    assert "Scripted document" in provider.inputs[2].research_report
    assert "### Senior Software Engineer — Northwind Logistics" in provider.inputs[2].optimized_resume
    assert "Jordan Rivera" in provider.inputs[1].resume


def test_it_refuses_another_users_application(alice, charlie, scripted):
    scripted()
    application = application_at(alice)
    with pytest.raises(NotFound):
        services.phase_start(user=charlie, application_id=application.id, phase="research")
    assert not PhaseRun.objects.exists()


@pytest.mark.parametrize(
    ("phase", "setup", "message"),
    [
        ("resume", {}, "Run the research first."),
        ("resume", {"research": True, "with_resume": False}, "Add a resume to your library first."),
        ("cover_letter", {}, "Tailor the resume first."),
        ("cover_letter", {"research": True}, "Tailor the resume first."),
    ],
)
def test_it_enforces_the_phase_order_with_412(alice, scripted, phase, setup, message):
    scripted()
    application = application_at(alice, **setup)
    with pytest.raises(PreconditionFailed) as caught:
        services.phase_start(user=alice, application_id=application.id, phase=phase)
    assert caught.value.message == message
    assert caught.value.status == 412
    assert not PhaseRun.objects.exists()


def test_it_uses_the_applications_chosen_resume_over_the_primary(alice, scripted, run_now):
    provider = scripted()
    application = application_at(alice, research=True)
    chosen = Resume.objects.create(user=alice, name="Chosen", content="# Chosen resume\n\n" + "x" * 120)
    type(application).objects.filter(pk=application.pk).update(resume=chosen)
    run_now(user=alice, application_id=application.id, phase="resume")
    assert provider.inputs[0].resume.startswith("# Chosen resume")


def test_it_refuses_a_completed_phase_with_409_unless_regenerate(alice, scripted, run_now):
    scripted("# First report\n\nOne.", "# Second report\n\nTwo.")
    application = application_at(alice)
    run_now(user=alice, application_id=application.id, phase="research")
    with pytest.raises(InvalidState) as caught:
        services.phase_start(user=alice, application_id=application.id, phase="research")
    assert "already completed" in caught.value.message

    run = run_now(user=alice, application_id=application.id, phase="research", regenerate=True)
    assert run.status == "completed"
    versions = DocumentVersion.objects.filter(document__application=application).order_by("number")
    assert [(v.number, v.content.splitlines()[0], v.source) for v in versions] == [
        (1, "# First report", "ai"),
        (2, "# Second report", "ai"),
    ]
    document = application.documents.get(document_type="research_report")
    assert document.version == 2
    assert document.content.startswith("# Second report")


def test_regenerating_an_earlier_phase_never_moves_the_status_backwards(alice, scripted, run_now):
    scripted()
    application = application_at(alice, resume=True)
    assert application.status == "resume_complete"
    run_now(user=alice, application_id=application.id, phase="research", regenerate=True)
    application.refresh_from_db()
    assert application.status == "resume_complete"
    assert application.research_completed and application.resume_optimized


def test_it_refuses_a_second_start_while_a_run_is_active(alice, scripted):
    scripted()
    application = application_at(alice, research=True)
    first = services.phase_start(user=alice, application_id=application.id, phase="resume")
    assert first.status == "queued"
    for phase in ("research", "resume", "cover_letter"):
        with pytest.raises(InvalidState) as caught:
            services.phase_start(user=alice, application_id=application.id, phase=phase, regenerate=True)
        assert "already queued" in caught.value.message
    assert PhaseRun.objects.count() == 1


def test_the_database_allows_one_active_run_per_application(alice):
    application = ApplicationFactory(user=alice)
    PhaseRun.objects.create(application=application, phase="research")
    # A start that got past the rule check in a race still loses at the constraint.
    with pytest.raises(InvalidState):
        runs.run_create(application=application, phase="research")
    assert PhaseRun.objects.count() == 1
    # Terminal runs do not count.
    PhaseRun.objects.update(status="failed")
    runs.run_create(application=application, phase="research")
    assert PhaseRun.objects.filter(status="queued").count() == 1


def test_it_throttles_ai_starts_per_user_with_retry_after(alice, charlie, scripted, run_now, settings):
    settings.JOBFORGE_THROTTLE_AI = "2/hour"
    scripted()
    application = application_at(alice)
    run_now(user=alice, application_id=application.id, phase="research")
    run_now(user=alice, application_id=application.id, phase="research", regenerate=True)
    with pytest.raises(RateLimited) as caught:
        services.phase_start(user=alice, application_id=application.id, phase="research", regenerate=True)
    assert caught.value.status == 429
    assert 3000 < caught.value.retry_after <= 3601
    assert PhaseRun.objects.count() == 2
    # Another user has their own budget.
    run_now(user=charlie, application_id=application_at(charlie).id, phase="research")


def test_refused_starts_do_not_use_the_ai_budget(alice, scripted, run_now, settings):
    settings.JOBFORGE_THROTTLE_AI = "1/hour"
    scripted()
    application = application_at(alice)
    for _ in range(3):
        with pytest.raises(PreconditionFailed):
            services.phase_start(user=alice, application_id=application.id, phase="resume")
    assert run_now(user=alice, application_id=application.id, phase="research").status == "completed"


def test_the_cover_letter_uses_the_given_context_else_the_applications(alice, scripted, run_now):
    provider = scripted()
    application = application_at(alice, resume=True, additional_context="I met the team at PyCon.")
    run = run_now(user=alice, application_id=application.id, phase="cover_letter")
    assert run.additional_context == "I met the team at PyCon."
    assert provider.inputs[0].additional_context == "I met the team at PyCon."

    run = run_now(
        user=alice,
        application_id=application.id,
        phase="cover_letter",
        regenerate=True,
        additional_context="  Mention my open-source work.  ",
    )
    assert run.additional_context == "Mention my open-source work."
    assert provider.inputs[1].additional_context == "Mention my open-source work."


def test_it_refuses_additional_context_over_5000_characters(alice, scripted):
    scripted()
    application = application_at(alice, resume=True)
    with pytest.raises(ValidationFailed) as caught:
        services.phase_start(
            user=alice, application_id=application.id, phase="cover_letter", additional_context="x" * 5001
        )
    assert "additional_context" in caught.value.details
    assert not PhaseRun.objects.exists()


def test_it_refuses_an_unknown_phase(alice):
    application = ApplicationFactory(user=alice)
    with pytest.raises(ValidationFailed):
        services.phase_start(user=alice, application_id=application.id, phase="interview")


# --- availability: the same rules, for the UI ------------------------------------------


def test_availability_of_a_new_application(alice):
    application = application_at(alice)
    availability = selectors.phase_availability(application=application)
    assert list(availability) == [
        "research",
        "resume",
        "cover_letter",
        "follow_up_email",
        "thank_you_note",
        "interview_prep",
    ]
    research, resume, letter, *more = availability.values()
    assert [(item.can_start, item.reason) for item in more] == [(False, "Run the research first.")] * 3
    assert (research.can_start, research.reason, research.completed) == (True, None, False)
    assert (resume.can_start, resume.reason) == (False, "Run the research first.")
    assert (letter.can_start, letter.reason) == (False, "Tailor the resume first.")
    assert research.latest_run is None and research.active_run is None


def test_availability_without_a_resume(alice):
    application = application_at(alice, research=True, with_resume=False)
    availability = selectors.phase_availability(application=application)
    assert availability["resume"].reason == "Add a resume to your library first."
    assert availability["research"].completed is True
    assert availability["research"].can_start is False
    assert availability["research"].can_regenerate is True


def test_availability_while_a_run_is_active(alice):
    application = application_at(alice, research=True)
    run = PhaseRun.objects.create(application=application, phase="resume")
    availability = selectors.phase_availability(application=application)
    assert all(not item.can_start for item in availability.values())
    assert all("already queued" in item.reason for item in availability.values())
    assert availability["resume"].active_run == run
    assert availability["resume"].latest_run == run
    assert availability["research"].active_run is None
    assert availability["research"].can_regenerate is False


def test_availability_agrees_with_phase_start(alice, scripted):
    """The UI's enabled buttons are exactly the starts the service accepts."""
    scripted()
    for setup in ({}, {"research": True}, {"resume": True}, {"research": True, "with_resume": False}):
        if not setup.get("with_resume", True):
            Resume.objects.filter(user=alice).delete()
        application = application_at(alice, **setup)
        availability = selectors.phase_availability(application=application)
        for phase, item in availability.items():
            try:
                with pytest.MonkeyPatch.context() as patch:
                    patch.setattr(services, "run_create", lambda **kwargs: None)
                    services.phase_start(user=alice, application_id=application.id, phase=phase)
                accepted, message = True, None
            except (InvalidState, PreconditionFailed) as exc:
                accepted, message = False, exc.message
            assert (item.can_start, item.reason) == (accepted, message), (setup, phase)


def test_availability_runs_a_fixed_number_of_queries(alice, scripted, run_now):
    scripted()
    application = application_at(alice)
    run_now(user=alice, application_id=application.id, phase="research")
    run_now(user=alice, application_id=application.id, phase="research", regenerate=True)
    application.refresh_from_db()
    with CaptureQueriesContext(connection) as queries:
        selectors.phase_availability(application=application)
    # 1: the latest run of each phase, at once; 2: the types of the application's documents
    # (the documents made on demand are done once theirs exists); 3: the primary resume (the
    # resume phase is allowed).
    assert len(queries) == 3, "\n".join(query["sql"] for query in queries.captured_queries)


@pytest.mark.django_db(transaction=True)
def test_a_start_refused_by_the_one_active_run_constraint_costs_no_budget(
    require_postgres, alice, scripted, settings
):
    """Two starts that both pass the rule check: the loser at the constraint is not charged."""
    settings.JOBFORGE_THROTTLE_AI = "1/hour"
    scripted()
    application = application_at(alice)
    results: dict[str, object] = {}

    def start():
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                results["pid"] = cursor.fetchone()[0]
            services.phase_start(user=alice, application_id=application.id, phase="research")
            results["start"] = "accepted"
        except InvalidState as exc:
            results["start"] = exc.message
        finally:
            connections.close_all()

    with transaction.atomic():
        # An uncommitted active run: the other start sees none, then waits at the unique index.
        winner = PhaseRun.objects.create(application=application, phase="research")
        thread = threading.Thread(target=start)
        thread.start()

        def waiting_for_a_lock() -> bool:
            if "pid" not in results:
                return False
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_locks WHERE pid = %s AND NOT granted", [results["pid"]]
                )
                return cursor.fetchone()[0] > 0

        wait_until(waiting_for_a_lock, timeout=20, what="the second start to wait for the first")
    thread.join(30)
    assert results["start"] == "Another phase of this application is already queued or running."
    # The winner ends; the budget of one start per hour is still there for the next one.
    PhaseRun.objects.filter(pk=winner.pk).update(status="failed")
    run = services.phase_start(user=alice, application_id=application.id, phase="research")
    assert run.status == "queued"
    with pytest.raises(RateLimited):
        services.phase_start(user=alice, application_id=application.id, phase="research", regenerate=True)
