"""Helpers for tests of what holds under parallel requests: threads started at once, and each
cache the rate limits can count in (local memory, and Redis when set)."""

import threading

import pytest
from django.core.cache import cache
from django.db import connections
from django.test import override_settings

LOCAL_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture(params=["locmem", "redis"])
def cache_backend(request):
    if request.param == "redis":
        request.getfixturevalue("require_redis")
        yield request.param
        return
    with override_settings(CACHES=LOCAL_CACHE):
        cache.clear()  # local-memory caches of one name share their store
        yield request.param
        cache.clear()


def in_parallel(call, *, threads: int) -> list:
    """What `call()` returned in each of `threads` threads released at the same moment."""
    barrier = threading.Barrier(threads)
    results = []
    lock = threading.Lock()

    def worker():
        barrier.wait()
        try:
            result = call()
        finally:
            connections.close_all()
        with lock:
            results.append(result)

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout=60)
    assert len(results) == threads, "a thread failed or did not finish"
    return results
