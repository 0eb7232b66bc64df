"""Operators' match report pages: read-only, and the change list loads no report or
posting text, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jobforge.accounts.models import User
from matching.models import MatchReport
from tests.matching.conftest import application_save

pytestmark = pytest.mark.django_db

URL = "/admin/matching/matchreport/"
TEXT_COLUMNS = ('"matching_matchreport"."report"', '"applications_application"."job_description"')


@pytest.fixture
def operator_client(client):
    client.force_login(User.objects.create_superuser("ops@example.com", "Ops-Pass-123"))
    return client


def test_the_change_list_reads_no_text_and_a_fixed_number_of_queries(
    operator_client, alice, resume, committed
):
    with committed():
        application_save(alice, "Globex")
    with CaptureQueriesContext(connection) as one:
        response = operator_client.get(URL)
    assert response.status_code == 200
    assert "Globex" in response.content.decode()
    assert not [q["sql"] for q in one.captured_queries if any(c in q["sql"] for c in TEXT_COLUMNS)]

    with committed():
        for n in range(5):
            application_save(alice, f"Initech {n}")
    with CaptureQueriesContext(connection) as six:
        operator_client.get(URL)
    assert len(six.captured_queries) == len(one.captured_queries)


def test_a_report_page_shows_it_and_nothing_can_change_it(operator_client, application):
    report = MatchReport.objects.get(application=application)

    page = operator_client.get(f"{URL}{report.pk}/change/")
    assert page.status_code == 200
    assert "Kubernetes" in page.content.decode()
    assert operator_client.get(f"{URL}add/").status_code == 403
    operator_client.post(f"{URL}{report.pk}/change/", {"score": 100})
    assert MatchReport.objects.get(pk=report.pk).score == report.score
