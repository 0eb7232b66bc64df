"""Throttles whose rates come from settings at request time (so they can be changed)."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class AuthRateThrottle(SimpleRateThrottle):
    """Auth endpoints, per client IP (JOBFORGE_THROTTLE_AUTH)."""

    scope = "auth"

    def get_rate(self):
        return settings.JOBFORGE_THROTTLE_AUTH

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
