"""SPEC §12's application fields in the pages: archive from the application page (hidden
from the list, board and dashboard, shown by the filter), the follow-up and applied dates
in the edit form, the declined stage, and no AI-status badge on list rows."""

import pytest

from applications.models import Application
from tests.factories import ApplicationFactory
from tests.pages import messages_of, text_of

pytestmark = pytest.mark.django_db


def test_archiving_hides_it_from_the_list_board_and_dashboard_and_unarchiving_brings_it_back(web, alice):
    application = ApplicationFactory(user=alice, company_name="Globex")
    ApplicationFactory(user=alice, company_name="Initech")
    response = web.post(f"/applications/{application.pk}/archive/", {"archived": "on"}, follow=True)
    assert any("Archived Globex" in message for message in messages_of(response))
    assert "Unarchive" in text_of(response) and "Archived" in text_of(response)
    application.refresh_from_db()
    assert application.archived is True
    for url in ("/applications/", "/applications/board/", "/"):
        text = text_of(web.get(url))
        assert "Initech" in text and "Globex" not in text, url
    archived_only = text_of(web.get("/applications/", {"archived": "true"}))
    assert "Globex" in archived_only and "Initech" not in archived_only
    everything = text_of(web.get("/applications/", {"archived": "all"}))
    assert "Globex" in everything and "Initech" in everything
    web.post(f"/applications/{application.pk}/archive/", {})
    application.refresh_from_db()
    assert application.archived is False
    assert "Globex" in text_of(web.get("/applications/"))


def test_the_dashboard_counts_leave_archived_applications_out(web, alice):
    ApplicationFactory(user=alice)
    ApplicationFactory(user=alice, archived=True)
    assert "You are tracking 1 application," in text_of(web.get("/"))


def test_archive_needs_a_post(web, alice):
    application = ApplicationFactory(user=alice)
    assert web.get(f"/applications/{application.pk}/archive/").status_code == 405


def test_list_rows_carry_no_ai_status_badge(web, alice):
    ApplicationFactory(user=alice)
    page = web.get("/applications/").content.decode()
    assert "badge-status-" not in page
    assert "badge-status-" not in web.get("/").content.decode()
    # The application page still shows it.
    application = Application.objects.get()
    assert "badge-status-draft" in web.get(f"/applications/{application.pk}/").content.decode()


def test_the_edit_form_sets_the_applied_and_follow_up_dates(web, alice):
    application = ApplicationFactory(user=alice, company_name="Globex")
    form = web.get(f"/applications/{application.pk}/edit/").content.decode()
    assert 'name="follow_up_at"' in form and 'name="applied_at"' in form
    response = web.post(
        f"/applications/{application.pk}/edit/",
        {
            "company_name": "Globex",
            "role_title": application.role_title,
            "job_description": application.job_description,
            "priority_level": "medium",
            "applied_at": "2025-06-01T09:00",
            "follow_up_at": "2030-06-08T09:00",
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.applied_at.isoformat() == "2025-06-01T09:00:00+00:00"
    assert application.follow_up_at.isoformat() == "2030-06-08T09:00:00+00:00"
    assert "Follow up on Jun 8, 2030" in text_of(web.get(f"/applications/{application.pk}/"))


def test_a_bad_follow_up_date_is_shown_next_to_the_field(web, alice):
    application = ApplicationFactory(user=alice)
    response = web.post(
        f"/applications/{application.pk}/edit/",
        {
            "company_name": "Globex",
            "role_title": "Engineer",
            "job_description": application.job_description,
            "priority_level": "medium",
            "follow_up_at": "soon",
        },
    )
    assert response.status_code == 200
    assert "Enter a date and time" in text_of(response)
    application.refresh_from_db()
    assert application.follow_up_at is None


def test_declined_is_in_the_stage_menu_filters_timeline_and_board(web, alice):
    application = ApplicationFactory(user=alice, stage="offer")
    page = web.get(f"/applications/{application.pk}/").content.decode()
    assert '<option value="declined">Declined</option>' in page
    web.post(f"/applications/{application.pk}/stage/", {"stage": "declined"})
    page = web.get(f"/applications/{application.pk}/").content.decode()
    assert 'badge badge-stage-declined">Declined' in page
    assert 'value="declined"' in web.get("/applications/").content.decode()
    assert 'data-stage="declined"' in web.get("/applications/board/").content.decode()
    assert "Declined" in text_of(web.get("/applications/", {"stage": "declined"}))
