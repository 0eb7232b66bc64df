"""The stored match report: computed when an application is created and recomputed, after
the write commits, when the posting, the chosen resume or the tailored resume changes;
left alone when nothing it reads changed."""

import pytest

from applications.models import Application
from applications.services import application_create, application_update
from documents.services import document_version_write
from matching.models import MatchReport
from matching.services import match_analyse, match_inputs, match_report_refresh
from resumes.services import resume_create, resume_delete, resume_update
from tests.factories import JOB_DESCRIPTION, RESUME_MARKDOWN
from tests.matching.conftest import NURSING_POSTING

pytestmark = pytest.mark.django_db

KUBERNETES_RESUME = RESUME_MARKDOWN.replace(
    "Python, Django, Flask,", "Python, Django, Flask, Kubernetes, Kafka, Go,"
).replace(
    "- Wrote REST APIs with Flask",
    "- Ran Docker and Kubernetes in production for the APIs.\n- Wrote REST APIs with Flask",
)


def _report(application) -> MatchReport:
    return MatchReport.objects.get(application=application)


def _requirement(report: MatchReport, word: str) -> dict:
    return next(r for r in report.report["requirements"] if word.lower() in r["text"].lower())


def test_it_stores_the_report_and_the_score_when_an_application_is_created(application, resume):
    report = _report(application)
    application.refresh_from_db()

    assert application.match_score == report.score == report.score_source
    assert report.score_tailored is None and report.document_version is None
    assert report.resume == resume
    assert {"requirements", "keywords", "missing_claimable", "missing_unclaimable"} <= report.report.keys()
    assert _requirement(report, "PostgreSQL")["source"] == "matched"
    assert _requirement(report, "Kubernetes")["source"] != "matched"


def test_the_refresh_waits_for_the_commit(alice, resume, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        application = application_create(
            user=alice, company_name="Acme", role_title="Engineer", job_description=JOB_DESCRIPTION
        )
        assert not MatchReport.objects.exists()
    assert len(callbacks) == 1
    callbacks[0]()
    assert _report(application).score == Application.objects.get(pk=application.pk).match_score


def test_without_a_resume_there_is_no_report_until_one_is_added(alice, committed):
    with committed():
        application = application_create(
            user=alice, company_name="Acme", role_title="Engineer", job_description=JOB_DESCRIPTION
        )
    assert not MatchReport.objects.exists()
    assert Application.objects.get(pk=application.pk).match_score is None

    with committed():
        resume_create(user=alice, name="First", content=RESUME_MARKDOWN)

    assert Application.objects.get(pk=application.pk).match_score == _report(application).score


def test_it_recomputes_when_the_posting_changes(alice, application, committed):
    before = _report(application)

    with committed():
        application_update(user=alice, application_id=application.pk, job_description=NURSING_POSTING)

    after = _report(application)
    assert after.inputs_digest != before.inputs_digest
    assert after.score < before.score
    assert _requirement(after, "Registered Nurse")["source"] == "missing"
    assert Application.objects.get(pk=application.pk).match_score == after.score


def test_it_leaves_the_report_alone_when_nothing_it_reads_changed(alice, application, committed):
    before = _report(application)

    with committed():
        application_update(user=alice, application_id=application.pk, notes="Call Sam on Monday")
        application_update(user=alice, application_id=application.pk, job_description=JOB_DESCRIPTION)
    again = match_report_refresh(application=application)

    assert again.pk == before.pk
    assert (again.computed_at, again.inputs_digest) == (before.computed_at, before.inputs_digest)
    assert _report(application).computed_at == before.computed_at


def test_it_recomputes_when_the_resume_is_edited(alice, application, resume, committed):
    before = _report(application)

    with committed():
        resume_update(user=alice, resume=resume, content=KUBERNETES_RESUME)

    after = _report(application)
    assert after.score > before.score
    assert _requirement(after, "Kubernetes")["source"] == "matched"
    assert Application.objects.get(pk=application.pk).match_score == after.score


def test_it_follows_the_chosen_resume_and_falls_back_to_the_primary(alice, application, resume, committed):
    before = _report(application)
    with committed():
        other = resume_create(user=alice, name="With Kubernetes", content=KUBERNETES_RESUME)
    # Not chosen and not primary: nothing to recompute.
    assert _report(application).computed_at == before.computed_at

    with committed():
        application_update(user=alice, application_id=application.pk, resume_id=other.pk)
    chosen = _report(application)
    assert chosen.resume == other and chosen.score > before.score

    with committed():
        resume_delete(user=alice, resume_id=other.pk)
    fallback = _report(application)
    assert fallback.resume == resume
    assert fallback.score == before.score


def test_it_recomputes_when_the_tailored_resume_is_saved(application, committed):
    before = _report(application)
    with committed():
        document_version_write(
            application=application,
            document_type="research_report",
            content="# Report\n\nNotes.",
            source="ai",
        )
    assert _report(application).computed_at == before.computed_at

    with committed():
        document_version_write(
            application=application, document_type="optimized_resume", content=RESUME_MARKDOWN, source="ai"
        )

    after = _report(application)
    assert after.document_version.number == 1
    assert after.score_tailored is not None
    assert after.score == after.score_tailored
    assert _requirement(after, "PostgreSQL")["tailored"] == "matched"
    assert Application.objects.get(pk=application.pk).match_score == after.score


def test_the_same_inputs_give_the_same_report(application):
    first, second = match_inputs(application=application), match_inputs(application=application)

    assert first.digest == second.digest
    assert match_analyse(inputs=first).as_dict() == match_analyse(inputs=second).as_dict()
    assert match_analyse(inputs=first).as_dict() == _report(application).report


def test_a_refresh_of_a_deleted_application_does_nothing(alice, application):
    Application.objects.filter(pk=application.pk).delete()

    assert match_report_refresh(application=application) is None
    assert not MatchReport.objects.exists()


def test_a_resume_serving_many_applications_refreshes_them_in_the_worker(
    alice, application, resume, committed, require_redis, monkeypatch
):
    import django_rq

    from matching import services

    monkeypatch.setattr(services, "RESUME_FAN_OUT_INLINE", 0)
    queue = django_rq.get_queue("default")
    queue.empty()
    before = _report(application)

    with committed():
        resume_update(user=alice, resume=resume, content=KUBERNETES_RESUME)

    # Nothing done in the request but handing the work over.
    assert _report(application).computed_at == before.computed_at
    (job,) = queue.get_jobs()
    assert job.func_name == "matching.jobs.resume_reports_refresh"
    assert job.perform() == 1
    assert _report(application).score > before.score
    queue.empty()


def test_a_new_version_of_the_analysis_makes_the_stored_reports_stale(application, monkeypatch):
    from matching import services

    before = _report(application)
    assert match_report_refresh(application=application).computed_at == before.computed_at

    monkeypatch.setattr(services, "ANALYSIS_REVISION", "a later engine")

    assert match_report_refresh(application=application).computed_at > before.computed_at
    assert _report(application).inputs_digest != before.inputs_digest
