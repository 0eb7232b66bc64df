"""A small sliding-window rate limit on the cache, for rules that services enforce.

The API's auth throttles are DRF throttles; limits that are business rules (AI
phase starts per user) live here so the API and the UI enforce them once.
"""

import time

from django.core.cache import cache

from jobforge.errors import RateLimited

_PERIOD_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    count, _, period = rate.partition("/")
    return int(count), _PERIOD_SECONDS[period[0]]


def ratelimit_consume(*, scope: str, ident: str, rate: str) -> None:
    """Record one hit for (scope, ident); raise `RateLimited` with Retry-After when over `rate`."""
    allowed, period = parse_rate(rate)
    key = f"ratelimit:{scope}:{ident}"
    now = time.time()
    history = [stamp for stamp in cache.get(key, []) if stamp > now - period]
    if len(history) >= allowed:
        retry_after = max(1, int(history[0] + period - now) + 1)
        raise RateLimited(f"Too many requests. Try again in {retry_after} seconds.", retry_after=retry_after)
    history.append(now)
    cache.set(key, history, period)
