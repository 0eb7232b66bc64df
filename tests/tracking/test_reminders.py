"""Reminder mails (SPEC §12): each task due and each follow-up due is mailed once, whoever
sends them and however many senders run at once."""

import datetime as dt
import re
from collections import Counter

import django_rq
import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from redis import Redis
from rq.cron import CronScheduler

from applications.models import Application
from tests.concurrency import in_parallel
from tests.factories import ApplicationFactory
from tests.processing.worker_helpers import WorkerProcess
from tests.test_settings import PRODUCTION_ENV, manage
from tracking.jobs import reminders_send
from tracking.models import Task
from tracking.reminders import send_due_reminders

HOUR = dt.timedelta(hours=1)


def _task(user, title="Send the portfolio", *, due=-HOUR, **fields) -> Task:
    return Task.objects.create(user=user, title=title, due_at=timezone.now() + due, **fields)


def _follow_up(user, *, due=-HOUR, **fields) -> Application:
    application = ApplicationFactory(user=user, company_name="Globex", role_title="Data Engineer", **fields)
    Application.objects.filter(pk=application.pk).update(follow_up_at=timezone.now() + due)
    return application


@pytest.mark.django_db
class TestSending:
    def test_a_due_task_is_mailed_once_with_its_application_named_and_linked(self, alice, settings):
        settings.JOBFORGE_SITE_URL = "https://jobforge.example.com"
        application = ApplicationFactory(user=alice, company_name="Initech", role_title="Platform Engineer")
        task = _task(alice, application=application)

        assert send_due_reminders().tasks == 1
        assert send_due_reminders().total == 0  # the next run sends nothing more

        [message] = mail.outbox
        assert message.to == ["alice@example.com"]
        assert message.subject == "Reminder: Send the portfolio (Initech)"
        assert "Platform Engineer at Initech" in message.body
        assert f"https://jobforge.example.com/applications/{application.pk}/" in message.body
        task.refresh_from_db()
        assert task.reminded_at is not None

    def test_a_free_standing_task_links_to_the_dashboard(self, alice, settings):
        settings.JOBFORGE_SITE_URL = "https://jobforge.example.com"
        _task(alice, "Update LinkedIn")
        send_due_reminders()
        [message] = mail.outbox
        assert message.subject == "Reminder: Update LinkedIn"
        assert "Open it in Job Forge: https://jobforge.example.com/\n" in message.body

    def test_a_due_follow_up_is_mailed_once(self, alice):
        application = _follow_up(alice, stage="applied")
        assert send_due_reminders().follow_ups == 1
        assert send_due_reminders().total == 0
        [message] = mail.outbox
        assert message.subject == "Time to follow up: Data Engineer at Globex"
        assert f"/applications/{application.pk}/" in message.body
        application.refresh_from_db()
        assert application.follow_up_reminded_at is not None

    def test_nothing_is_mailed_before_it_is_due_or_when_it_no_longer_applies(self, alice):
        _task(alice, "Later", due=HOUR)
        _task(alice, "Done already", done=True)
        Task.objects.create(user=alice, title="No date")
        archived = ApplicationFactory(user=alice)
        Application.objects.filter(pk=archived.pk).update(archived=True)
        _task(alice, "For an archived application", application=archived)
        _follow_up(alice, due=HOUR)
        _follow_up(alice, stage="rejected")
        archived_follow_up = _follow_up(alice)
        Application.objects.filter(pk=archived_follow_up.pk).update(archived=True)

        assert send_due_reminders().total == 0
        assert mail.outbox == []

    def test_a_deactivated_user_gets_no_reminder(self, alice):
        _task(alice)
        alice.is_active = False
        alice.save(update_fields=["is_active"])
        assert send_due_reminders().total == 0
        assert mail.outbox == []

    def test_a_refused_mail_is_tried_again_on_the_next_run(self, alice, settings):
        task = _task(alice)
        settings.EMAIL_BACKEND = "tests.tracking.failing_mail.RefusingBackend"
        assert send_due_reminders().total == 0
        task.refresh_from_db()
        assert task.reminded_at is None

        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        assert send_due_reminders().tasks == 1
        assert len(mail.outbox) == 1

    def test_the_management_command_sends_them(self, alice, capsys):
        _task(alice)
        _follow_up(alice)
        call_command("send_reminders")
        assert "Sent 1 task reminder(s) and 1 follow-up reminder(s)." in capsys.readouterr().out
        assert len(mail.outbox) == 2

    def test_the_scheduled_job_sends_them(self, alice):
        _task(alice)
        assert reminders_send() == 1
        assert len(mail.outbox) == 1


def test_the_worker_schedule_enqueues_the_job_every_interval(settings):
    scheduler = CronScheduler(connection=Redis())  # nothing is sent to Redis until it starts
    scheduler.load_config_from_file("tracking.cron")
    [job] = scheduler.get_jobs()
    assert job.func is reminders_send
    assert job.queue_name == "default"
    assert job.interval == settings.JOBFORGE_REMINDER_INTERVAL == 300


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("require_postgres")
def test_two_senders_at_once_mail_each_reminder_exactly_once(alice, charlie):
    for n in range(20):
        _task(alice if n % 2 else charlie, f"Task {n}")
    for _ in range(5):
        _follow_up(alice)

    counts = in_parallel(send_due_reminders, threads=2)

    assert sum(count.tasks for count in counts) == 20
    assert sum(count.follow_ups for count in counts) == 5
    subjects = Counter(message.subject for message in mail.outbox)
    assert len(mail.outbox) == 25
    assert all(subjects[f"Reminder: Task {n}"] == 1 for n in range(20))


@pytest.fixture
def _empty_queue():
    queue = django_rq.get_queue("default")
    queue.connection.flushdb()  # Redis db of this test run only (REDIS_URL)
    yield queue
    queue.connection.flushdb()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("require_postgres", "require_redis")
def test_two_workers_running_the_scheduled_job_mail_each_reminder_once(alice, _empty_queue):
    for n in range(30):
        _task(alice, f"Task {n}")
    for _ in range(5):
        _follow_up(alice)
    _empty_queue.enqueue(reminders_send)
    _empty_queue.enqueue(reminders_send)

    workers = [WorkerProcess(burst=True), WorkerProcess(burst=True)]
    try:
        for worker in workers:
            assert worker.wait(90) == 0, worker.output()
        # The console backend prints each mail in the worker's output.
        subjects = Counter(
            subject
            for worker in workers
            for subject in re.findall(r"^Subject: (.*)$", worker.output(), flags=re.M)
        )
    finally:
        for worker in workers:
            worker.stop()
    assert all(subjects[f"Reminder: Task {n}"] == 1 for n in range(30)), subjects
    assert subjects["Time to follow up: Data Engineer at Globex"] == 5
    assert sum(subjects.values()) == 35
    assert not Task.objects.filter(reminded_at__isnull=True).exists()


@pytest.mark.parametrize(
    "value", ["jobforge.example.com", "ftp://jobforge.example.com", "https://x.example/app"]
)
def test_a_site_url_that_is_not_an_origin_stops_the_app(value):
    result = manage("check", env={**PRODUCTION_ENV, "JOBFORGE_SITE_URL": value})
    assert result.returncode != 0
    assert "JOBFORGE_SITE_URL must be the site's origin" in result.stderr
