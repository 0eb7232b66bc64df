"""The list's queries are served by indexes: every sort order reads an index in order (no
sort of the user's rows), a search reads the trigram indexes, and no index repeats the
front of another."""

import re

import pytest
from django.db import connection, transaction

from applications import selectors
from applications.models import Application, StageEvent
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def plan_of(queryset) -> str:
    """PostgreSQL's plan for the first page, with sequential scans priced out so that
    the plan shows whether an index can serve the query at all (the test table is tiny)."""
    sql, params = queryset[:20].query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def full_sorts(plan: str) -> list[str]:
    # An incremental sort only orders the ties that the index leaves (same date or company).
    return [line for line in plan.splitlines() if re.search(r"(^|-> +)Sort +\(cost", line.strip())]


@pytest.mark.parametrize("ordering", selectors.ORDERING_CHOICES)
def test_it_reads_every_sort_order_from_an_index(require_postgres, alice, ordering):
    ApplicationFactory(user=alice)
    plan = plan_of(selectors.application_list(user=alice, filters={"ordering": ordering}))
    assert "Index" in plan, plan
    assert not full_sorts(plan), plan


def test_the_default_page_is_read_in_index_order_with_its_tie_break(require_postgres, alice):
    ApplicationFactory(user=alice)
    plan = plan_of(selectors.application_list(user=alice))
    assert "applications_user_newest_idx" in plan, plan
    assert "Sort" not in plan, plan


def test_a_deep_page_skips_index_entries_not_rows(require_postgres, alice):
    # The list reads the page's ids first: for the default order the index holds them all.
    ApplicationFactory(user=alice)
    plan = plan_of(selectors.application_list(user=alice).values_list("pk", flat=True)[50000:])
    assert "Index Only Scan using applications_user_newest_idx" in plan, plan


@pytest.mark.parametrize("name", ["status", "priority", "stage", "work_mode", "employment_type"])
def test_it_reads_a_filtered_first_page_in_order_from_the_filters_index(require_postgres, alice, name):
    ApplicationFactory(user=alice)
    value = {"status": "draft", "priority": "high", "stage": "offer", "work_mode": "remote"}.get(
        name, "contract"
    )
    plan = plan_of(selectors.application_list(user=alice, filters={name: value}))
    assert not full_sorts(plan), plan


def test_the_search_tests_the_expressions_that_the_trigram_indexes_hold(require_postgres, alice):
    # Which index a tiny table's plan picks says nothing (bench/scale.py shows the trigram
    # indexes in use at 100,000 rows); what must hold is that the search compares the very
    # expressions that they index, or PostgreSQL cannot use them at all.
    ApplicationFactory(user=alice)
    plan = plan_of(selectors.application_list(user=alice, filters={"q": "robotics"}))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname LIKE %s",
            ["applications_application", "%trgm%"],
        )
        definitions = dict(cursor.fetchall())
    for column in selectors.SEARCH_FIELDS:
        # Each leads with the owner (every search is one user's), then the searched text.
        owner, indexed = re.search(
            r"gin \((\w+), (.*) gin_trgm_ops\)", definitions[f"applications_{column}_trgm_idx"]
        ).groups()
        assert owner == "user_id", definitions
        assert f"{indexed} ~~ '%ROBOTICS%'" in plan, (indexed, plan)


def index_columns(model) -> list[tuple[str, list[tuple[str, str]]]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    indexes = []
    for name, info in constraints.items():
        # Expression indexes (trigram, lower-case company) have no plain column list to compare.
        if not info["index"] or info["primary_key"] or not info["columns"] or None in info["columns"]:
            continue
        orders = info.get("orders") or ["ASC"] * len(info["columns"])
        indexes.append((name, list(zip(info["columns"], orders, strict=False))))
    return indexes


@pytest.mark.parametrize("model", [Application, StageEvent])
def test_no_index_repeats_the_front_of_another(model):
    indexes = index_columns(model)
    assert indexes
    for name, columns in indexes:
        for other, other_columns in indexes:
            if other != name and len(columns) < len(other_columns):
                assert other_columns[: len(columns)] != columns, f"{name} is the front of {other}"
