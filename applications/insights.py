"""Insights into a user's search (SPEC §12): where applications stand, the funnel, how often
and how fast employers answer, time spent in each stage, and what each source brings.

Two queries whatever the number of applications: the applications' summary columns and
their stage events; the figures are computed from those rows in Python. Every application
counts, archived ones included: archiving hides a card, it does not undo the search.
"""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import pairwise
from statistics import median

from django.db.models import FloatField, Func
from django.utils import timezone

from applications.charts import Chart, bar_chart, column_chart
from applications.models import Application, StageEvent

Stage = Application.Stage

# The funnel's steps, in order; how far along each stage is (0: not yet applied).
FUNNEL = (Stage.APPLIED, Stage.INTERVIEWING, Stage.OFFER)
_DEPTH = {Stage.APPLIED: 1, Stage.INTERVIEWING: 2, Stage.OFFER: 3, Stage.DECLINED: 3}
# A move out of `applied` to one of these is the employer's answer; withdrawing is the user's.
RESPONSE_STAGES = frozenset({Stage.INTERVIEWING, Stage.OFFER, Stage.REJECTED, Stage.DECLINED})
# Stages whose current stay still grows; a stay in a closed stage ends when it began.
OPEN_STAGES = frozenset({Stage.SAVED, Stage.APPLIED, Stage.INTERVIEWING, Stage.OFFER})

WEEKS_DEFAULT = 12
WEEKS_MAX = 52
UNKNOWN = None  # the key of applications whose source or work mode is not known

DAY = 86400.0


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _median_days(seconds: list[float]) -> float | None:
    return round(median(seconds) / DAY, 1) if seconds else None


def _week_start(seconds: float) -> dt.date:
    day = dt.datetime.fromtimestamp(seconds, dt.UTC).date()
    return day - dt.timedelta(days=day.weekday())


class Epoch(Func):
    """Seconds since 1970 as a float: the database reads its timestamps faster than Python parses them."""

    output_field = FloatField()
    template = "EXTRACT(EPOCH FROM %(expressions)s)"

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="((julianday(%(expressions)s) - 2440587.5) * 86400.0)"
        )


@dataclass
class _Journey:
    """One application's path: how far it got, its stays, how long the answer took."""

    depth: int  # 0 not sent, 1 applied, 2 interviewing, 3 offer
    stays: list[tuple[str, float]]  # (stage, seconds in it)
    wait: float | None  # seconds from applying to the first answer; None without one


def _journey(row: dict, timeline: list[tuple[str, float]], *, now: float) -> _Journey:
    depth = max(_DEPTH.get(stage, 0) for stage, _ in timeline)
    if row["applied"] is not None:
        depth = max(depth, 1)
    # Time in each stage: from entering it to the next move, or to now while it is open.
    stays = [(stage, left - entered) for (stage, entered), (_, left) in pairwise(timeline)]
    last_stage, last_entered = timeline[-1]
    if last_stage in OPEN_STAGES:
        stays.append((last_stage, max(0.0, now - last_entered)))
    if not depth:
        return _Journey(depth=0, stays=stays, wait=None)
    # The employer's first answer after the application went out (sent: `applied_at`, else
    # the first move to a sent stage, which a depth above 0 implies there is).
    applied_when = row["applied"]
    if applied_when is None:
        applied_when = next(when for stage, when in timeline if _DEPTH.get(stage, 0) >= 1)
    answer = next(
        (when for stage, when in timeline if stage in RESPONSE_STAGES and when >= applied_when), None
    )
    wait = None if answer is None else max(0.0, answer - applied_when)
    return _Journey(depth=depth, stays=stays, wait=wait)


def insights_for_user(*, user, weeks: int = WEEKS_DEFAULT, now: dt.datetime | None = None) -> dict:
    """The SPEC §12 figures for `user`: nulls where a figure is undefined, never a division by 0."""
    now = (now or timezone.now()).timestamp()
    applications = list(
        Application.objects.filter(user=user).values(
            "id", "stage", "source", "work_mode", applied=Epoch("applied_at"), created=Epoch("created_at")
        )
    )
    events = defaultdict(list)
    for application_id, stage, when in (
        StageEvent.objects.filter(application__user=user)
        .order_by("application_id", "created_at", "id")
        .values_list("application_id", "to_stage", Epoch("created_at"))
    ):
        events[application_id].append((stage, when))

    by_stage = Counter(row["stage"] for row in applications)
    reached = Counter()
    stays = defaultdict(list)
    response_waits = []
    sources, modes = defaultdict(Counter), defaultdict(Counter)
    week_applied, week_added = Counter(), Counter()

    for row in applications:
        journey = _journey(row, events.get(row["id"]) or [(row["stage"], row["created"])], now=now)
        depth, responded = journey.depth, journey.wait is not None
        for step in FUNNEL[:depth]:
            reached[step] += 1
        for stage, seconds in journey.stays:
            stays[stage].append(seconds)
        if responded:
            response_waits.append(journey.wait)

        for breakdown, key in ((sources, row["source"].strip()), (modes, row["work_mode"])):
            counts = breakdown[key or UNKNOWN]
            counts["count"] += 1
            counts["applied"] += depth >= 1
            counts["responses"] += responded

        week_added[_week_start(row["created"])] += 1
        if row["applied"] is not None:
            week_applied[_week_start(row["applied"])] += 1

    applied = reached[Stage.APPLIED]
    responses = sum(counts["responses"] for counts in sources.values())
    funnel = []
    previous = None
    for step in FUNNEL:
        funnel.append(
            {
                "stage": step.value,
                "count": reached[step],
                # Share of the step before that got this far (null for the first step).
                "conversion_rate": None if previous is None else _rate(reached[step], previous),
            }
        )
        previous = reached[step]

    this_week = _week_start(now)
    week_starts = [this_week - dt.timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    return {
        "total": len(applications),
        "by_stage": {stage.value: by_stage.get(stage.value, 0) for stage in Stage},
        "funnel": funnel,
        "response_rate": _rate(responses, applied),
        "median_days_to_response": _median_days(response_waits),
        "median_days_in_stage": {stage.value: _median_days(stays.get(stage.value, [])) for stage in Stage},
        "per_week": [
            {"week_start": start, "applied": week_applied[start], "added": week_added[start]}
            for start in week_starts
        ],
        "by_source": _breakdown(sources, "source"),
        "by_work_mode": _breakdown(modes, "work_mode"),
    }


def _breakdown(groups: dict, key: str) -> list[dict]:
    """Largest group first; each with its response rate among those applied."""
    rows = [
        {
            key: value,
            "count": counts["count"],
            "applied": counts["applied"],
            "responses": counts["responses"],
            "response_rate": _rate(counts["responses"], counts["applied"]),
        }
        for value, counts in groups.items()
    ]
    return sorted(rows, key=lambda row: (-row["count"], row[key] is UNKNOWN, row[key] or ""))


def percent_text(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.0%}"


def days_text(days: float | None) -> str:
    return "—" if days is None else f"{days:g} day{'' if days == 1 else 's'}"


def insights_charts(figures: dict) -> list[Chart]:
    """The insights page's charts, each with the table of the figures it draws."""
    label = dict(Stage.choices)
    funnel = figures["funnel"]
    weeks = figures["per_week"]
    stages = [stage.value for stage in Stage]
    charts = [
        bar_chart(
            slug="funnel",
            title="Funnel",
            description="How many applications reached applied, interviewing and offer.",
            items=[(label[step["stage"]], step["count"], str(step["count"])) for step in funnel],
            headers=("Step", "Applications", "Of the step before"),
            rows=[(label[s["stage"]], s["count"], percent_text(s["conversion_rate"])) for s in funnel],
        ),
        column_chart(
            slug="per-week",
            title="Applications sent per week",
            description=f"Applications sent in each of the last {len(weeks)} weeks, oldest first.",
            items=[(f"{week['week_start']:%b %-d}", week["applied"]) for week in weeks],
            headers=("Week of", "Sent", "Added"),
            rows=[(f"{w['week_start']:%b %-d, %Y}", w["applied"], w["added"]) for w in weeks],
        ),
        bar_chart(
            slug="by-stage",
            title="Where applications stand",
            description="Applications in each stage now.",
            items=[(label[s], figures["by_stage"][s], str(figures["by_stage"][s])) for s in stages],
            headers=("Stage", "Applications"),
            rows=[(label[s], figures["by_stage"][s]) for s in stages],
        ),
        bar_chart(
            slug="days-in-stage",
            title="Median days in each stage",
            description="The median time an application spends in each stage.",
            items=[
                (label[s], figures["median_days_in_stage"][s], days_text(figures["median_days_in_stage"][s]))
                for s in stages
            ],
            headers=("Stage", "Median time"),
            rows=[(label[s], days_text(figures["median_days_in_stage"][s])) for s in stages],
        ),
    ]
    for key, title, labels in (
        ("source", "By source", {}),
        ("work_mode", "By work mode", dict(Application.WorkMode.choices)),
    ):
        groups = figures[f"by_{key}"]
        name = [labels.get(g[key], g[key]) if g[key] is not None else "Not known" for g in groups]
        charts.append(
            bar_chart(
                slug=f"by-{key.replace('_', '-')}",
                title=title,
                description=f"Applications {title.lower()}, with the share of sent ones that got an answer.",
                items=[(n, g["count"], str(g["count"])) for n, g in zip(name, groups, strict=True)],
                headers=(title.removeprefix("By ").capitalize(), "Applications", "Sent", "Response rate"),
                rows=[
                    (n, g["count"], g["applied"], percent_text(g["response_rate"]))
                    for n, g in zip(name, groups, strict=True)
                ],
            )
        )
    return charts
