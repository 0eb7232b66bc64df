"""Operators' admin for applications (timeline and documents inline), documents and versions."""

import pytest

from applications.models import Application
from documents.models import DocumentVersion
from jobforge.accounts.models import User
from tests.factories import ApplicationFactory, ResumeFactory, document_write

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator_client(client):
    client.force_login(User.objects.create_superuser("ops@example.com", "Ops-Pass-123"))
    return client


@pytest.fixture
def app(alice):
    app = ApplicationFactory(user=alice, company_name="Globex", role_title="Data Engineer")
    document_write(app, "research_report", "# Globex research")
    return app


def test_the_application_list_shows_company_role_stage_status_and_owner(operator_client, app, charlie):
    ApplicationFactory(user=charlie, company_name="Initech")
    response = operator_client.get("/admin/applications/application/")
    assert response.status_code == 200
    page = response.content.decode()
    for text in ("Globex", "Data Engineer", "Saved", "Draft", "alice@example.com", "Initech"):
        assert text in page


def test_the_application_list_searches_and_filters(operator_client, app, charlie):
    ApplicationFactory(user=charlie, company_name="Initech")
    page = operator_client.get("/admin/applications/application/", {"q": "globex"}).content.decode()
    assert "Globex" in page and "Initech" not in page
    page = operator_client.get("/admin/applications/application/", {"q": "charlie@"}).content.decode()
    assert "Initech" in page and "Globex" not in page
    page = operator_client.get(
        "/admin/applications/application/", {"stage__exact": "applied"}
    ).content.decode()
    assert "Globex" not in page


def test_the_application_list_queries_do_not_grow_with_rows(
    operator_client, alice, django_assert_max_num_queries
):
    for n in range(20):
        ApplicationFactory(user=alice, company_name=f"Company {n}")
    with django_assert_max_num_queries(12):
        assert operator_client.get("/admin/applications/application/").status_code == 200


def test_the_change_form_shows_the_timeline_and_documents(operator_client, app):
    response = operator_client.get(f"/admin/applications/application/{app.pk}/change/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Stage events" in page
    assert "Research report" in page
    assert app.name in page


def _change_form(app) -> dict:
    return {
        "stage": "applied",
        "priority_level": "medium",
        "company_name": "Globex",
        "role_title": "Data Engineer",
        "job_url": "",
        "location": "Remote",
        "job_description": app.job_description,
        "resume": "",
        "additional_context": "",
        "notes": "Sent by the operator",
        "stage_events-TOTAL_FORMS": "1",
        "stage_events-INITIAL_FORMS": "1",
        "stage_events-MIN_NUM_FORMS": "0",
        "stage_events-MAX_NUM_FORMS": "1000",
        "stage_events-0-id": str(app.stage_events.get().pk),
        "stage_events-0-application": str(app.pk),
        "documents-TOTAL_FORMS": "1",
        "documents-INITIAL_FORMS": "1",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
        "documents-0-id": str(app.documents.get().pk),
        "documents-0-application": str(app.pk),
    }


def test_a_stage_change_in_the_admin_goes_through_the_timeline(operator_client, app, alice):
    url = f"/admin/applications/application/{app.pk}/change/"
    form = _change_form(app)
    response = operator_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    app.refresh_from_db()
    assert (app.stage, app.notes) == ("applied", "Sent by the operator")
    assert app.applied_at is not None
    assert [(e.from_stage, e.to_stage) for e in app.stage_events.all()] == [
        ("", "saved"),
        ("saved", "applied"),
    ]

    # Another user's resume and a too-short posting are refused with field errors.
    foreign = ResumeFactory(user=User.objects.create_user("x@example.com", "Xx-Pass-123"))
    response = operator_client.post(url, {**form, "resume": str(foreign.pk), "job_description": "short"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "this user&#x27;s own resumes" in page
    assert "at least 50 characters" in page
    app.refresh_from_db()
    assert app.resume_id is None


def test_applications_are_not_added_in_the_admin(operator_client):
    assert operator_client.get("/admin/applications/application/add/").status_code == 403
    assert Application.objects.count() == 0


def test_document_pages_load(operator_client, app):
    document = app.documents.get()
    document_write(app, "research_report", "# Globex research, second take")
    page = operator_client.get("/admin/documents/document/").content.decode()
    assert "Research report" in page and "alice@example.com" in page
    response = operator_client.get(f"/admin/documents/document/{document.pk}/change/")
    assert response.status_code == 200
    assert "second take" in response.content.decode()
    assert operator_client.get("/admin/documents/document/", {"q": "globex"}).status_code == 200


def test_document_version_pages_load(operator_client, app):
    version = DocumentVersion.objects.get()
    response = operator_client.get("/admin/documents/documentversion/")
    assert response.status_code == 200
    assert "v1 (ai)" in response.content.decode()
    response = operator_client.get(f"/admin/documents/documentversion/{version.pk}/change/")
    assert response.status_code == 200
    assert "Globex research" in response.content.decode()
    assert operator_client.get("/admin/documents/documentversion/add/").status_code == 403


def test_the_job_details_are_edited_under_the_same_rules(operator_client, app):
    url = f"/admin/applications/application/{app.pk}/change/"
    details = {
        "stage": "saved",
        "work_mode": "remote",
        "employment_type": "full_time",
        "salary_min": "100000",
        "salary_max": "120000",
        "salary_currency": "usd",
        "salary_period": "year",
        "posted_at": "2025-06-01",
        "deadline": "2025-07-01",
        "source": "jobs.example.com",
    }
    response = operator_client.post(url, {**_change_form(app), **details})
    assert response.status_code == 302, response.content.decode()[:3000]
    app.refresh_from_db()
    assert app.pay_display == "USD 100,000–120,000 per year"
    assert (app.work_mode, str(app.deadline), app.source) == ("remote", "2025-07-01", "jobs.example.com")

    response = operator_client.post(url, {**_change_form(app), **details, "salary_max": "90000"})
    assert response.status_code == 200
    assert "The highest pay must not be below the lowest." in response.content.decode()
    app.refresh_from_db()
    assert app.salary_max == 120000
