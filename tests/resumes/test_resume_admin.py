"""Operators' admin for resumes keeps the one-primary rule."""

import pytest

from jobforge.accounts.models import User
from resumes.models import Resume
from tests.factories import RESUME_MARKDOWN, ResumeFactory

pytestmark = pytest.mark.django_db

LIST = "/admin/resumes/resume/"


@pytest.fixture
def operator_client(client):
    client.force_login(User.objects.create_superuser("ops@example.com", "Ops-Pass-123"))
    return client


def test_the_list_and_change_form_load(operator_client, alice, charlie):
    resume = ResumeFactory(user=alice, name="Alice main", is_primary=True)
    ResumeFactory(user=charlie, name="Charlie main", is_primary=True)
    page = operator_client.get(LIST).content.decode()
    assert "Alice main" in page and "Charlie main" in page and "alice@example.com" in page
    page = operator_client.get(LIST, {"q": "charlie@"}).content.decode()
    assert "Charlie main" in page and "Alice main" not in page
    response = operator_client.get(f"{LIST}{resume.pk}/change/")
    assert response.status_code == 200
    assert "Jordan Rivera" in response.content.decode()
    assert operator_client.get(f"{LIST}add/").status_code == 200


def test_adding_a_first_resume_makes_it_primary(operator_client, alice):
    response = operator_client.post(
        f"{LIST}add/",
        {"user": str(alice.pk), "name": "Added", "content": RESUME_MARKDOWN, "focus_area": "other"},
    )
    assert response.status_code == 302
    assert Resume.objects.get(user=alice).is_primary is True


def test_short_content_is_a_field_error(operator_client, alice):
    response = operator_client.post(
        f"{LIST}add/", {"user": str(alice.pk), "name": "Added", "content": "too short", "focus_area": "other"}
    )
    assert response.status_code == 200
    assert "at least 100 characters" in response.content.decode()
    assert Resume.objects.count() == 0


def test_make_primary_action_moves_the_flag(operator_client, alice):
    ResumeFactory(user=alice, name="Old", is_primary=True)
    new = ResumeFactory(user=alice, name="New")
    operator_client.post(LIST, {"action": "make_primary", "_selected_action": [str(new.pk)]})
    assert list(Resume.objects.filter(user=alice, is_primary=True).values_list("name", flat=True)) == ["New"]


def test_the_only_primary_cannot_be_deleted_but_a_primary_with_siblings_promotes(operator_client, alice):
    only = ResumeFactory(user=alice, name="Only", is_primary=True)
    assert operator_client.get(f"{LIST}{only.pk}/delete/").status_code == 403
    sibling = ResumeFactory(user=alice, name="Sibling")
    response = operator_client.post(f"{LIST}{only.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    sibling.refresh_from_db()
    assert sibling.is_primary is True
    assert not Resume.objects.filter(pk=only.pk).exists()


def test_bulk_delete_keeps_one_primary(operator_client, alice):
    first = ResumeFactory(user=alice, is_primary=True)
    second = ResumeFactory(user=alice)
    operator_client.post(
        LIST,
        {"action": "delete_selected", "_selected_action": [str(first.pk), str(second.pk)], "post": "yes"},
    )
    remaining = Resume.objects.filter(user=alice)
    assert remaining.count() == 1
    assert remaining.get().is_primary is True
