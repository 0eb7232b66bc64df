"""Throttles whose rates come from settings at request time (so they can be changed).

They count with the same atomic window counter as the rest of the app
(`jobforge.ratelimit`), not DRF's SimpleRateThrottle, whose read-append-write of a list in
the cache lets parallel requests through past the limit.
"""

from django.conf import settings
from rest_framework.throttling import BaseThrottle

from jobforge.ratelimit import client_ip, ratelimit_hit


class AuthRateThrottle(BaseThrottle):
    """Auth endpoints, per client IP (JOBFORGE_THROTTLE_AUTH)."""

    scope = "auth"

    def allow_request(self, request, view) -> bool:
        self.retry_after = ratelimit_hit(
            scope=f"api-{self.scope}", ident=client_ip(request), rate=settings.JOBFORGE_THROTTLE_AUTH
        )
        return self.retry_after is None

    def wait(self) -> int | None:
        return self.retry_after
