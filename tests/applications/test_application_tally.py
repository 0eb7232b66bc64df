"""The list's `total` on PostgreSQL is read from the user's tally, kept by a trigger on the
applications table: in all and per value of each filter, archived ones apart. It is read
rather than counted, and stays exact through every kind of write: single and bulk
creates, edits of a filtered column, archiving, deleting (one, in bulk, or by cascade)."""

from collections import Counter

import psycopg
import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from applications.models import Application, ApplicationTally, tally_key
from applications.porting import bulk
from applications.selectors import TALLIED_FILTERS
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/applications"
COLUMNS = {"status": "status", "priority": "priority_level", "stage": "stage"} | {
    name: name for name in ("work_mode", "employment_type")
}


def tally(user) -> dict:
    return ApplicationTally.objects.filter(user=user).values_list("counts", flat=True).first() or {}


def counted(user) -> dict:
    """What the tally should hold: each key's count, from the rows themselves."""
    counts = Counter()
    for row in Application.objects.filter(user=user).values("archived", *COLUMNS.values()):
        counts[tally_key(archived=row["archived"])] += 1
        for name in TALLIED_FILTERS:
            counts[tally_key(archived=row["archived"], name=name, value=row[COLUMNS[name]])] += 1
    return dict(counts)


def test_every_kind_of_write_keeps_every_count_exact(require_postgres, alice, charlie):
    first, second, third = (
        ApplicationFactory(user=alice, priority_level=level, work_mode="remote")
        for level in ("low", "high", "high")
    )
    ApplicationFactory(user=charlie)
    Application.objects.bulk_create(
        [Application(user=alice, name=f"Bulk {n}", company_name="Bulk", role_title="Role") for n in range(4)]
    )
    assert tally(alice) == counted(alice)
    assert tally(alice)[tally_key(archived=False)] == 7
    assert tally(alice)[tally_key(archived=False, name="priority", value="high")] == 2

    bulk.application_bulk(user=alice, ids=[first.pk, second.pk], action="archive")
    assert tally(alice) == counted(alice)
    assert tally(alice)[tally_key(archived=True, name="work_mode", value="remote")] == 2
    bulk.application_bulk(user=alice, ids=[first.pk], action="unarchive")
    bulk.application_bulk(user=alice, ids=[first.pk, third.pk], action="set_stage", stage="offer")
    assert tally(alice) == counted(alice)

    # Edits of the filtered columns, by save and by a bulk update; an edit of any other
    # column, or one that writes the same values, changes nothing.
    third.priority_level = "low"
    third.save()
    Application.objects.filter(user=alice, company_name="Bulk").update(
        status="researched", work_mode="hybrid"
    )
    before = tally(alice)
    Application.objects.filter(user=alice).update(notes="touched", stage=Application.Stage.OFFER)
    Application.objects.filter(user=alice).update(stage=Application.Stage.OFFER)
    assert tally(alice) == counted(alice) != before
    assert tally(alice)[tally_key(archived=False, name="stage", value="offer")] == 6

    second.delete()  # archived
    third.delete()
    Application.objects.filter(user=alice, company_name="Bulk").delete()
    # Only `first` is left: one count per key.
    assert tally(alice) == counted(alice) == dict.fromkeys(counted(alice), 1)
    assert tally(charlie) == counted(charlie)
    # A count that falls to nothing leaves the tally, which stays small.
    first.delete()
    assert tally(alice) == {}


def test_deleting_a_user_takes_their_applications_and_tally(require_postgres, alice):
    ApplicationFactory(user=alice)
    alice.delete()  # the cascade deletes the applications; no tally may come back
    assert not ApplicationTally.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"archived": "true"},
        {"archived": "all"},
        {"status": "draft"},
        {"priority": "high", "archived": "all"},
        {"stage": "applied", "archived": "true"},
        {"work_mode": "remote"},
        {"employment_type": "contract"},
    ],
)
def test_a_list_that_one_filter_at_most_narrows_reads_its_total_from_the_tally(
    require_postgres, alice, alice_client, query
):
    for n in range(6):
        ApplicationFactory(
            user=alice,
            priority_level=("high", "low")[n % 2],
            work_mode=("remote", "onsite", "")[n % 3],
            employment_type=("contract", "full_time")[n % 2],
            stage=("applied", "saved")[n % 2],
            archived=n < 2,
        )
    rows = Application.objects.filter(user=alice)
    if query.get("archived", "false") != "all":
        rows = rows.filter(archived=query.get("archived") == "true")
    for name, value in query.items():
        if name != "archived":
            rows = rows.filter(**{COLUMNS[name]: value})
    for offset in (0, 1, 50):  # the first page, a deeper one, and past the end
        with CaptureQueriesContext(connection) as queries:
            body = alice_client.get(LIST, {**query, "limit": 1, "offset": offset}).json()
        assert body["total"] == rows.count()
        if offset < rows.count():
            page_sql = queries.captured_queries[1]["sql"]
            assert "applications_applicationtally" in page_sql and "COUNT(" not in page_sql


def test_a_list_with_two_filters_counts(require_postgres, alice, alice_client):
    ApplicationFactory(user=alice, priority_level="high", stage="applied")
    ApplicationFactory(user=alice, priority_level="high", stage="saved")
    with CaptureQueriesContext(connection) as queries:
        body = alice_client.get(LIST, {"priority": "high", "stage": "applied"}).json()
    assert body["total"] == 1
    assert "COUNT(*)" in queries.captured_queries[-1]["sql"]


def test_a_search_counts_its_matches_once_beside_its_page(require_postgres, alice, alice_client):
    for n in range(5):
        ApplicationFactory(user=alice, company_name=f"Zyxwerk Labs {n}")
    ApplicationFactory(user=alice, company_name="Other")
    ApplicationFactory(company_name="Zyxwerk of someone else")
    with CaptureQueriesContext(connection) as queries:
        body = alice_client.get(LIST, {"q": "zyxwerk", "limit": 2}).json()
    assert body["total"] == 5 and len(body["applications"]) == 2
    assert len(queries) == 2  # the user, then page and count together
    assert "COUNT(*) OVER ()" in queries.captured_queries[-1]["sql"]
    deeper = alice_client.get(LIST, {"q": "zyxwerk", "limit": 2, "offset": 4}).json()
    assert deeper["total"] == 5 and len(deeper["applications"]) == 1
    assert alice_client.get(LIST, {"q": "zyxwerk", "offset": 9}).json()["total"] == 5


def test_a_new_user_with_nothing_yet_has_a_total_of_zero(require_postgres, alice_client):
    assert alice_client.get(LIST).json()["total"] == 0
    assert alice_client.get(LIST, {"status": "draft"}).json()["total"] == 0


def test_the_list_page_reads_its_count_from_the_tally_too(require_postgres, alice, alice_web):
    for priority in ("high", "high", "low"):
        ApplicationFactory(user=alice, priority_level=priority)
    with CaptureQueriesContext(connection) as queries:
        page = alice_web.get("/applications/", {"priority": "high"})
    assert page.status_code == 200
    assert page.context["page_obj"].paginator.count == 2
    assert len(page.context["page_obj"].object_list) == 2
    assert not [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]


@pytest.mark.django_db(transaction=True)
def test_an_edit_that_changes_no_count_leaves_the_tally_unlocked(require_postgres):
    # Workers and the user edit an application's other columns all the time; those writes
    # must not queue behind each other on the user's tally row.
    application = ApplicationFactory(stage="saved")
    other = connection.get_connection_params()
    with psycopg.connect(**other, autocommit=True) as second:

        def tally_free() -> bool:
            try:
                second.execute(
                    "SELECT 1 FROM applications_applicationtally WHERE user_id = %s FOR UPDATE NOWAIT",
                    [application.user_id],
                )
            except psycopg.errors.LockNotAvailable:
                return False
            return True

        with transaction.atomic():
            Application.objects.filter(pk=application.pk).update(notes="edited", match_score=70)
            assert tally_free()
        with transaction.atomic():
            Application.objects.filter(pk=application.pk).update(stage="applied")
            assert not tally_free()
    assert tally(application.user)[tally_key(archived=False, name="stage", value="applied")] == 1
