"""The tracking pages: the application page's interviews, tasks and contacts, their forms,
the tasks page with done toggles, and the dashboard's due and overdue items."""

import datetime as dt

import pytest
from django.utils import timezone

from applications.models import Application
from tests.factories import ApplicationFactory
from tests.pages import error_next_to, messages_of, page_queries, text_of
from tracking.models import Contact, Interview, Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(alice):
    return ApplicationFactory(user=alice, stage="applied", company_name="Globex", role_title="Data Engineer")


def _sections(web, application, **headers):
    return web.get(f"/applications/{application.pk}/tracking/", **headers)


class TestApplicationSections:
    def test_the_application_page_loads_the_sections_with_a_fallback_link(self, web, application):
        page = web.get(f"/applications/{application.pk}/").content.decode()
        assert f'hx-get="/applications/{application.pk}/tracking/"' in page
        assert "Open them here" in page

    def test_the_partial_and_the_page_show_interviews_tasks_and_contacts(self, web, alice, application):
        Interview.objects.create(
            application=application, kind="technical", scheduled_at="2030-05-01T15:00:00Z"
        )
        Contact.objects.create(application=application, name="Grace Hopper", email="grace@example.com")
        Task.objects.create(user=alice, application=application, title="Send the portfolio")
        Task.objects.create(user=alice, title="Unrelated chore")
        partial = _sections(web, application, HTTP_HX_REQUEST="true")
        assert partial.status_code == 200
        assert b"<html" not in partial.content
        text = text_of(partial)
        for expected in ("Technical", "Wed May 1, 2030 · 15:00", "Grace Hopper", "Send the portfolio"):
            assert expected in text
        assert "Unrelated chore" not in text
        html = partial.content.decode()
        for label in (
            'aria-label="Delete the technical interview of May 1"',
            'aria-label="Edit Grace Hopper"',
            'aria-label="Delete “Send the portfolio”"',
            'aria-label="Mark “Send the portfolio” as done"',
        ):
            assert label in html
        page = _sections(web, application)
        assert b"<html" in page.content and "Grace Hopper" in text_of(page)

    def test_the_partial_runs_the_same_queries_for_1_and_20_of_each(self, web, alice, application):
        def add():
            Interview.objects.create(application=application, scheduled_at="2030-05-01T15:00:00Z")
            Contact.objects.create(application=application, name="C")
            Task.objects.create(user=alice, application=application, title="T")

        add()
        url = f"/applications/{application.pk}/tracking/"
        one = page_queries(web, url)
        for _ in range(19):
            add()
        twenty = page_queries(web, url)
        # session, user, application, interviews, contacts, tasks
        assert len(twenty) == len(one) == 6, "\n".join(twenty)

    def test_adding_an_interview_moves_the_application_and_says_so(self, web, application):
        response = web.post(
            f"/applications/{application.pk}/interviews/add/",
            {
                "interview-kind": "phone_screen",
                "interview-scheduled_at": "2030-05-01T15:00",
                "interview-duration_minutes": "30",
                "interview-outcome": "pending",
            },
            follow=True,
        )
        assert response.redirect_chain[-1][0] == f"/applications/{application.pk}/#tracking"
        assert any("now at “Interviewing”" in message for message in messages_of(response))
        application.refresh_from_db()
        assert application.stage == Application.Stage.INTERVIEWING
        assert Interview.objects.get().duration_minutes == 30
        assert "Interviewing" in text_of(response)

    def test_a_refused_interview_shows_the_error_next_to_the_field_and_saves_nothing(self, web, application):
        response = web.post(
            f"/applications/{application.pk}/interviews/add/",
            {
                "interview-kind": "phone_screen",
                "interview-scheduled_at": "not a date",
                "interview-duration_minutes": "0",
                "interview-outcome": "pending",
                "interview-meeting_url": "javascript:alert(1)",
            },
        )
        assert response.status_code == 400
        assert error_next_to(response, "id_interview-scheduled_at", "Enter a date and time")
        assert error_next_to(response, "id_interview-duration_minutes", "greater than or equal to 1")
        assert error_next_to(response, "id_interview-meeting_url", "Enter a link starting with")
        assert not Interview.objects.exists()
        application.refresh_from_db()
        assert application.stage == "applied"

    def test_it_adds_edits_and_deletes_a_contact(self, web, application):
        response = web.post(
            f"/applications/{application.pk}/contacts/add/",
            {"contact-name": "Grace Hopper", "contact-email": "grace@example.com"},
        )
        assert response.status_code == 302
        contact = Contact.objects.get()
        edit = web.get(f"/contacts/{contact.pk}/edit/")
        assert 'value="Grace Hopper"' in edit.content.decode()
        response = web.post(
            f"/contacts/{contact.pk}/edit/", {"contact-name": "Grace", "contact-email": "bad"}
        )
        assert response.status_code == 400
        assert error_next_to(response, "id_contact-email", "Enter a valid email address.")
        response = web.post(
            f"/contacts/{contact.pk}/edit/", {"contact-name": "Grace", "contact-role": "Recruiter"}
        )
        assert response.status_code == 302
        contact.refresh_from_db()
        assert (contact.name, contact.role, contact.email) == ("Grace", "Recruiter", "")
        response = web.post(f"/contacts/{contact.pk}/delete/")
        assert response.status_code == 302
        assert not Contact.objects.exists()

    def test_it_adds_a_task_and_ticks_it_off_and_back(self, web, application):
        web.post(
            f"/applications/{application.pk}/tasks/add/",
            {"task-title": "Send the portfolio", "task-due_at": "2030-01-02T09:00"},
        )
        task = Task.objects.get()
        assert task.application_id == application.pk
        assert task.due_at == dt.datetime(2030, 1, 2, 9, 0, tzinfo=dt.UTC)
        back = f"/applications/{application.pk}/tracking/#tracking"
        response = web.post(f"/tasks/{task.pk}/done/", {"done": "on", "next": back})
        assert response.status_code == 302 and response["Location"] == back
        task.refresh_from_db()
        assert task.done is True
        web.post(f"/tasks/{task.pk}/done/", {"next": back})
        task.refresh_from_db()
        assert task.done is False

    def test_an_offsite_next_is_ignored(self, web, alice, application):
        task = Task.objects.create(user=alice, application=application, title="T")
        response = web.post(f"/tasks/{task.pk}/done/", {"done": "on", "next": "https://evil.example/"})
        assert response["Location"] == f"/applications/{application.pk}/#tracking"


class TestTasksPage:
    def test_it_lists_every_task_with_its_application_and_adds_a_free_standing_one(
        self, web, alice, application
    ):
        Task.objects.create(user=alice, application=application, title="Send the portfolio")
        response = web.post("/tasks/", {"task-title": "Update my CV", "task-application": ""})
        assert response.status_code == 302
        page = web.get("/tasks/")
        text = text_of(page)
        assert "Send the portfolio" in text and "Globex — Data Engineer" in text and "Update my CV" in text
        assert Task.objects.get(title="Update my CV").application_id is None

    def test_it_refuses_another_users_application(self, web, charlie):
        foreign = ApplicationFactory(user=charlie)
        response = web.post("/tasks/", {"task-title": "Sneaky", "task-application": str(foreign.pk)})
        assert response.status_code == 400
        assert error_next_to(response, "id_task-application", "Select a valid choice")
        assert not Task.objects.exists()

    def test_it_marks_overdue_open_tasks(self, web, alice):
        Task.objects.create(user=alice, title="Late one", due_at=timezone.now() - dt.timedelta(days=1))
        Task.objects.create(
            user=alice, title="Done late", due_at=timezone.now() - dt.timedelta(days=1), done=True
        )
        page = web.get("/tasks/").content.decode()
        assert page.count("Overdue") == 1

    def test_it_runs_the_same_queries_for_1_and_30_tasks(self, web, alice, application):
        Task.objects.create(user=alice, title="T")
        one = page_queries(web, "/tasks/")
        for n in range(29):
            Task.objects.create(user=alice, application=application if n % 2 else None, title=f"T{n}")
        thirty = page_queries(web, "/tasks/")
        # session, user, count, the page of tasks with their application, the form's applications
        assert len(thirty) == len(one) == 5, "\n".join(thirty)

    def test_a_stranger_sees_none_of_them(self, stranger, alice):
        Task.objects.create(user=alice, title="Alice's secret")
        assert "Alice's secret" not in text_of(stranger.get("/tasks/"))


class TestDashboard:
    def test_it_shows_overdue_and_due_tasks_and_follow_ups_but_not_archived_ones(self, web, alice):
        now = timezone.now()
        kept = ApplicationFactory(user=alice, company_name="Globex", follow_up_at=now - dt.timedelta(hours=1))
        archived = ApplicationFactory(user=alice, company_name="Hidden Corp", follow_up_at=now, archived=True)
        Task.objects.create(
            user=alice, title="Overdue call", due_at=now - dt.timedelta(days=1), application=kept
        )
        Task.objects.create(user=alice, title="Soon chore", due_at=now + dt.timedelta(days=3))
        Task.objects.create(user=alice, title="Archived chore", due_at=now, application=archived)
        Task.objects.create(user=alice, title="Far chore", due_at=now + dt.timedelta(days=60))
        text = text_of(web.get("/"))
        assert "Due and overdue" in text
        assert "Overdue call" in text and "Soon chore" in text
        assert "Globex — Senior Backend Engineer" in text
        assert "Archived chore" not in text and "Far chore" not in text and "Hidden Corp" not in text

    def test_it_says_when_nothing_is_due(self, web, alice):
        assert "Nothing due in the next 7 days" in text_of(web.get("/"))

    def test_it_runs_the_same_queries_for_1_and_10_due_items(self, web, alice):
        now = timezone.now()
        app = ApplicationFactory(user=alice, follow_up_at=now)
        Task.objects.create(user=alice, title="T", due_at=now, application=app)
        one = page_queries(web, "/")
        for n in range(9):
            app = ApplicationFactory(user=alice, follow_up_at=now)
            Task.objects.create(user=alice, title=f"T{n}", due_at=now, application=app if n % 2 else None)
        ten = page_queries(web, "/")
        assert len(ten) == len(one) == 7, "\n".join(ten)
