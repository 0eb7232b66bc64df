"""Rate limits on the cache: a window per (scope, ident), counted atomically.

A window opens at its first hit and lasts the rate's period; hits in it are counted, and
a hit past the limit is refused with the seconds until the window closes. Counting is
atomic, so parallel requests never pass more than the limit: on Redis one Lua script
increments the counter, gives a new one its expiry and reads what is left (`INCR`,
`PEXPIRE`, `PTTL`); on the local-memory cache (one process, the local default) a lock
guards the read and the write.

The API's auth throttles (`jobforge.api.throttles`) count with `ratelimit_hit` too; limits
that are business rules (AI phase starts per user) call `ratelimit_consume` from services so
the API and the UI enforce them once.
"""

import hashlib
import math
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache

from jobforge.errors import RateLimited

_PERIOD_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}

# KEYS[1]: the counter; ARGV[1]: the window in milliseconds. Returns {count, ms left}.
# A counter without an expiry (it cannot happen, but if it did) gets one, so no counter
# can refuse forever.
_REDIS_HIT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 or redis.call('PTTL', KEYS[1]) < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return {count, redis.call('PTTL', KEYS[1])}
"""

_local_lock = threading.Lock()


def parse_rate(rate: str) -> tuple[int, int]:
    count, _, period = rate.partition("/")
    return int(count), _PERIOD_SECONDS[period[0]]


def client_ip(request) -> str:
    """The caller's address: REMOTE_ADDR, or behind the trusted proxy the hop it appended.

    With JOBFORGE_BEHIND_PROXY=1 the proxy appends the address it saw to X-Forwarded-For,
    so the last entry is the only one the client cannot forge.
    """
    remote_addr = request.META.get("REMOTE_ADDR") or "unknown"
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if not settings.BEHIND_PROXY or not forwarded.strip():
        return remote_addr
    return forwarded.split(",")[-1].strip() or remote_addr


def ratelimit_hit(*, scope: str, ident: str, rate: str) -> int | None:
    """Count one hit for (scope, ident); None when within `rate`, else the seconds to wait.

    A refused hit is counted too: it only raises a count that is already over the limit.
    """
    allowed, period = parse_rate(rate)
    # Idents may be user input (an email typed at the login form): hashed, any is a valid key.
    key = f"ratelimit:{scope}:{hashlib.sha256(ident.encode()).hexdigest()[:32]}"
    if isinstance(cache, RedisCache):
        count, seconds_left = _redis_hit(key, period=period)
    else:
        count, seconds_left = _local_hit(key, period=period)
    if count <= allowed:
        return None
    return max(1, math.ceil(seconds_left))


def _redis_hit(key: str, *, period: int) -> tuple[int, float]:
    redis_key = cache.make_and_validate_key(key)
    client = cache._cache.get_client(redis_key, write=True)
    count, ms_left = client.eval(_REDIS_HIT, 1, redis_key, period * 1000)
    return int(count), int(ms_left) / 1000


def _local_hit(key: str, *, period: int) -> tuple[int, float]:
    with _local_lock:
        now = time.monotonic()
        count, closes = cache.get(key) or (0, now + period)
        if closes <= now:
            count, closes = 0, now + period
        cache.set(key, (count + 1, closes), math.ceil(closes - now))
        return count + 1, closes - now


def ratelimit_consume(*, scope: str, ident: str, rate: str) -> None:
    """Record one hit for (scope, ident); raise `RateLimited` with Retry-After when over `rate`."""
    retry_after = ratelimit_hit(scope=scope, ident=ident, rate=rate)
    if retry_after is not None:
        raise RateLimited(f"Too many requests. Try again in {retry_after} seconds.", retry_after=retry_after)
