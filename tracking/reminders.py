"""Reminder mails (SPEC §12): each task due and each follow-up due is mailed once.

`send_due_reminders` runs from the worker's schedule (`tracking/cron.py`) and from
`manage.py send_reminders` (cron). Any number of them may run at once: each reminder is
claimed by one conditional UPDATE (`reminded_at` still empty), and only the sender whose
UPDATE changed the row sends the mail. A mail that fails to go out is released for the
next run; a sender that dies between the claim and the send loses that one reminder
rather than ever sending one twice.
"""

import logging
from dataclasses import dataclass

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from applications.models import Application
from jobforge.links import absolute_url
from tracking.models import Task

logger = logging.getLogger(__name__)

# Reminders of a run, at most, per kind; the next run takes the rest.
BATCH = 500
# Follow-ups are for applications still in play with the employer (or about to be).
FOLLOW_UP_STAGES = (
    Application.Stage.SAVED,
    Application.Stage.APPLIED,
    Application.Stage.INTERVIEWING,
    Application.Stage.OFFER,
)


@dataclass
class ReminderCount:
    tasks: int = 0
    follow_ups: int = 0

    @property
    def total(self) -> int:
        return self.tasks + self.follow_ups


def _application_url(application_id) -> str:
    return absolute_url(reverse("applications:detail", kwargs={"pk": application_id}))


def _mail(*, to: str, template: str, context: dict) -> None:
    subject = " ".join(render_to_string(f"tracking/{template}_subject.txt", context).split())
    body = render_to_string(f"tracking/{template}.txt", context)
    send_mail(subject, body, None, [to])


def _tasks_due(now) -> list:
    return list(
        Task.objects.filter(
            done=False,
            reminded_at__isnull=True,
            due_at__lte=now,
            user__is_active=True,
        )
        .exclude(application__archived=True)
        .order_by("due_at")
        .values_list("pk", flat=True)[:BATCH]
    )


def _follow_ups_due(now) -> list:
    return list(
        Application.objects.filter(
            follow_up_reminded_at__isnull=True,
            follow_up_at__lte=now,
            archived=False,
            stage__in=FOLLOW_UP_STAGES,
            user__is_active=True,
        )
        .order_by("follow_up_at")
        .values_list("pk", flat=True)[:BATCH]
    )


def task_reminder_send(*, task_id, now) -> bool:
    """Claim the task's reminder and mail it; False when another sender had it already."""
    claimed = Task.objects.filter(pk=task_id, reminded_at__isnull=True, done=False).update(reminded_at=now)
    if not claimed:
        return False
    task = Task.objects.select_related("user", "application").get(pk=task_id)
    context = {
        "task": task,
        "application": task.application,
        "url": _application_url(task.application_id) if task.application_id else absolute_url("/"),
    }
    try:
        _mail(to=task.user.email, template="task_reminder", context=context)
    except Exception:
        Task.objects.filter(pk=task_id, reminded_at=now).update(reminded_at=None)
        raise
    return True


def follow_up_reminder_send(*, application_id, now) -> bool:
    """Claim the application's follow-up reminder and mail it; False when already claimed."""
    claimed = Application.objects.filter(pk=application_id, follow_up_reminded_at__isnull=True).update(
        follow_up_reminded_at=now
    )
    if not claimed:
        return False
    application = Application.objects.select_related("user").get(pk=application_id)
    context = {"application": application, "url": _application_url(application.pk)}
    try:
        _mail(to=application.user.email, template="follow_up_reminder", context=context)
    except Exception:
        Application.objects.filter(pk=application_id, follow_up_reminded_at=now).update(
            follow_up_reminded_at=None
        )
        raise
    return True


def send_due_reminders(*, now=None) -> ReminderCount:
    """Mail every task and follow-up due by `now` that has not been reminded of, once each.

    Done tasks, archived applications, closed applications (rejected, withdrawn,
    declined) and deactivated users get no reminder. A mail the server refuses is logged
    and tried again on the next run.
    """
    now = now or timezone.now()
    count = ReminderCount()
    for task_id in _tasks_due(now):
        try:
            count.tasks += task_reminder_send(task_id=task_id, now=now)
        except Exception:
            logger.exception("Could not send the reminder of task %s; the next run tries again", task_id)
    for application_id in _follow_ups_due(now):
        try:
            count.follow_ups += follow_up_reminder_send(application_id=application_id, now=now)
        except Exception:
            logger.exception(
                "Could not send the follow-up reminder of application %s; the next run tries again",
                application_id,
            )
    return count
