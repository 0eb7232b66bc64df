"""The worker's schedule, for RQ's cron scheduler: `python manage.py rqcron tracking.cron`.

It enqueues the reminder run on the default queue every `JOBFORGE_REMINDER_INTERVAL`
seconds, and the workers run it. Two schedulers (or a cron job running `manage.py
send_reminders` as well) send nothing twice: each reminder is claimed once.
"""

from django.conf import settings
from rq import cron

from tracking.jobs import reminders_send

cron.register(
    reminders_send,
    queue_name="default",
    interval=settings.JOBFORGE_REMINDER_INTERVAL,
    job_timeout=600,
    result_ttl=3600,
)
