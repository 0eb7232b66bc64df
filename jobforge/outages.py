"""A 503 page, not the 500 page, while the database or Redis is down.

The same request works once the service is back, so a page says so and carries
Retry-After; the API answers the same in its envelope (`jobforge.api.errors`).
"""

import logging

from django.http import HttpResponse
from django.template.loader import render_to_string

from jobforge.api.errors import OUTAGE_ERRORS, OUTAGE_RETRY_AFTER

logger = logging.getLogger(__name__)


class ServiceOutagePageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OUTAGE_ERRORS) or request.path.startswith("/api/"):
            return None
        logger.error("Service unavailable on %s", request.path, exc_info=exception)
        # Rendered without the request: its context processors would read the session.
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(OUTAGE_RETRY_AFTER)
        return response
