"""The default list's `total` on PostgreSQL is the user's tally, kept by a trigger on the
applications table, so it is read rather than counted and stays exact through every kind
of write: single and bulk creates, archiving, deleting (one, in bulk, or by cascade)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from applications.models import Application, ApplicationTally
from applications.porting import bulk
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/applications"


def tally(user) -> int:
    return ApplicationTally.objects.filter(user=user).values_list("active", flat=True).first() or 0


def active(user) -> int:
    return Application.objects.filter(user=user, archived=False).count()


def test_every_kind_of_write_keeps_the_tally_exact(require_postgres, alice, charlie):
    first, second, third = (ApplicationFactory(user=alice) for _ in range(3))
    ApplicationFactory(user=charlie)
    Application.objects.bulk_create(
        [Application(user=alice, name=f"Bulk {n}", company_name="Bulk", role_title="Role") for n in range(4)]
    )
    assert tally(alice) == active(alice) == 7
    bulk.application_bulk(user=alice, ids=[first.pk, second.pk], action="archive")
    assert tally(alice) == active(alice) == 5
    bulk.application_bulk(user=alice, ids=[first.pk], action="unarchive")
    assert tally(alice) == active(alice) == 6
    second.delete()  # archived: it was not counted
    third.delete()
    assert tally(alice) == active(alice) == 5
    Application.objects.filter(user=alice, company_name="Bulk").delete()
    assert tally(alice) == active(alice) == 1
    assert tally(charlie) == active(charlie) == 1


def test_the_default_list_reads_its_total_from_the_tally(require_postgres, alice, alice_client):
    applications = [ApplicationFactory(user=alice) for _ in range(3)]
    bulk.application_bulk(user=alice, ids=[applications[0].pk], action="archive")
    with CaptureQueriesContext(connection) as queries:
        body = alice_client.get(LIST, {"limit": 1}).json()
    assert body["total"] == 2
    page_sql = queries.captured_queries[-1]["sql"]
    assert "applications_applicationtally" in page_sql and "COUNT(" not in page_sql
    # A deeper page reads it too.
    assert alice_client.get(LIST, {"limit": 1, "offset": 1}).json()["total"] == 2
    # A filtered list counts: the tally is of the whole list only.
    with CaptureQueriesContext(connection) as queries:
        archived = alice_client.get(LIST, {"archived": "true"}).json()
    assert archived["total"] == 1
    assert "COUNT(" in queries.captured_queries[-1]["sql"]


def test_a_new_user_with_nothing_yet_has_a_total_of_zero(require_postgres, alice_client):
    assert alice_client.get(LIST).json()["total"] == 0
