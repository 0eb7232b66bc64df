"""OpenAPI pieces shared by every app: the error envelope and the JWT scheme."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

from jobforge.api.pagination import PAGE_PARAMETER_BOUNDS

ErrorEnvelope = inline_serializer(
    "ErrorEnvelope",
    fields={
        "error": inline_serializer(
            "ErrorBody",
            fields={
                "code": serializers.CharField(help_text="e.g. VALIDATION_ERROR, NOT_FOUND"),
                "message": serializers.CharField(),
                "details": serializers.DictField(
                    required=False, help_text="Per-field messages for validation errors."
                ),
            },
        ),
        "timestamp": serializers.DateTimeField(),
        "path": serializers.CharField(),
    },
)

_DESCRIPTIONS = {
    400: "Invalid input (VALIDATION_ERROR), with per-field details.",
    401: "Missing, invalid or expired credentials (AUTHENTICATION_ERROR).",
    403: "Not allowed (AUTHORIZATION_ERROR).",
    404: "No such object for this user (NOT_FOUND).",
    409: "Conflicts with the current state (INVALID_STATE or DUPLICATE_RESOURCE).",
    412: "A precondition is not met (PRECONDITION_FAILED).",
    413: "Payload too large (PAYLOAD_TOO_LARGE).",
    415: "Unsupported media type (UNSUPPORTED_MEDIA_TYPE).",
    429: "Rate limited (RATE_LIMITED); see Retry-After.",
    503: "A dependency is unavailable (SERVICE_UNAVAILABLE).",
}


def ERROR_RESPONSES(*statuses: int) -> dict:  # noqa: N802  (reads like a constant at call sites)
    """`responses=` entries in the error envelope for the given status codes."""
    return {
        code: OpenApiResponse(response=ErrorEnvelope, description=_DESCRIPTIONS[code]) for code in statuses
    }


class ActiveUserJWTScheme(OpenApiAuthenticationExtension):
    target_class = "jobforge.accounts.authentication.ActiveUserJWTAuthentication"
    name = "jwtAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}


def page_parameter_bounds(result, generator, request, public):
    """Postprocessing hook: every `limit` and `offset` query parameter states its bounds."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                bounds = PAGE_PARAMETER_BOUNDS.get(parameter.get("name"))
                if parameter.get("in") == "query" and bounds:
                    parameter.setdefault("schema", {}).update(bounds)
    return result
