"""Requests over the app's size limits are refused before routing, in the envelope under /api/.

The body is bounded by DATA_UPLOAD_MAX_MEMORY_SIZE (settings); the URL here. gunicorn
accepts request lines up to 8,190 bytes (gunicorn.conf.py), so for URLs between this limit
and that one the app's answer comes first, not gunicorn's HTML page.
"""

from django.http import HttpResponse

from jobforge.api.errors import error_response

MAX_URL_LENGTH = 4096  # characters of path and query string


class UrlLengthMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = len(request.path_info) + len(request.META.get("QUERY_STRING", ""))
        if length <= MAX_URL_LENGTH:
            return self.get_response(request)
        message = f"The URL is too long: at most {MAX_URL_LENGTH} characters."
        if request.path_info.startswith("/api/"):
            return error_response(request, status_code=414, code="VALIDATION_ERROR", message=message)
        return HttpResponse(message, status=414, content_type="text/plain; charset=utf-8")
