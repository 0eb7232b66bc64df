"""The rate limiter holds under parallel hits, on the local-memory cache and on Redis."""

import threading
import warnings

import pytest

from jobforge.errors import RateLimited
from jobforge.ratelimit import ratelimit_consume
from tests.concurrency import cache_backend, in_parallel  # noqa: F401  (a fixture)

pytestmark = pytest.mark.usefixtures("cache_backend")


def hit(ident: str = "alice", rate: str = "30/hour") -> int:
    """0 when the hit passes, else the Retry-After it was refused with."""
    try:
        ratelimit_consume(scope="test", ident=ident, rate=rate)
    except RateLimited as exc:
        return exc.retry_after
    return 0


def test_it_passes_exactly_the_limit_to_parallel_hits():
    outcomes = [
        seconds for hits in in_parallel(lambda: [hit() for _ in range(4)], threads=45) for seconds in hits
    ]
    assert outcomes.count(0) == 30
    refused = [seconds for seconds in outcomes if seconds]
    assert len(refused) == 150
    assert all(3500 < seconds <= 3600 for seconds in refused)


def test_each_ident_and_scope_has_its_own_budget():
    for _ in range(2):
        ratelimit_consume(scope="test", ident="alice", rate="2/min")
    with pytest.raises(RateLimited) as caught:
        ratelimit_consume(scope="test", ident="alice", rate="2/min")
    assert 1 <= caught.value.retry_after <= 60
    assert "Try again in" in caught.value.message
    ratelimit_consume(scope="test", ident="charlie", rate="2/min")
    ratelimit_consume(scope="other", ident="alice", rate="2/min")


def test_the_window_closes_after_its_period():
    ratelimit_consume(scope="test", ident="alice", rate="1/s")
    with pytest.raises(RateLimited) as caught:
        ratelimit_consume(scope="test", ident="alice", rate="1/s")
    assert caught.value.retry_after == 1
    threading.Event().wait(1.1)
    ratelimit_consume(scope="test", ident="alice", rate="1/s")


def test_any_ident_is_a_valid_key():
    odd = "  spaces\nnewlines and a very long tail " + "x" * 400
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # CacheKeyWarning: a key memcached would refuse
        ratelimit_consume(scope="test", ident=odd, rate="1/min")
        with pytest.raises(RateLimited):
            ratelimit_consume(scope="test", ident=odd, rate="1/min")
