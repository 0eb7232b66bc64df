"""A user's full data export (SPEC §12, §14): everything of theirs as one JSON file, and
their applications as CSV.

It reads every app's models, so it lives at the project level: `accounts` stays free of
imports of the apps that depend on it. The API serves it at
`GET /api/v1/applications/export?format=json|csv`, the account page at `/account/export/`.
"""

import csv
import io
import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch, URLField
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.views import APIView

from applications.models import Application, StageEvent
from documents.models import Document, DocumentVersion
from jobforge.accounts.api import UserSerializer
from jobforge.api.negotiation import FirstRendererNegotiation
from jobforge.api.schema import ERROR_RESPONSES
from jobforge.errors import RateLimited, ValidationFailed
from jobforge.ratelimit import ratelimit_consume
from processing.models import PhaseRun
from resumes.models import Resume

EXPORT_FORMATS = ("json", "csv")


class ModelExport(serializers.ModelSerializer):
    """Every field of the model but the owner and the internal ones, so a field added to a
    model is exported without a change here. Output only: a URL is plain text (it may be blank)."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        URLField: serializers.CharField,
    }


class StageEventExport(ModelExport):
    class Meta:
        model = StageEvent
        exclude = ["id", "application"]


class DocumentVersionExport(ModelExport):
    class Meta:
        model = DocumentVersion
        exclude = ["id", "document"]


class DocumentExport(ModelExport):
    versions = DocumentVersionExport(many=True, help_text="Every version, oldest first.")

    class Meta:
        model = Document
        exclude = ["id", "application"]


class PhaseRunExport(ModelExport):
    class Meta:
        model = PhaseRun
        exclude = ["application", "rq_job_id", "heartbeat_at"]


class ApplicationExport(ModelExport):
    timeline = StageEventExport(many=True, source="stage_events", help_text="Stage changes, oldest first.")
    documents = DocumentExport(many=True)
    runs = PhaseRunExport(many=True, source="phase_runs", help_text="The AI runs' metadata, oldest first.")

    class Meta:
        model = Application
        exclude = ["user"]


class ResumeExport(ModelExport):
    class Meta:
        model = Resume
        exclude = ["user"]


class AccountDataExport(serializers.Serializer):
    exported_at = serializers.DateTimeField()
    user = UserSerializer()
    applications = ApplicationExport(many=True)
    resumes = ResumeExport(many=True)


def account_data_export(*, user) -> dict:
    """Everything of the user's, in a fixed number of queries whatever its size."""
    applications = (
        Application.objects.filter(user=user)
        .order_by("created_at", "id")
        .prefetch_related(
            Prefetch("stage_events", queryset=StageEvent.objects.order_by("created_at", "id")),
            Prefetch(
                "documents",
                queryset=Document.objects.order_by("document_type").prefetch_related(
                    Prefetch("versions", queryset=DocumentVersion.objects.order_by("number"))
                ),
            ),
            Prefetch("phase_runs", queryset=PhaseRun.objects.order_by("queued_at", "id")),
        )
    )
    resumes = Resume.objects.filter(user=user).order_by("created_at", "id")
    return AccountDataExport(
        {"exported_at": timezone.now(), "user": user, "applications": applications, "resumes": resumes}
    ).data


_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value) -> str:
    text = "" if value is None else str(value)
    # A spreadsheet would run a cell that starts like a formula (CSV injection).
    return f"'{text}" if text.startswith(_FORMULA_PREFIXES) else text


def applications_csv(*, user) -> str:
    """One row per application, every field but the nested ones."""
    rows = account_data_export(user=user)["applications"]
    nested = {"timeline", "documents", "runs"}
    columns = [name for name in ApplicationExport().fields if name not in nested]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_cell(row[name]) for name in columns])
    return out.getvalue()


def _export_response(*, user, export_format: str) -> HttpResponse:
    if export_format not in EXPORT_FORMATS:
        raise ValidationFailed(
            f"Unknown export format {export_format!r}. Allowed: {', '.join(EXPORT_FORMATS)}.",
            details={"format": [f"Must be one of: {', '.join(EXPORT_FORMATS)}."]},
        )
    ratelimit_consume(scope="data-export", ident=str(user.pk), rate=settings.JOBFORGE_THROTTLE_EXPORT)
    stamp = timezone.now().strftime("%Y-%m-%d")
    if export_format == "csv":
        body, content_type, name = applications_csv(user=user), "text/csv; charset=utf-8", "applications"
    else:
        data = account_data_export(user=user)
        body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        content_type, name = "application/json", "data"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"job-forge-{name}-{stamp}.{export_format}"
    )
    response["Cache-Control"] = "private, no-store"
    return response


class AccountDataExportView(APIView):
    # A download, not a negotiated answer: `?format=csv` is ours, not DRF's renderer override.
    content_negotiation_class = FirstRendererNegotiation

    @extend_schema(
        tags=["applications"],
        operation_id="applications_export",
        parameters=[
            OpenApiParameter(
                "format",
                OpenApiTypes.STR,
                enum=list(EXPORT_FORMATS),
                description="`json` (default): all of the user's data; `csv`: one row per application.",
            )
        ],
        responses={
            200: OpenApiResponse(
                response=AccountDataExport,
                description="A download (Content-Disposition: attachment); `format=csv` gives text/csv.",
            ),
            **ERROR_RESPONSES(400, 401, 429),
        },
        description=(
            "The user's full data export: the account, every application with its timeline, "
            "notes, documents (every version) and AI runs' metadata, and the resume library."
        ),
    )
    def get(self, request):
        export_format = request.query_params.get("format", "json").strip().lower()
        return _export_response(user=request.user, export_format=export_format)


@login_required
@require_GET
def account_data_download(request):
    try:
        return _export_response(user=request.user, export_format="json")
    except RateLimited as exc:
        messages.error(request, exc.message)
        return redirect("account")
