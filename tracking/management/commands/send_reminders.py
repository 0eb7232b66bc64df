from django.core.management.base import BaseCommand

from tracking.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Mail the reminders of tasks and follow-ups now due, once each (for cron)."

    def handle(self, *args, **options):
        count = send_due_reminders()
        self.stdout.write(
            f"Sent {count.tasks} task reminder(s) and {count.follow_ups} follow-up reminder(s)."
        )
