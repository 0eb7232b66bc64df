"""The tracking services' rules, called directly as the UI and the admin call them."""

import datetime as dt

import pytest
from django.utils import timezone

from applications.models import Application
from jobforge.errors import NotFound, ValidationFailed
from tests.factories import ApplicationFactory
from tracking import selectors, services
from tracking.models import Contact, Interview, Task

pytestmark = pytest.mark.django_db


def test_a_contacts_text_is_trimmed_and_bounded_by_the_models_rules(alice):
    application = ApplicationFactory(user=alice)
    contact = services.contact_create(
        user=alice, application=application, name="  Ada  ", email=" ada@example.com "
    )
    assert (contact.name, contact.email) == ("Ada", "ada@example.com")
    with pytest.raises(ValidationFailed) as error:
        services.contact_update(user=alice, contact=contact, phone="1" * 51, name=None)
    assert set(error.value.details) == {"phone", "name"}
    contact.refresh_from_db()
    assert contact.name == "Ada"


def test_services_refuse_another_users_rows(alice, charlie):
    application = ApplicationFactory(user=alice)
    contact = Contact.objects.create(application=application, name="Ada")
    interview = Interview.objects.create(application=application, scheduled_at=timezone.now())
    task = Task.objects.create(user=alice, title="Mine")
    with pytest.raises(NotFound):
        services.contact_create(user=charlie, application=application, name="x")
    with pytest.raises(NotFound):
        services.contact_update(user=charlie, contact=contact, name="x")
    with pytest.raises(NotFound):
        services.interview_delete(user=charlie, interview=interview)
    with pytest.raises(NotFound):
        services.task_update(user=charlie, task=task, done=True)
    with pytest.raises(NotFound):
        services.task_create(user=charlie, application_id=application.pk, title="x")
    with pytest.raises(NotFound):
        services.contact_get_for_user(user=charlie, contact_id=contact.pk)
    with pytest.raises(NotFound):
        services.task_get_for_user(user=charlie, task_id="not-a-uuid")
    assert Contact.objects.get().name == "Ada" and Task.objects.get().done is False


@pytest.mark.parametrize("stage", ["saved", "applied"])
def test_scheduling_an_interview_moves_the_application_to_interviewing(alice, stage):
    application = ApplicationFactory(user=alice, stage=stage)
    services.interview_create(user=alice, application=application, scheduled_at="2030-01-01T10:00:00+02:00")
    application.refresh_from_db()
    assert application.stage == Application.Stage.INTERVIEWING
    assert application.stage_events.order_by("created_at", "id").last().from_stage == stage
    interview = Interview.objects.get()
    assert interview.scheduled_at == dt.datetime(2030, 1, 1, 8, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize("stage", ["interviewing", "offer", "rejected", "withdrawn", "declined"])
def test_scheduling_an_interview_leaves_other_stages_alone(alice, stage):
    application = ApplicationFactory(user=alice, stage=stage)
    services.interview_create(user=alice, application=application, scheduled_at=timezone.now())
    application.refresh_from_db()
    assert application.stage == stage
    assert application.stage_events.count() == 1


def test_a_refused_interview_moves_nothing(alice):
    application = ApplicationFactory(user=alice, stage="applied")
    with pytest.raises(ValidationFailed):
        services.interview_create(
            user=alice, application=application, scheduled_at=timezone.now(), duration_minutes=0
        )
    application.refresh_from_db()
    assert application.stage == "applied"
    assert not Interview.objects.exists()


def test_due_items_show_overdue_and_soon_due_but_not_archived_done_or_later(alice, charlie):
    now = timezone.now()
    kept = ApplicationFactory(user=alice, follow_up_at=now - dt.timedelta(days=1))
    archived = ApplicationFactory(user=alice, archived=True, follow_up_at=now)
    ApplicationFactory(user=alice, follow_up_at=now + dt.timedelta(days=30))
    Task.objects.create(user=alice, title="overdue", due_at=now - dt.timedelta(hours=2))
    Task.objects.create(user=alice, title="soon", due_at=now + dt.timedelta(days=2), application=kept)
    Task.objects.create(user=alice, title="done", due_at=now, done=True)
    Task.objects.create(user=alice, title="later", due_at=now + dt.timedelta(days=30))
    Task.objects.create(user=alice, title="undated")
    Task.objects.create(user=alice, title="archived", due_at=now, application=archived)
    Task.objects.create(user=charlie, title="charlie's", due_at=now)
    due = selectors.due_items(user=alice, now=now)
    assert [task.title for task in due.tasks] == ["overdue", "soon"]
    assert [application.pk for application in due.follow_ups] == [kept.pk]
