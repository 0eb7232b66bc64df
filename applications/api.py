"""Applications API (SPEC §3): thin views over `applications.services` and `.selectors`."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from applications import insights, selectors, services
from applications.models import Application, StageEvent
from applications.porting import bulk, csv_import
from jobforge.api.pagination import INVALID_CURSOR, Cursor, page_link, parse_page_request
from jobforge.api.query_params import QueryParamsParser
from jobforge.api.representation import datetime_text
from jobforge.api.schema import ERROR_RESPONSES
from jobforge.errors import ValidationFailed


class _FromStageField(serializers.ChoiceField):
    """The stage before the change; null for the event that created the application."""

    def to_representation(self, value):
        return value or None


class _OptionalChoiceField(serializers.ChoiceField):
    """One of the choices, or null when not known (stored blank)."""

    def __init__(self, **kwargs):
        super().__init__(allow_null=True, read_only=True, **kwargs)

    def to_representation(self, value):
        return value or None


class StageEventSerializer(serializers.ModelSerializer):
    from_stage = _FromStageField(choices=Application.Stage.choices, allow_null=True, read_only=True)

    class Meta:
        model = StageEvent
        fields = ["from_stage", "to_stage", "created_at"]
        read_only_fields = fields


class ApplicationSummarySerializer(serializers.ModelSerializer):
    """An application in a list: everything but the large text fields."""

    resume_id = serializers.UUIDField(read_only=True, allow_null=True)
    # An http(s) URL, or "" when none was given (so not declared as format "uri").
    job_url = serializers.CharField(read_only=True)
    work_mode = _OptionalChoiceField(choices=Application.WorkMode.choices)
    employment_type = _OptionalChoiceField(choices=Application.EmploymentType.choices)
    salary_period = _OptionalChoiceField(choices=Application.SalaryPeriod.choices)

    class Meta:
        model = Application
        fields = [
            "id",
            "name",
            "company_name",
            "role_title",
            "job_url",
            "location",
            "priority_level",
            *Application.JOB_DETAIL_FIELDS,
            "resume_id",
            "status",
            "research_completed",
            "resume_optimized",
            "cover_letter_generated",
            "stage",
            "applied_at",
            "follow_up_at",
            "archived",
            "match_score",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


# A summary's fields as columns (the resume's id is the `resume_id` column).
SUMMARY_COLUMNS = ApplicationSummarySerializer.Meta.fields
_OPTIONAL_CHOICE_COLUMNS = ("work_mode", "employment_type", "salary_period")
_DATETIME_COLUMNS = ("applied_at", "follow_up_at", "created_at", "updated_at")
_DATE_COLUMNS = ("posted_at", "deadline")


def _position(sort_value, row: dict) -> list:
    """The row's sort values (its sort key, `created_at`, `id`: what
    `selectors.application_keyset` takes) as JSON values, at full precision."""
    position = []
    for value in (sort_value, row["created_at"], row["id"]):
        if hasattr(value, "isoformat"):  # a date or a datetime, microseconds kept
            value = value.isoformat()
        elif not (value is None or isinstance(value, int | str)):
            value = str(value)  # a UUID
        position.append(value)
    return position


def _summary(row: dict) -> dict:
    """A `.values(*SUMMARY_COLUMNS)` row as `ApplicationSummarySerializer` writes it: the
    same JSON, without a serializer's per-field work on every row of a list."""
    row["id"] = str(row["id"])
    row["resume_id"] = str(row["resume_id"]) if row["resume_id"] else None
    for column in _OPTIONAL_CHOICE_COLUMNS:
        row[column] = row[column] or None
    for column in _DATETIME_COLUMNS:
        if row[column] is not None:
            row[column] = datetime_text(row[column])
    for column in _DATE_COLUMNS:
        if row[column] is not None:
            row[column] = row[column].isoformat()
    return row


class ApplicationSerializer(ApplicationSummarySerializer):
    """The full application, with its stage timeline (oldest first)."""

    timeline = StageEventSerializer(source="stage_events", many=True, read_only=True)

    class Meta(ApplicationSummarySerializer.Meta):
        fields = [
            "id",
            "name",
            "company_name",
            "role_title",
            "job_url",
            "job_description",
            "location",
            "priority_level",
            *Application.JOB_DETAIL_FIELDS,
            "additional_context",
            "resume_id",
            "status",
            "research_completed",
            "resume_optimized",
            "cover_letter_generated",
            "stage",
            "applied_at",
            "follow_up_at",
            "archived",
            "match_score",
            "notes",
            "timeline",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


# Input bounds come from the model's one declaration of them.
RULES = Application.TEXT_RULES


class ApplicationInputSerializer(serializers.Serializer):
    """What a user may write. Read-only fields (id, name, status, flags, timestamps, owner)
    are not declared, so they are ignored when sent."""

    company_name = RULES["company_name"].serializer_field()
    role_title = RULES["role_title"].serializer_field()
    job_description = RULES["job_description"].serializer_field()
    job_url = RULES["job_url"].serializer_field(required=False, allow_null=True)
    location = RULES["location"].serializer_field(required=False, allow_null=True)
    priority_level = serializers.ChoiceField(choices=Application.Priority.choices, required=False)
    additional_context = RULES["additional_context"].serializer_field(required=False, allow_null=True)
    resume_id = serializers.UUIDField(
        required=False, allow_null=True, help_text="One of your resumes; null means your primary resume."
    )
    stage = serializers.ChoiceField(choices=Application.Stage.choices, required=False)
    notes = RULES["notes"].serializer_field(required=False, allow_null=True)
    work_mode = serializers.ChoiceField(
        choices=Application.WorkMode.choices, required=False, allow_blank=True, allow_null=True
    )
    employment_type = serializers.ChoiceField(
        choices=Application.EmploymentType.choices, required=False, allow_blank=True, allow_null=True
    )
    salary_min = serializers.IntegerField(
        min_value=0, max_value=Application.SALARY_LIMIT, required=False, allow_null=True
    )
    salary_max = serializers.IntegerField(
        min_value=0, max_value=Application.SALARY_LIMIT, required=False, allow_null=True
    )
    salary_currency = serializers.RegexField(
        r"^[A-Za-z]{3}$",
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="ISO 4217 code, e.g. USD.",
        error_messages={"invalid": "Enter a three-letter ISO 4217 currency code, e.g. USD."},
    )
    salary_period = serializers.ChoiceField(
        choices=Application.SalaryPeriod.choices, required=False, allow_blank=True, allow_null=True
    )
    posted_at = serializers.DateField(required=False, allow_null=True)
    deadline = serializers.DateField(required=False, allow_null=True)
    source = RULES["source"].serializer_field(required=False, allow_null=True)
    applied_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        help_text="When you applied; moving to `applied` sets it only when it is empty.",
    )
    follow_up_at = serializers.DateTimeField(
        required=False, allow_null=True, help_text="When to follow up; null: no follow-up."
    )
    archived = serializers.BooleanField(
        required=False, help_text="Archived applications leave the default list, board and dashboard."
    )

    def validate(self, attrs):
        # null clears an optional text field.
        for field in ("job_url", "location", "additional_context", "notes", "source"):
            if field in attrs and attrs[field] is None:
                attrs[field] = ""
        return attrs


class ApplicationListQuerySerializer(serializers.Serializer):
    """List filters; an empty value means no filter, an unknown one is a 400."""

    status = serializers.ChoiceField(choices=Application.Status.choices, required=False, allow_blank=True)
    priority = serializers.ChoiceField(choices=Application.Priority.choices, required=False, allow_blank=True)
    stage = serializers.ChoiceField(choices=Application.Stage.choices, required=False, allow_blank=True)
    work_mode = serializers.ChoiceField(
        choices=Application.WorkMode.choices, required=False, allow_blank=True
    )
    employment_type = serializers.ChoiceField(
        choices=Application.EmploymentType.choices, required=False, allow_blank=True
    )
    archived = serializers.ChoiceField(
        choices=selectors.ARCHIVED_CHOICES,
        required=False,
        allow_blank=True,
        help_text="`false` (default): hide archived applications; `true`: only archived ones; `all`.",
    )
    q = serializers.CharField(
        max_length=selectors.SEARCH_MAX,
        required=False,
        allow_blank=True,
        help_text="Company, role, location or posting text contains (any case).",
    )
    ordering = serializers.ChoiceField(
        choices=selectors.ORDERING_CHOICES,
        required=False,
        allow_blank=True,
        help_text=f"Sort order; a leading `-` sorts descending (default `{selectors.DEFAULT_ORDERING}`).",
    )


# The serializer stays the schema's description of the filters; requests are checked by
# its rules without rebuilding its fields each time.
LIST_QUERY = QueryParamsParser(ApplicationListQuerySerializer)


ApplicationListSerializer = inline_serializer(
    "ApplicationList",
    fields={
        "applications": ApplicationSummarySerializer(many=True),
        "total": serializers.IntegerField(
            help_text="Counted on every offset page; a cursor page repeats the count of the page its link came from."
        ),
        "limit": serializers.IntegerField(),
        "offset": serializers.IntegerField(help_text="The position of the page's first item."),
        "next": serializers.URLField(allow_null=True, help_text="The next page (a cursor link), or null."),
        "previous": serializers.URLField(
            allow_null=True, help_text="The page before (a cursor link), or null."
        ),
    },
)


class ApplicationImportInputSerializer(serializers.Serializer):
    """A link to the posting, or its pasted text: one of the two."""

    url = serializers.CharField(required=False, allow_blank=True, help_text="An http(s) link to the posting.")
    text = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        help_text=f"The whole posting, pasted (at most {services.IMPORT_TEXT_MAX} characters).",
    )


class ApplicationDraftSerializer(serializers.Serializer):
    """The fields read from the posting; empty or null where nothing was found."""

    company_name = serializers.CharField()
    role_title = serializers.CharField()
    location = serializers.CharField()
    job_url = serializers.CharField(help_text="The posting's address after redirects; empty for pasted text.")
    job_description = serializers.CharField(help_text="The posting as Markdown (lists kept).")
    work_mode = serializers.ChoiceField(choices=Application.WorkMode.choices, allow_null=True)
    employment_type = serializers.ChoiceField(choices=Application.EmploymentType.choices, allow_null=True)
    salary_min = serializers.IntegerField(allow_null=True)
    salary_max = serializers.IntegerField(allow_null=True)
    salary_currency = serializers.CharField(allow_null=True, help_text="ISO 4217, e.g. USD.")
    salary_period = serializers.ChoiceField(choices=Application.SalaryPeriod.choices, allow_null=True)
    posted_at = serializers.DateField(allow_null=True)
    deadline = serializers.DateField(allow_null=True)
    source = serializers.CharField(help_text="The site's host name; empty for pasted text.")


class ApplicationImportSerializer(serializers.Serializer):
    draft = ApplicationDraftSerializer()
    warnings = serializers.ListField(child=serializers.CharField())


def _timeline(application: Application) -> list[dict]:
    """The stage events, oldest first, as `StageEventSerializer` writes them: one query for
    the three columns shown, with no prefetch machinery or model instances."""
    events = (
        StageEvent.objects.filter(application_id=application.pk)
        .order_by("created_at", "id")
        .values_list("from_stage", "to_stage", "created_at")
    )
    return [
        {"from_stage": from_stage or None, "to_stage": to_stage, "created_at": datetime_text(created_at)}
        for from_stage, to_stage, created_at in events
    ]


def _full(application: Application) -> dict:
    """The full application with its timeline, as `ApplicationSerializer` writes it: the
    same JSON, without building a model serializer's fields on every request (a third of
    a detail request's time)."""
    body = {}
    for name in ApplicationSerializer.Meta.fields:
        body[name] = _timeline(application) if name == "timeline" else getattr(application, name)
    return _summary(body)


class ApplicationListView(APIView):
    list_key = "applications"

    @extend_schema(
        tags=["applications"],
        operation_id="applications_list",
        parameters=[
            ApplicationListQuerySerializer,
            OpenApiParameter("limit", int, description="Page size (default 50, at most 100)."),
            OpenApiParameter("offset", int, description="Items to skip (default 0)."),
            OpenApiParameter(
                "cursor",
                str,
                description=(
                    "Where a page starts, as the `next` and `previous` links carry it (opaque and "
                    "signed; one made for other filters, another ordering or altered is a 400)."
                ),
            ),
        ],
        responses={200: ApplicationListSerializer, **ERROR_RESPONSES(400, 401)},
        description=(
            "Your applications, newest first unless `ordering` says otherwise. `q` matches company, "
            "role, location or posting text (case-insensitive). Follow `next` for deep pages: a "
            "cursor page reads from where the last one ended, so it costs the same at any depth "
            "and stays put while applications are added; `total` is counted on offset pages only."
        ),
    )
    def get(self, request):
        filters = LIST_QUERY.parse(request.query_params)
        # A cursor is good only for its user and the filters and ordering it was made with.
        page = parse_page_request(
            request.query_params,
            query={"user": str(request.user.pk), **{k: v for k, v in filters.items() if v}},
        )
        ordered = selectors.application_list(user=request.user, filters=filters)
        # Only the summary's columns: not the posting, context and notes a list never shows.
        if page.cursor is None:
            found = selectors.application_page_at_offset(
                ordered,
                offset=page.offset,
                limit=page.limit,
                columns=SUMMARY_COLUMNS,
                total=selectors.application_list_total(user=request.user, filters=filters),
            )
            total, offset = found.total, page.offset
        else:
            try:
                found = selectors.application_page_from(
                    ordered,
                    ordering=filters.get("ordering"),
                    position=page.cursor.position,
                    backwards=page.cursor.backwards,
                    limit=page.limit,
                    columns=SUMMARY_COLUMNS,
                )
            except ValueError:
                raise serializers.ValidationError({"cursor": [INVALID_CURSOR]}) from None
            total = page.cursor.total
            offset = page.cursor.offset if found.more_before else 0
        rows, more_before, more_after = found.rows, found.more_before, found.more_after
        # Every row loses its sort key (not a summary's field); only the page's ends make cursors.
        sort_values = [row.pop(selectors.PAGE_SORT_VALUE) for row in rows]
        following = preceding = None
        if rows and more_after:
            last = _position(sort_values[-1], rows[-1])
            following = Cursor(page.query, last, False, total, offset + len(rows))
        if rows and more_before:
            first = _position(sort_values[0], rows[0])
            preceding = Cursor(page.query, first, True, total, max(offset - page.limit, 0))
        return Response(
            {
                self.list_key: [_summary(row) for row in rows],
                "total": total,
                "limit": page.limit,
                "offset": offset,
                "next": page_link(request, following),
                "previous": page_link(request, preceding),
            }
        )

    @extend_schema(
        tags=["applications"],
        operation_id="applications_create",
        request=ApplicationInputSerializer,
        responses={201: ApplicationSerializer, **ERROR_RESPONSES(400, 401)},
        description="Create an application. Its `name` is generated from company, role and date.",
    )
    def post(self, request):
        data = ApplicationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        application = services.application_create(user=request.user, **data.validated_data)
        return Response(_full(application), status=status.HTTP_201_CREATED)


class ApplicationDetailView(APIView):
    def _update(self, request, application_id):
        data = ApplicationInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        application = services.application_update(
            user=request.user, application_id=application_id, **data.validated_data
        )
        return Response(_full(application))

    @extend_schema(
        tags=["applications"],
        operation_id="applications_retrieve",
        responses={200: ApplicationSerializer, **ERROR_RESPONSES(401, 404)},
    )
    def get(self, request, application_id):
        application = services.application_get_for_user(user=request.user, application_id=application_id)
        return Response(_full(application))

    @extend_schema(
        tags=["applications"],
        operation_id="applications_update",
        request=ApplicationInputSerializer(partial=True),
        responses={200: ApplicationSerializer, **ERROR_RESPONSES(400, 401, 404)},
        description="Partial update (PUT accepts partial bodies too). A `stage` change is added to the timeline.",
    )
    def put(self, request, application_id):
        return self._update(request, application_id)

    @extend_schema(
        tags=["applications"],
        operation_id="applications_partial_update",
        request=ApplicationInputSerializer(partial=True),
        responses={200: ApplicationSerializer, **ERROR_RESPONSES(400, 401, 404)},
    )
    def patch(self, request, application_id):
        return self._update(request, application_id)

    @extend_schema(
        tags=["applications"],
        operation_id="applications_destroy",
        responses={204: None, **ERROR_RESPONSES(401, 404)},
        description="Delete the application with its documents, versions and processing runs.",
    )
    def delete(self, request, application_id):
        services.application_delete(user=request.user, application_id=application_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ApplicationImportView(APIView):
    @extend_schema(
        tags=["applications"],
        operation_id="applications_import",
        request=ApplicationImportInputSerializer,
        responses={200: ApplicationImportSerializer, **ERROR_RESPONSES(400, 401, 429)},
        description=(
            "Read a posting from its link (`url`) or pasted text (`text`) into a draft application "
            "for the new-application form. Saves nothing. A refused or failed fetch (private "
            "address, too slow, too large, not a page) is a 400 saying why. Rate-limited per user."
        ),
    )
    def post(self, request):
        data = ApplicationImportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = services.application_import_draft(user=request.user, **data.validated_data)
        return Response(ApplicationImportSerializer(result).data)


class ApplicationBulkInputSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.UUIDField(),
        allow_empty=False,
        max_length=bulk.BULK_MAX,
        help_text=f"Your applications' ids (at most {bulk.BULK_MAX}).",
    )
    action = serializers.ChoiceField(choices=bulk.BulkAction.ALL)
    stage = serializers.ChoiceField(
        choices=Application.Stage.choices, required=False, allow_null=True, help_text="Needed by `set_stage`."
    )


class ApplicationBulkView(APIView):
    @extend_schema(
        tags=["applications"],
        operation_id="applications_bulk",
        request=ApplicationBulkInputSerializer,
        responses={
            200: inline_serializer("ApplicationBulkResult", fields={"updated": serializers.IntegerField()}),
            **ERROR_RESPONSES(400, 401, 404),
        },
        description=(
            "One action on many applications: `set_stage` (with `stage`; each move is added to the "
            "application's timeline), `archive`, `unarchive` or `delete`. All or nothing: an id that "
            "is not one of yours is a 404 and nothing changes. `updated` counts the applications named."
        ),
    )
    def post(self, request):
        data = ApplicationBulkInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        updated = bulk.application_bulk(user=request.user, **data.validated_data)
        return Response({"updated": updated})


class ApplicationCsvImportInputSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text=f"A CSV file (at most {csv_import.CSV_MAX_BYTES // (1024 * 1024)} MB)."
    )
    dry_run = serializers.BooleanField(required=False, default=False, help_text="Only say what would happen.")


class ApplicationCsvImportRowSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="The row number as a spreadsheet shows it (the header is 1).")
    id = serializers.UUIDField(
        required=False, help_text="The new application (created rows, not in a dry run)."
    )
    company_name = serializers.CharField()
    role_title = serializers.CharField()
    stage = serializers.ChoiceField(choices=Application.Stage.choices, required=False)
    applied_at = serializers.DateField(allow_null=True, required=False)
    reason = serializers.CharField(required=False, help_text="Why it was skipped or rejected.")


class ApplicationCsvImportCountsSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    skipped = serializers.IntegerField()
    rejected = serializers.IntegerField()


class ApplicationCsvImportSerializer(serializers.Serializer):
    """What an import did (or, in a dry run, would do) with each row of the file."""

    dry_run = serializers.BooleanField()
    counts = ApplicationCsvImportCountsSerializer()
    created = ApplicationCsvImportRowSerializer(many=True)
    skipped = ApplicationCsvImportRowSerializer(many=True)
    rejected = ApplicationCsvImportRowSerializer(many=True)
    warnings = serializers.ListField(child=serializers.CharField())
    columns = serializers.DictField(
        child=serializers.CharField(), help_text="Each column read, with the field it fills."
    )
    ignored_columns = serializers.ListField(child=serializers.CharField())


class ApplicationCsvImportView(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        tags=["applications"],
        operation_id="applications_import_csv",
        request={"multipart/form-data": ApplicationCsvImportInputSerializer},
        responses={200: ApplicationCsvImportSerializer, **ERROR_RESPONSES(400, 401, 429)},
        description=(
            "Import applications from a CSV file: our export's columns or common trackers' (`Company`, "
            "`Job Title`/`Title`/`Position`, `Status`/`Stage`, `Date Applied`, `URL`/`Link`, `Location`, "
            "`Salary`, `Notes`). Rows already present (same job link, or same company, role and applied "
            "date) are skipped, bad rows rejected with the reason; `dry_run=true` writes nothing. "
            f"At most {csv_import.CSV_MAX_BYTES // (1024 * 1024)} MB and {csv_import.CSV_MAX_ROWS:,} rows."
        ),
    )
    def post(self, request):
        data = ApplicationCsvImportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        if upload.size > csv_import.CSV_MAX_BYTES:
            raise ValidationFailed(
                "The file is too large.",
                details={
                    "file": [f"The file is larger than {csv_import.CSV_MAX_BYTES // (1024 * 1024)} MB."]
                },
            )
        result = csv_import.applications_import_csv(
            user=request.user, content=upload.read(), dry_run=data.validated_data["dry_run"]
        )
        return Response(result)


class InsightsQuerySerializer(serializers.Serializer):
    weeks = serializers.IntegerField(
        min_value=1,
        max_value=insights.WEEKS_MAX,
        default=insights.WEEKS_DEFAULT,
        help_text="How many weeks `per_week` covers, this one included.",
    )


INSIGHTS_QUERY = QueryParamsParser(InsightsQuerySerializer)


_STAGE_COUNTS = {stage.value: serializers.IntegerField() for stage in Application.Stage}
_STAGE_DAYS = {stage.value: serializers.FloatField(allow_null=True) for stage in Application.Stage}


def _breakdown_serializer(name: str, key: str, help_text: str):
    return inline_serializer(
        name=name,
        many=True,
        fields={
            key: serializers.CharField(allow_null=True, help_text=help_text),
            "count": serializers.IntegerField(),
            "applied": serializers.IntegerField(help_text="How many of them were sent."),
            "responses": serializers.IntegerField(help_text="How many of those got an answer."),
            "response_rate": serializers.FloatField(allow_null=True),
        },
    )


class InsightsSerializer(serializers.Serializer):
    total = serializers.IntegerField(help_text="Applications, archived ones included.")
    by_stage = inline_serializer(name="InsightsByStage", fields=_STAGE_COUNTS)
    funnel = inline_serializer(
        name="InsightsFunnelStep",
        many=True,
        fields={
            "stage": serializers.ChoiceField(choices=[step.value for step in insights.FUNNEL]),
            "count": serializers.IntegerField(help_text="Applications that reached this step."),
            "conversion_rate": serializers.FloatField(
                allow_null=True, help_text="Share of the step before; null for the first or after 0."
            ),
        },
    )
    response_rate = serializers.FloatField(
        allow_null=True, help_text="Share (0–1) of applied applications that got an answer; null if none."
    )
    median_days_to_response = serializers.FloatField(allow_null=True)
    median_days_in_stage = inline_serializer(name="InsightsDaysInStage", fields=_STAGE_DAYS)
    per_week = inline_serializer(
        name="InsightsWeek",
        many=True,
        fields={
            "week_start": serializers.DateField(help_text="The week's Monday (UTC)."),
            "applied": serializers.IntegerField(),
            "added": serializers.IntegerField(),
        },
    )
    by_source = _breakdown_serializer("InsightsSource", "source", "Null when not known.")
    by_work_mode = _breakdown_serializer("InsightsWorkMode", "work_mode", "Null when not known.")


class InsightsView(APIView):
    @extend_schema(
        tags=["insights"],
        operation_id="insights",
        parameters=[InsightsQuerySerializer],
        responses={200: InsightsSerializer, **ERROR_RESPONSES(400, 401)},
        description=(
            "How the search goes: counts per stage, the applied → interviewing → offer funnel, "
            "the response rate, median days to the first response and in each stage, "
            "applications per week, and breakdowns by source and work mode."
        ),
    )
    def get(self, request):
        weeks = INSIGHTS_QUERY.parse(request.query_params)["weeks"]
        figures = insights.insights_for_user(user=request.user, weeks=weeks)
        return Response(InsightsSerializer(figures).data)
