"""Lock order on PostgreSQL: deleting an application while its phase completes never deadlocks.

Both take the application row first, then the run (the delete cascades to the runs, the
completion writes the run, the document and the application's flags), so one waits for
the other and the end state is consistent either way.
"""

import threading

import pytest
from django.db import connections

from applications.models import Application
from applications.services import application_delete
from documents.models import Document, DocumentVersion
from processing import jobs
from processing.models import PhaseRun
from tests.processing.pipeline_helpers import (  # noqa: F401
    application_at,
    fast_passwords_fixture,
    scripted_fixture,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("fast_passwords", "require_postgres"),
]

ROUNDS = 30


def test_delete_racing_a_completing_phase_never_deadlocks(alice, scripted):
    barrier = threading.Barrier(2, timeout=30)

    def finish_with_the_delete(phase_input, timeout, on_progress):
        barrier.wait()  # the delete starts as the document is about to be saved
        return "# Research report\n\nThe role needs Python."

    outcomes: list[str] = []
    for _ in range(ROUNDS):
        scripted(finish_with_the_delete)
        application = application_at(alice)
        run = PhaseRun.objects.create(application=application, phase="research", rq_job_id="phase-run-race")
        results: dict[str, object] = {}

        def execute(run_id=run.id, results=results):
            try:
                results["job"] = jobs.phase_run_execute(run_id)
            finally:
                connections.close_all()

        def delete(application_id=application.id, results=results):
            try:
                barrier.wait()
                application_delete(user=alice, application_id=application_id)
                results["delete"] = "deleted"
            except Exception as exc:  # a deadlock surfaces here or as a failed run
                results["delete"] = repr(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=execute), threading.Thread(target=delete)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert not any(thread.is_alive() for thread in threads)
        # The job either completed first or found the application gone; it never failed.
        assert results == {"job": results["job"], "delete": "deleted"}, results
        assert results["job"] in ("completed", "aborted"), results
        outcomes.append(results["job"])
        assert not Application.objects.filter(id=application.id).exists()
        assert not PhaseRun.objects.filter(application_id=application.id).exists()
        assert not Document.objects.filter(application_id=application.id).exists()
        assert not DocumentVersion.objects.filter(source_run_id=run.id).exists()
    assert len(outcomes) == ROUNDS
