"""`manage.py match_reports_refresh`: bring every application's match report up to date.

For applications saved before match reports existed, or after a new version of the
analysis (its code and word lists are part of every report's digest). Safe to run again: a report whose inputs
did not change is left as it is.
"""

from django.core.management.base import BaseCommand

from applications.models import Application
from matching.services import match_report_refresh

CHUNK = 500


class Command(BaseCommand):
    help = "Compute or refresh the match report of every application (only those whose inputs changed)."

    def handle(self, *args, **options) -> None:
        done = 0
        applications = Application.objects.order_by("pk").only("id", "match_score")
        for application in applications.iterator(chunk_size=CHUNK):
            match_report_refresh(application=application)
            done += 1
        self.stdout.write(f"Match reports checked for {done} applications.")
