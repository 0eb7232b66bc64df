"""The rate limiter holds under parallel hits, on the local-memory cache and on Redis."""

import threading
import warnings

import pytest

from jobforge.errors import RateLimited
from jobforge.ratelimit import ratelimit_consume
from tests.cache_backends import cache_backend  # noqa: F401  (a fixture)

pytestmark = pytest.mark.usefixtures("cache_backend")


def hit_in_parallel(*, threads: int, hits_each: int, rate: str, ident: str = "alice") -> list[int]:
    """Passed and refused counts, and every Retry-After seen, from `threads` threads at once."""
    barrier = threading.Barrier(threads)
    outcomes = []
    lock = threading.Lock()

    def worker():
        barrier.wait()
        for _ in range(hits_each):
            try:
                ratelimit_consume(scope="test", ident=ident, rate=rate)
                outcome = 0
            except RateLimited as exc:
                outcome = exc.retry_after
            with lock:
                outcomes.append(outcome)

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout=60)
    assert len(outcomes) == threads * hits_each
    return outcomes


def test_it_passes_exactly_the_limit_to_parallel_hits():
    outcomes = hit_in_parallel(threads=45, hits_each=4, rate="30/hour")
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
