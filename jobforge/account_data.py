"""A user's full data export (SPEC §12, §14): everything of theirs as one JSON file, and
their applications as CSV.

It reads every app's models, so it lives at the project level: `accounts` stays free of
imports of the apps that depend on it. The API serves it at
`GET /api/v1/applications/export?format=json|csv`, the account page at `/account/export/`,
the applications list as buttons. Both formats are written as they are read (streamed),
so a large account's download holds a bounded part of it in memory at a time.
"""

import csv
import datetime as dt
import itertools
import json
from collections.abc import Iterator

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch, URLField
from django.http import HttpResponseBadRequest, StreamingHttpResponse
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
from tracking.models import Contact, Interview, Task

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


class ContactExport(ModelExport):
    class Meta:
        model = Contact
        exclude = ["application"]


class InterviewExport(ModelExport):
    class Meta:
        model = Interview
        exclude = ["application"]


class TaskExport(ModelExport):
    application_id = serializers.UUIDField(
        allow_null=True, help_text="Null for a task of the search as a whole."
    )

    class Meta:
        model = Task
        exclude = ["user", "application"]


class ApplicationRowExport(ModelExport):
    """An application's own fields: the CSV's columns, and the JSON's before the nested data."""

    class Meta:
        model = Application
        exclude = ["user"]


class ApplicationExport(ApplicationRowExport):
    timeline = StageEventExport(many=True, source="stage_events", help_text="Stage changes, oldest first.")
    documents = DocumentExport(many=True)
    runs = PhaseRunExport(many=True, source="phase_runs", help_text="The AI runs' metadata, oldest first.")
    contacts = ContactExport(many=True)
    interviews = InterviewExport(many=True)

    class Meta(ApplicationRowExport.Meta):
        pass


class ResumeExport(ModelExport):
    class Meta:
        model = Resume
        exclude = ["user"]


class AccountDataExport(serializers.Serializer):
    """The JSON file's shape (it is written in parts, see `account_data_json`)."""

    exported_at = serializers.DateTimeField()
    user = UserSerializer()
    applications = ApplicationExport(many=True)
    resumes = ResumeExport(many=True)
    tasks = TaskExport(many=True, help_text="Every task, of an application or of the search as a whole.")


# Applications read and written per step of a download: memory stays bounded by this, and
# each step runs the same queries whatever the account's size.
EXPORT_CHUNK = 200


def _applications_with_everything(ids):
    return (
        Application.objects.filter(pk__in=ids)
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
            Prefetch("contacts", queryset=Contact.objects.order_by("created_at", "id")),
            Prefetch("interviews", queryset=Interview.objects.order_by("scheduled_at", "id")),
        )
    )


def _json(value) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)


def _json_list(items) -> Iterator[str]:
    yield "["
    for index, item in enumerate(items):
        yield ("," if index else "") + "\n" + _json(item)
    yield "]"


def account_data_json(*, user) -> Iterator[str]:
    """Everything of the user's as one JSON document (`AccountDataExport`), written in parts:
    the applications `EXPORT_CHUNK` at a time, each part in the same eight queries (the
    applications, their timelines, documents, versions, runs, contacts and interviews),
    plus the ids, the resumes and the tasks."""
    ids = list(
        Application.objects.filter(user=user).order_by("created_at", "id").values_list("pk", flat=True)
    )

    def applications():
        for start in range(0, len(ids), EXPORT_CHUNK):
            for application in _applications_with_everything(ids[start : start + EXPORT_CHUNK]):
                yield ApplicationExport(application).data

    head = {"exported_at": serializers.DateTimeField().to_representation(timezone.now())}
    head["user"] = UserSerializer(user).data
    yield _json(head)[:-1] + ', "applications": '
    yield from _json_list(applications())
    yield ', "resumes": '
    resumes = Resume.objects.filter(user=user).order_by("created_at", "id")
    yield from _json_list(ResumeExport(resume).data for resume in resumes)
    yield ', "tasks": '
    tasks = Task.objects.filter(user=user).order_by("created_at", "id")
    yield from _json_list(TaskExport(task).data for task in tasks.iterator(chunk_size=EXPORT_CHUNK))
    yield "}\n"


# Cells a spreadsheet would run as a formula (CSV injection) get a leading apostrophe.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_datetime_text = serializers.DateTimeField().to_representation


def csv_cell(value) -> str:
    """A value as a CSV cell: timestamps as the API writes them, formulas neutralised."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        text = _datetime_text(value)
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = str(value)
    return f"'{text}" if text.startswith(_FORMULA_PREFIXES) else text


class _Lines:
    """What `csv.writer` writes to, handing each line back instead of keeping it."""

    def write(self, line: str) -> str:
        return line


def applications_csv(*, user) -> Iterator[str]:
    """One line per application, with every field of `ApplicationRowExport` as a column,
    read with one query (a server-side cursor on PostgreSQL) and written as it is read."""
    columns = list(ApplicationRowExport().fields)
    writer = csv.writer(_Lines())
    yield writer.writerow(columns)
    rows = Application.objects.filter(user=user).order_by("created_at", "id").values_list(*columns)
    for row in rows.iterator(chunk_size=2000):
        yield writer.writerow([csv_cell(value) for value in row])


def _export_response(*, user, export_format: str) -> StreamingHttpResponse:
    if export_format not in EXPORT_FORMATS:
        raise ValidationFailed(
            f"Unknown export format {export_format!r}. Allowed: {', '.join(EXPORT_FORMATS)}.",
            details={"format": [f"Must be one of: {', '.join(EXPORT_FORMATS)}."]},
        )
    ratelimit_consume(scope="data-export", ident=str(user.pk), rate=settings.JOBFORGE_THROTTLE_EXPORT)
    stamp = timezone.now().strftime("%Y-%m-%d")
    if export_format == "csv":
        # A BOM, so that spreadsheets read the file as UTF-8 (the import accepts it).
        body = itertools.chain(["\ufeff"], applications_csv(user=user))
        content_type, name = "text/csv; charset=utf-8", "applications"
    else:
        body, content_type, name = account_data_json(user=user), "application/json", "data"
    response = StreamingHttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"job-forge-{name}-{stamp}.{export_format}"
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
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
            "notes, documents (every version), AI runs' metadata, contacts and interviews, the "
            "resume library and the tasks. `format=csv`: one row per application with every "
            "field; cells starting with =, +, -, @, tab or CR get a leading apostrophe (CSV "
            "injection). Both are streamed."
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


@login_required
@require_GET
def applications_download(request):
    """The applications list's export buttons: `?format=csv|json`."""
    export_format = request.GET.get("format", "csv").strip().lower()
    try:
        return _export_response(user=request.user, export_format=export_format)
    except ValidationFailed as exc:
        return HttpResponseBadRequest(exc.message, content_type="text/plain; charset=utf-8")
    except RateLimited as exc:
        messages.error(request, exc.message)
        return redirect("applications:list")
