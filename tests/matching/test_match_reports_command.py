"""`manage.py match_reports_refresh` fills in the reports of applications saved before
match reports existed, and leaves current ones alone."""

from io import StringIO

import pytest
from django.core.management import call_command

from applications.models import Application
from matching.models import MatchReport
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_it_reports_every_application_once(alice, resume, application):
    older = ApplicationFactory(user=alice, company_name="Older")  # saved outside a commit: no report yet
    current = MatchReport.objects.get(application=application)
    out = StringIO()

    call_command("match_reports_refresh", stdout=out)

    assert "checked for 2 applications" in out.getvalue()
    assert (
        Application.objects.get(pk=older.pk).match_score == MatchReport.objects.get(application=older).score
    )
    assert MatchReport.objects.get(application=application).computed_at == current.computed_at
