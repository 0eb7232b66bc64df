from django.db import connection
from django.http import JsonResponse
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny

from jobforge.api import health


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@authentication_classes([])
@permission_classes([AllowAny])
def api_not_found(request, *args, **kwargs):
    """Unknown paths under /api/ answer 404 in the envelope, in DEBUG too."""
    raise NotFound("Not found.")


HealthSerializer = inline_serializer(
    "Health",
    fields={
        "status": serializers.ChoiceField(choices=["ok", "unavailable"]),
        "database": serializers.CharField(),
        "redis": serializers.CharField(),
        "queue": inline_serializer(
            "HealthQueue", fields={"queued": serializers.IntegerField(), "failed": serializers.IntegerField()}
        ),
    },
)


@extend_schema(tags=["operations"], responses={200: HealthSerializer, 503: HealthSerializer}, auth=[])
@api_view(["GET"])
@authentication_classes([])
@permission_classes([AllowAny])
def health_view(request):
    report = health.health_report()
    connection.close_if_unusable_or_obsolete()
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)
