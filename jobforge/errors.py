"""The one domain error that services raise.

Services never return HTTP responses; they raise `DomainError` with a code from
the SPEC's list and a status. The API maps it once to the error envelope
(`jobforge.api.errors`), and the UI shows its message next to the form.
"""

from typing import Any


class DomainError(Exception):
    code = "VALIDATION_ERROR"
    status = 400

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        status: int | None = None,
        details: dict[str, Any] | None = None,
        retry_after: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        if status is not None:
            self.status = status
        self.details = details or {}
        self.retry_after = retry_after


class ValidationFailed(DomainError):
    code, status = "VALIDATION_ERROR", 400


class NotFound(DomainError):
    code, status = "NOT_FOUND", 404

    def __init__(self, message: str = "Not found.", **kwargs: Any) -> None:
        super().__init__(message, **kwargs)


class Duplicate(DomainError):
    code, status = "DUPLICATE_RESOURCE", 409


class InvalidState(DomainError):
    code, status = "INVALID_STATE", 409


class PreconditionFailed(DomainError):
    code, status = "PRECONDITION_FAILED", 412


class PayloadTooLarge(DomainError):
    code, status = "PAYLOAD_TOO_LARGE", 413


class UnsupportedMediaType(DomainError):
    code, status = "UNSUPPORTED_MEDIA_TYPE", 415


class RateLimited(DomainError):
    code, status = "RATE_LIMITED", 429


class AuthenticationError(DomainError):
    code, status = "AUTHENTICATION_ERROR", 401
