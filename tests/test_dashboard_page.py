"""The dashboard: the pipeline per stage, how many are in progress, the newest rows, the resume hint."""

import pytest

from applications import services
from tests.factories import ApplicationFactory, ResumeFactory
from tests.pages import text_of

pytestmark = pytest.mark.django_db


def test_it_counts_the_applications_per_stage_and_those_in_progress(web, alice, charlie):
    for stage in ("applied", "interviewing", "rejected"):
        services.application_stage_change(user=alice, application=ApplicationFactory(user=alice), stage=stage)
    ApplicationFactory(user=alice)
    ApplicationFactory(user=charlie)
    response = web.get("/")
    assert "You are tracking 4 applications, 2 in progress." in text_of(response)
    counts = {stage["value"]: stage["count"] for stage in response.context["stages"]}
    assert counts == {
        "saved": 1,
        "applied": 1,
        "interviewing": 1,
        "offer": 0,
        "rejected": 1,
        "withdrawn": 0,
        "declined": 0,
    }


def test_it_shows_the_six_newest_applications(web, alice):
    for n in range(8):
        ApplicationFactory(user=alice, company_name=f"Company {n}")
    recent = web.get("/").context["recent"]
    assert [a.company_name for a in recent] == [f"Company {n}" for n in range(7, 1, -1)]


def test_the_resume_hint_goes_once_the_library_has_a_resume(web, alice):
    assert "Add your resume first" in text_of(web.get("/"))
    ResumeFactory(user=alice, is_primary=True)
    assert "Add your resume first" not in text_of(web.get("/"))
