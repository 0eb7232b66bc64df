"""A resume's focus is used: the application page points at the library resume whose focus
fits the posting when another one would be tailored, and switches to it in one click; the
application form names each resume with its focus."""

import pytest

from applications.models import Application
from resumes.focus import posting_focus
from tests.factories import ApplicationFactory, ResumeFactory
from tests.pages import messages_of, text_of

DATA_POSTING = (
    "We are hiring a Data Scientist to build machine learning models for demand forecasting. "
    "You will run A/B testing, work in pandas and PyTorch, and explain statistics to the team."
)


@pytest.mark.parametrize(
    ("title", "text", "focus"),
    [
        ("Senior Backend Engineer", "Python APIs, Kubernetes and PostgreSQL.", "software_development"),
        ("Data Scientist", DATA_POSTING, "data_science"),
        ("Engineering Manager", "Hiring, the roadmap and five direct reports.", "management"),
        ("Senior Associate", "Client engagements, workshops and deliverables.", "consulting"),
        ("Office Clerk", "Filing and answering the phone.", None),
        ("Data Engineer", "Our team.", None),  # as much a data role as a software one: no guess
    ],
)
def test_a_postings_focus_comes_from_its_title_and_text(title, text, focus):
    assert posting_focus(title=title, text=text) == focus


@pytest.fixture
def library(alice):
    backend = ResumeFactory(user=alice, name="Backend", is_primary=True, focus_area="software_development")
    data = ResumeFactory(user=alice, name="Data", focus_area="data_science")
    return backend, data


pytestmark = pytest.mark.django_db


def test_the_page_suggests_the_resume_whose_focus_fits_and_switches_to_it(alice_web, alice, library):
    _backend, data = library
    application = ApplicationFactory(user=alice, role_title="Data Scientist", job_description=DATA_POSTING)
    page = text_of(alice_web.get(f"/applications/{application.pk}/"))
    assert "Backend (primary)" in page
    assert (
        "This posting reads like a data science role; your resume “Data” is marked for data science." in page
    )

    response = alice_web.post(
        f"/applications/{application.pk}/resume/", {"resume": str(data.pk)}, follow=True
    )
    assert "This application now tailors “Data”." in messages_of(response)
    assert Application.objects.get(pk=application.pk).resume_id == data.pk
    assert "reads like" not in text_of(response)  # the resume in use fits now


def test_no_suggestion_when_the_resume_in_use_fits_or_the_posting_is_unclear(alice_web, alice, library):
    fits = ApplicationFactory(user=alice)  # a backend posting, the backend resume is primary
    unclear = ApplicationFactory(
        user=alice, role_title="Office Clerk", job_description="Filing, post and the phone. " * 4
    )
    for application in (fits, unclear):
        assert "reads like" not in text_of(alice_web.get(f"/applications/{application.pk}/"))


def test_another_users_resume_cannot_be_picked(alice_web, alice, charlie, library):
    application = ApplicationFactory(user=alice)
    foreign = ResumeFactory(user=charlie, is_primary=True)
    response = alice_web.post(
        f"/applications/{application.pk}/resume/", {"resume": str(foreign.pk)}, follow=True
    )
    assert "That resume is not in your library." in messages_of(response)
    assert Application.objects.get(pk=application.pk).resume_id is None


def test_a_stranger_cannot_switch_the_resume_of_an_application(stranger, alice, charlie, library):
    application = ApplicationFactory(user=alice)
    response = stranger.post(f"/applications/{application.pk}/resume/", {"resume": str(library[1].pk)})
    assert response.status_code == 404
    assert Application.objects.get(pk=application.pk).resume_id is None


def test_the_form_names_each_resume_with_its_focus(alice_web, alice, library):
    ResumeFactory(user=alice, name="General", focus_area="other")
    html = alice_web.get("/applications/new/").content.decode()
    assert ">Backend (Software development)</option>" in html
    assert ">Data (Data science)</option>" in html
    assert ">General</option>" in html
