"""GET /api/v1/insights and the insights page (SPEC §12): figures from the applications and
their timelines, nulls where a figure is undefined, a fixed number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from applications.charts import VALUE_CHAR_WIDTH, WIDTH, bar_chart
from applications.models import Application, StageEvent
from tests.factories import ApplicationFactory
from tests.pages import page_queries, text_of

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def _with_timeline(user, steps, *, source="", work_mode="", days_ago=30):
    """An application whose timeline is `steps` [(stage, days after the first step)]."""
    start = timezone.now() - days_ago * DAY
    application = ApplicationFactory(user=user, source=source, work_mode=work_mode)
    StageEvent.objects.filter(application=application).delete()
    previous = ""
    for stage, offset in steps:
        event = StageEvent.objects.create(application=application, from_stage=previous, to_stage=stage)
        StageEvent.objects.filter(pk=event.pk).update(created_at=start + offset * DAY)
        previous = stage
    applied = next((start + offset * DAY for stage, offset in steps if stage == "applied"), None)
    Application.objects.filter(pk=application.pk).update(stage=previous, applied_at=applied, created_at=start)
    return application


@pytest.fixture
def search(alice):
    """Four sent applications (one offer, one rejection, one waiting, one withdrawn) and a saved one."""
    _with_timeline(alice, [("saved", 0)])
    _with_timeline(
        alice,
        [("saved", 0), ("applied", 1), ("interviewing", 5), ("offer", 11)],
        source="linkedin.com",
        work_mode="remote",
    )
    _with_timeline(alice, [("applied", 0), ("rejected", 2)], source="linkedin.com", work_mode="remote")
    _with_timeline(alice, [("applied", 0)], source="Referral", work_mode="hybrid")
    _with_timeline(alice, [("applied", 0), ("withdrawn", 3)])


def test_it_counts_stages_and_the_funnel_with_conversion_rates(alice_client, search):
    body = alice_client.get("/api/v1/insights").json()
    assert body["total"] == 5
    assert body["by_stage"] == {
        "saved": 1,
        "applied": 1,
        "interviewing": 0,
        "offer": 1,
        "rejected": 1,
        "withdrawn": 1,
        "declined": 0,
    }
    assert body["funnel"] == [
        {"stage": "applied", "count": 4, "conversion_rate": None},
        {"stage": "interviewing", "count": 1, "conversion_rate": 0.25},
        {"stage": "offer", "count": 1, "conversion_rate": 1.0},
    ]


def test_it_measures_responses_from_the_day_applied(alice_client, search):
    body = alice_client.get("/api/v1/insights").json()
    # The offer's interview came 4 days after applying, the rejection 2: withdrawing is no answer.
    assert body["response_rate"] == 0.5
    assert body["median_days_to_response"] == 3.0


def test_it_gives_the_median_days_in_each_stage(alice_client, search):
    days = alice_client.get("/api/v1/insights").json()["median_days_in_stage"]
    assert days["interviewing"] == 6.0
    # Applied: 4, 2 and 3 days until the next move, and 30 days and counting for the waiting one.
    assert days["applied"] == 3.5
    # Closed stages end when entered; a stage nobody went through has no median.
    assert days["rejected"] is None
    assert days["declined"] is None


def test_it_breaks_down_by_source_and_work_mode(alice_client, search):
    body = alice_client.get("/api/v1/insights").json()
    assert body["by_source"] == [
        {"source": "linkedin.com", "count": 2, "applied": 2, "responses": 2, "response_rate": 1.0},
        {"source": None, "count": 2, "applied": 1, "responses": 0, "response_rate": 0.0},
        {"source": "Referral", "count": 1, "applied": 1, "responses": 0, "response_rate": 0.0},
    ]
    modes = {row["work_mode"]: row["count"] for row in body["by_work_mode"]}
    assert modes == {"remote": 2, None: 2, "hybrid": 1}


def test_it_counts_applications_sent_and_added_per_week(alice, alice_client):
    ApplicationFactory(user=alice, stage="applied")
    ApplicationFactory(user=alice)
    _with_timeline(alice, [("applied", 0)], days_ago=14)
    weeks = alice_client.get("/api/v1/insights?weeks=4").json()["per_week"]
    assert len(weeks) == 4
    monday = timezone.now().date() - dt.timedelta(days=timezone.now().weekday())
    assert weeks[-1] == {"week_start": monday.isoformat(), "applied": 1, "added": 2}
    assert sum(week["applied"] for week in weeks) == 2
    assert [dt.date.fromisoformat(w["week_start"]).weekday() for w in weeks] == [0, 0, 0, 0]


def test_an_empty_account_has_zeros_and_nulls(alice_client):
    body = alice_client.get("/api/v1/insights").json()
    assert body["total"] == 0
    assert set(body["by_stage"].values()) == {0}
    assert [step["conversion_rate"] for step in body["funnel"]] == [None, None, None]
    assert body["response_rate"] is None
    assert body["median_days_to_response"] is None
    assert set(body["median_days_in_stage"].values()) == {None}
    assert len(body["per_week"]) == 12
    assert body["by_source"] == body["by_work_mode"] == []


def test_it_counts_only_the_users_own_applications(alice_client, charlie, search):
    _with_timeline(charlie, [("applied", 0), ("offer", 1)])
    body = alice_client.get("/api/v1/insights").json()
    assert body["total"] == 5
    assert body["by_stage"]["offer"] == 1


@pytest.mark.parametrize("weeks", ["0", "53", "many", "-1"])
def test_a_bad_weeks_value_is_a_400_in_the_envelope(alice_client, weeks):
    response = alice_client.get(f"/api/v1/insights?weeks={weeks}")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "VALIDATION_ERROR"
    assert "weeks" in response.json()["error"]["details"]


def test_it_needs_a_login(api_client):
    response = api_client.get("/api/v1/insights")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "AUTHENTICATION_ERROR"


def _api_queries(client) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/api/v1/insights").status_code == 200
    return [query["sql"] for query in ctx.captured_queries]


def test_the_api_runs_the_same_queries_for_1_and_40_applications(alice, alice_client):
    _with_timeline(alice, [("applied", 0), ("interviewing", 2)])
    one = _api_queries(alice_client)
    for n in range(39):
        _with_timeline(alice, [("saved", 0), ("applied", 1), ("rejected", 3 + n % 5)], source=f"s{n % 7}")
    forty = _api_queries(alice_client)
    # the token's user, the applications' summary columns, their stage events
    assert len(forty) == len(one) == 3, "\n".join(forty)


def test_the_page_draws_each_chart_with_a_data_table(alice_web, search):
    response = alice_web.get("/insights/")
    page = response.content.decode()
    assert page.count('role="img"') == 6
    assert page.count("<table") == 6
    assert 'aria-current="page">Insights</a>' in page
    text = text_of(response)
    assert "50% Response rate" in text
    assert "3 days Median time to first response" in text
    assert "Interviewing 1 25%" in text  # the funnel's table: count and conversion
    assert " style=" not in page and "<script>" not in page  # nothing the CSP would refuse


def test_the_page_says_so_when_there_is_nothing_to_draw(alice_web):
    response = alice_web.get("/insights/")
    assert response.status_code == 200
    assert 'role="img"' not in response.content.decode()
    assert "Nothing to show yet." in text_of(response)
    assert "— Response rate" in text_of(response)


def test_the_page_runs_the_same_queries_for_1_and_30_applications(alice_web, alice):
    _with_timeline(alice, [("applied", 0)])
    one = page_queries(alice_web, "/insights/")
    for _ in range(29):
        _with_timeline(alice, [("applied", 0), ("interviewing", 1)], work_mode="onsite")
    thirty = page_queries(alice_web, "/insights/")
    # session, user, the applications, their stage events
    assert len(thirty) == len(one) == 4, "\n".join(thirty)


def test_the_page_needs_a_login(client):
    response = client.get("/insights/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_longest_bars_figure_fits_inside_the_chart():
    chart = bar_chart(
        slug="days",
        title="Median days in each stage",
        description="",
        items=[("Offer", 10.8, "10.8 days"), ("Saved", 4.3, "4.3 days")],
        headers=("Stage", "Days"),
        rows=[],
    )
    widest = chart.bars[0]
    assert widest.text_x + len(widest.display) * VALUE_CHAR_WIDTH <= WIDTH
