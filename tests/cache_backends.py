"""Run a test on each cache the rate limits can count in: local memory, and Redis when set."""

import pytest
from django.core.cache import cache
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
