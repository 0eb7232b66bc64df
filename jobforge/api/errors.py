"""The SPEC's error envelope, for every error under `/api/`."""

import logging

from django.core.exceptions import PermissionDenied, RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import InterfaceError, OperationalError
from django.http import Http404, JsonResponse
from django.utils import timezone
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework_simplejwt.exceptions import InvalidToken, TokenError

from jobforge.errors import DomainError

logger = logging.getLogger(__name__)

CODE_BY_STATUS = {
    400: "VALIDATION_ERROR",
    401: "AUTHENTICATION_ERROR",
    403: "AUTHORIZATION_ERROR",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    406: "VALIDATION_ERROR",
    409: "INVALID_STATE",
    412: "PRECONDITION_FAILED",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    429: "RATE_LIMITED",
    500: "INTERNAL_ERROR",
    503: "SERVICE_UNAVAILABLE",
}


# The database or Redis is down, restarting or out of connections: the request may well
# succeed in a moment, so it is a 503 with Retry-After, not a 500.
OUTAGE_ERRORS = (OperationalError, InterfaceError, RedisConnectionError, RedisTimeoutError)
OUTAGE_RETRY_AFTER = 5
OUTAGE_MESSAGE = "The service is temporarily unavailable. Try again in a few seconds."


def envelope(*, code: str, message: str, path: str, details: dict | None = None) -> dict:
    error = {"code": code, "message": message}
    if details:
        error["details"] = details
    return {
        "error": error,
        "timestamp": timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
        "path": path,
    }


def error_response(request, *, status_code: int, message: str, code: str | None = None, details=None):
    """A plain Django JsonResponse in the envelope, for views outside DRF."""
    body = envelope(
        code=code or CODE_BY_STATUS.get(status_code, "INTERNAL_ERROR"),
        message=message,
        path=request.path,
        details=details,
    )
    return JsonResponse(body, status=status_code)


def _message_for(exc: exceptions.APIException) -> str:
    if isinstance(exc, exceptions.ValidationError):
        return "Invalid input data"
    if isinstance(exc, exceptions.ParseError):
        return f"Malformed request body: {exc.detail}"
    if isinstance(exc, (InvalidToken, TokenError)):
        return "Token is invalid or expired."
    detail = exc.detail
    if isinstance(detail, dict):
        detail = detail.get("detail", next(iter(detail.values()), ""))
    if isinstance(detail, list):
        detail = detail[0] if detail else ""
    return str(detail)


def api_exception_handler(exc, context):
    request = context["request"]
    path = request.path

    if isinstance(exc, DomainError):
        headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after is not None else None
        body = envelope(code=exc.code, message=exc.message, path=path, details=exc.details)
        return Response(body, status=exc.status, headers=headers)

    if isinstance(exc, OUTAGE_ERRORS):
        logger.error("Service unavailable on %s", path, exc_info=exc)
        body = envelope(code="SERVICE_UNAVAILABLE", message=OUTAGE_MESSAGE, path=path)
        return Response(
            body,
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": str(OUTAGE_RETRY_AFTER)},
        )

    if isinstance(exc, RequestDataTooBig):
        exc = exceptions.APIException("Request body is too large.")
        exc.status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    elif isinstance(exc, (TooManyFieldsSent, TooManyFilesSent)):
        exc = exceptions.ParseError("too many fields or files.")
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound("Not found.")
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        logger.exception("Unhandled error on %s", path, exc_info=exc)
        body = envelope(code="INTERNAL_ERROR", message="An unexpected error occurred.", path=path)
        return Response(body, status=status.HTTP_500_INTERNAL_SERVER_ERROR)

    details = None
    if isinstance(exc, exceptions.ValidationError):
        details = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
    code = CODE_BY_STATUS.get(response.status_code, "INTERNAL_ERROR")
    if isinstance(exc, exceptions.Throttled):
        message = "Too many requests. Try again later."
    else:
        message = _message_for(exc)
    response.data = envelope(code=code, message=message, path=path, details=details)
    return response
