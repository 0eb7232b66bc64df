"""Keyset (cursor) pages of the application list: `next`/`previous` links that carry a
signed cursor, right for every ordering with ties and unknown values, with filters and
`q`, stable while rows are added, and a fixed number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from applications import selectors
from applications.models import Application
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/applications"
ORDERINGS = ["", *selectors.ORDERING_CHOICES]


@pytest.fixture
def rows(alice, charlie):
    """13 of alice's applications with ties everywhere: the same creation time for four,
    company names that differ only by case, unknown deadlines and pay."""
    made = []
    for n in range(13):
        made.append(
            ApplicationFactory(
                user=alice,
                company_name=["acme", "Acme", "Beta", "beta", "Gamma"][n % 5],
                work_mode="remote" if n % 3 else "onsite",
                deadline=None if n % 4 == 0 else dt.date(2025, 9, 1 + n % 2),
                salary_max=None if n % 3 == 0 else 100_000 + 1000 * (n % 2),
            )
        )
    same_moment = timezone.now() - dt.timedelta(days=1)
    Application.objects.filter(pk__in=[a.pk for a in made[3:7]]).update(created_at=same_moment)
    Application.objects.filter(pk__in=[a.pk for a in made[7:9]]).update(updated_at=same_moment)
    ApplicationFactory(user=charlie, company_name="acme")  # never in alice's pages
    return made


def ids(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["applications"]]


def walk(client, params: dict, *, limit: int) -> tuple[list[str], list[dict]]:
    """Every id of the list by following `next` from the first page, and the pages' bodies."""
    bodies = [client.get(URL, {**params, "limit": limit}).json()]
    while bodies[-1]["next"]:
        assert len(bodies) < 50, "the links go round in circles"
        response = client.get(bodies[-1]["next"])
        assert response.status_code == 200, response.content
        bodies.append(response.json())
    return [item["id"] for body in bodies for item in body["applications"]], bodies


@pytest.mark.parametrize("ordering", ORDERINGS)
@pytest.mark.parametrize("filters", [{}, {"work_mode": "remote"}, {"q": "ACME"}])
def test_following_next_gives_every_row_once_in_the_list_order(alice_client, rows, ordering, filters):
    params = {**filters, "ordering": ordering}
    whole = ids(alice_client.get(URL, {**params, "limit": 100}))
    assert whole, "the filter keeps some rows"
    walked, bodies = walk(alice_client, params, limit=3)
    assert walked == whole
    assert [body["offset"] for body in bodies] == list(range(0, len(whole), 3))
    assert {body["total"] for body in bodies} == {len(whole)}
    assert bodies[0]["previous"] is None


@pytest.mark.parametrize("ordering", ORDERINGS)
def test_following_previous_comes_back_through_the_same_pages(alice_client, rows, ordering):
    _, bodies = walk(alice_client, {"ordering": ordering}, limit=4)
    assert len(bodies) == 4
    back = bodies[-1]
    for expected in reversed(bodies[:-1]):
        response = alice_client.get(back["previous"])
        back = response.json()
        assert ids(response) == [item["id"] for item in expected["applications"]]
        assert back["offset"] == expected["offset"]
        assert back["next"] is not None
    assert back["previous"] is None  # the first page again


def test_an_offset_page_links_to_cursor_pages_around_it(alice_client, rows):
    whole = ids(alice_client.get(URL, {"limit": 100}))
    body = alice_client.get(URL, {"limit": 4, "offset": 4}).json()
    assert "cursor=" in body["next"] and "offset=" not in body["next"]
    assert ids(alice_client.get(body["next"])) == whole[8:12]
    assert ids(alice_client.get(body["previous"])) == whole[0:4]
    assert alice_client.get(URL, {"limit": 4, "offset": 12}).json()["next"] is None


def test_the_links_keep_the_filters_and_the_limit(alice_client, rows):
    body = alice_client.get(URL, {"limit": 2, "work_mode": "remote", "ordering": "-salary_max"}).json()
    link = body["next"]
    assert link.startswith("http://testserver/api/v1/applications?")
    assert "work_mode=remote" in link and "ordering=-salary_max" in link and "limit=2" in link


def test_pages_stay_put_while_applications_are_added(alice_client, alice, rows):
    whole = ids(alice_client.get(URL, {"limit": 100}))
    first = alice_client.get(URL, {"limit": 5}).json()
    for _ in range(3):  # newer than every row: they sort before the pages already read
        ApplicationFactory(user=alice)
    second = alice_client.get(first["next"]).json()
    third = alice_client.get(second["next"]).json()
    read = [item["id"] for body in (first, second, third) for item in body["applications"]]
    assert read == whole  # nothing read twice, nothing skipped
    # The total is the count taken with the first page; a new first page counts again.
    assert (second["total"], third["total"]) == (13, 13)
    assert alice_client.get(URL, {"limit": 5}).json()["total"] == 16


@pytest.mark.parametrize(
    "cursor",
    ["junk", "", "eyJhIjoxfQ:1tLKxq:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
)
def test_a_cursor_that_is_not_ours_is_a_400(alice_client, rows, cursor):
    response = alice_client.get(URL, {"cursor": cursor, "limit": 3})
    if cursor == "":  # an empty cursor means none: the first page
        assert ids(response) == ids(alice_client.get(URL, {"limit": 3}))
        return
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert (error["code"], list(error["details"])) == ("VALIDATION_ERROR", ["cursor"])


def test_an_altered_cursor_is_a_400(alice_client, rows):
    link = alice_client.get(URL, {"limit": 3}).json()["next"]
    cursor = link.split("cursor=")[1].split("&")[0]
    altered = cursor[:-2] + ("AA" if not cursor.endswith("AA") else "BB")
    response = alice_client.get(URL, {"cursor": altered, "limit": 3})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "VALIDATION_ERROR"


@pytest.mark.parametrize(
    "changed", [{"ordering": "company_name"}, {"stage": "applied"}, {"q": "beta"}, {"offset": "3"}]
)
def test_a_cursor_with_other_filters_or_an_offset_is_a_400(alice_client, rows, changed):
    link = alice_client.get(URL, {"limit": 3}).json()["next"]
    cursor = link.split("cursor=")[1].split("&")[0]
    response = alice_client.get(URL, {"limit": 3, "cursor": cursor, **changed})
    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] == "VALIDATION_ERROR"


def test_another_users_cursor_is_a_400_and_shows_nothing(alice_client, charlie_client, rows):
    link = alice_client.get(URL, {"limit": 3}).json()["next"]
    response = charlie_client.get(link)
    assert response.status_code == 400
    assert "applications" not in response.json()


@pytest.mark.parametrize("count", [2, 40])
@pytest.mark.parametrize(("ordering", "parts"), [("", 1), ("-company_name", 1), ("deadline", 2)])
def test_a_cursor_page_runs_a_fixed_number_of_queries_and_counts_nothing(
    alice_client, alice, count, ordering, parts
):
    for _ in range(count):
        ApplicationFactory(user=alice, deadline=dt.date(2025, 1, 1))
    ApplicationFactory(user=alice, deadline=None)
    link = alice_client.get(URL, {"limit": 1, "ordering": ordering}).json()["next"]
    with CaptureQueriesContext(connection) as queries:
        response = alice_client.get(link.replace("limit=1", "limit=50"))
    assert len(ids(response)) == count
    # The user (authentication), then the page's rows from the cursor on: one range of the
    # sort's index, and for a page that runs on from known into unknown deadlines, the
    # unknown ones as a second. No COUNT.
    assert len(queries) == 1 + parts, "\n".join(q["sql"] for q in queries.captured_queries)
    assert not any("COUNT(" in q["sql"] for q in queries.captured_queries)
