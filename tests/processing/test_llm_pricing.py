"""Cost estimates from the price table in settings, and Retry-After parsing."""

import email.utils
import time
from decimal import Decimal

import pytest

from processing.llm.pricing import cost_estimate
from processing.llm.remote import MAX_RETRY_AFTER, ProgressMeter, retry_after_parse


@pytest.fixture
def prices(settings):
    settings.JOBFORGE_LLM_PRICES = {
        "claude-sonnet-4-5": (3.00, 15.00),
        "gpt-4o": (2.50, 10.00),
        "gpt-4o-mini": (0.15, 0.60),
        "broken": ("free", 1),
    }
    return settings.JOBFORGE_LLM_PRICES


def test_it_prices_input_and_output_per_million_tokens(prices):
    cost = cost_estimate(model="claude-sonnet-4-5", input_tokens=10_000, output_tokens=2_000)

    assert cost == Decimal("0.060000")  # 0.03 + 0.03
    assert cost.as_tuple().exponent == -6


def test_it_rounds_to_six_decimal_places(prices):
    assert cost_estimate(model="gpt-4o-mini", input_tokens=1, output_tokens=1) == Decimal("0.000001")


def test_it_prices_a_dated_snapshot_as_its_family(prices):
    assert cost_estimate(model="gpt-4o-mini-2024-07-18", input_tokens=1_000_000, output_tokens=0) == Decimal(
        "0.150000"
    )
    assert cost_estimate(model="gpt-4o-2024-08-06", input_tokens=1_000_000, output_tokens=0) == Decimal(
        "2.500000"
    )


@pytest.mark.parametrize("model", ["llama3.1:8b", "", "broken"])
def test_it_costs_nothing_for_an_unknown_or_badly_priced_model(prices, model):
    assert cost_estimate(model=model, input_tokens=5000, output_tokens=5000) == Decimal("0")


def test_it_uses_the_table_in_settings(settings):
    # The default table prices the default models.
    assert cost_estimate(model=settings.OPENAI_MODEL, input_tokens=1_000_000, output_tokens=1_000_000) > 0
    assert cost_estimate(model=settings.ANTHROPIC_MODEL, input_tokens=1_000_000, output_tokens=1_000_000) > 0


def test_it_treats_negative_counts_as_zero(prices):
    assert cost_estimate(model="gpt-4o", input_tokens=-5, output_tokens=-5) == Decimal("0")


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"retry-after": "12"}, 12),
        ({"retry-after": "0.5"}, 0.5),
        ({"retry-after-ms": "250"}, 0.25),
        ({"retry-after-ms": "junk", "retry-after": "3"}, 3),
        ({"retry-after": "-4"}, 0),
        ({"retry-after": "999999"}, MAX_RETRY_AFTER),
        ({"retry-after": "soon"}, None),
        ({"retry-after": "nan"}, None),
        ({}, None),
        (None, None),
    ],
)
def test_it_parses_retry_after(headers, seconds):
    assert retry_after_parse(headers) == seconds


def test_it_parses_retry_after_as_an_http_date():
    in_a_minute = email.utils.formatdate(time.time() + 60, usegmt=True)
    a_minute_ago = email.utils.formatdate(time.time() - 60, usegmt=True)
    assert 55 <= retry_after_parse({"retry-after": in_a_minute}) <= 61
    assert retry_after_parse({"retry-after": a_minute_ago}) == 0


def test_progress_is_monotonic_capped_and_not_chatty():
    seen: list[float] = []
    meter = ProgressMeter(seen.append, expected_chars=1000)

    for _ in range(3000):
        meter.add("x")

    assert seen == sorted(seen)
    assert len(seen) <= 100
    # The fraction of the expected answer, up to all of it; the pipeline caps the run's progress.
    assert seen[-1] == 1.0
    assert all(0 < fraction <= 1.0 for fraction in seen)
