"""Operators' admin for contacts, interviews and tasks: columns, filters, search, edits
checked by the services' rules."""

import pytest

from tests.applications.test_admin import operator_client  # noqa: F401  (fixture)
from tests.factories import ApplicationFactory
from tracking.models import Contact, Interview, Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(alice, charlie):
    globex = ApplicationFactory(user=alice, company_name="Globex")
    initech = ApplicationFactory(user=charlie, company_name="Initech")
    return {
        "contact": Contact.objects.create(application=globex, name="Grace Hopper", email="grace@example.com"),
        "other_contact": Contact.objects.create(application=initech, name="Peter Gibbons"),
        "interview": Interview.objects.create(
            application=globex, kind="technical", scheduled_at="2030-01-01T10:00:00Z"
        ),
        "task": Task.objects.create(user=alice, application=globex, title="Send the portfolio"),
        "free_task": Task.objects.create(user=charlie, title="Free-standing chore", done=True),
    }


def test_the_lists_show_their_columns_with_the_owner(operator_client, rows):  # noqa: F811
    page = operator_client.get("/admin/tracking/contact/").content.decode()
    for text in ("Grace Hopper", "grace@example.com", "Globex", "alice@example.com", "Peter Gibbons"):
        assert text in page
    page = operator_client.get("/admin/tracking/interview/").content.decode()
    assert "Technical" in page and "Pending" in page and "alice@example.com" in page
    page = operator_client.get("/admin/tracking/task/").content.decode()
    assert "Send the portfolio" in page and "Free-standing chore" in page


def test_the_lists_search_and_filter(operator_client, rows):  # noqa: F811
    page = operator_client.get("/admin/tracking/contact/", {"q": "initech"}).content.decode()
    assert "Peter Gibbons" in page and "Grace Hopper" not in page
    page = operator_client.get("/admin/tracking/task/", {"done__exact": "1"}).content.decode()
    assert "Free-standing chore" in page and "Send the portfolio" not in page
    page = operator_client.get("/admin/tracking/interview/", {"kind__exact": "final"}).content.decode()
    assert "Globex" not in page


def test_an_edit_is_checked_by_the_services_rules(operator_client, rows):  # noqa: F811
    contact = rows["contact"]
    url = f"/admin/tracking/contact/{contact.pk}/change/"
    data = {"name": "Grace", "role": "", "email": "grace@example.com", "phone": "", "notes": ""}
    response = operator_client.post(url, {**data, "linkedin_url": "ftp://example.com/grace"})
    assert response.status_code == 200  # the form again, with the error
    contact.refresh_from_db()
    assert contact.name == "Grace Hopper"
    response = operator_client.post(url, {**data, "linkedin_url": "https://example.com/grace"})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.name == "Grace" and contact.linkedin_url == "https://example.com/grace"


def test_rows_are_not_added_from_the_admin(operator_client, rows):  # noqa: F811
    for model in ("contact", "interview", "task"):
        assert operator_client.get(f"/admin/tracking/{model}/add/").status_code == 403
