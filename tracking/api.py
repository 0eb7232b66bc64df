"""Tracking API (SPEC §12): contacts and interviews of an application, and tasks.

Thin views over `tracking.services` and `.selectors`. Contacts and interviews live under
their application (`/applications/{id}/contacts[/{contact_id}]`); tasks under `/tasks`
and, filtered and created for one application, `/applications/{id}/tasks`.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from applications.services import application_get_for_user
from jobforge.api.pagination import EnvelopePagination
from jobforge.api.schema import ERROR_RESPONSES
from tracking import selectors, services
from tracking.models import Contact, Interview, Task

# Output


class ContactSerializer(serializers.ModelSerializer):
    application_id = serializers.UUIDField(read_only=True)
    email = serializers.CharField(read_only=True, help_text="An email address, or empty.")
    linkedin_url = serializers.CharField(read_only=True, help_text="An http(s) URL, or empty.")

    class Meta:
        model = Contact
        fields = [
            "id",
            "application_id",
            "name",
            "role",
            "email",
            "phone",
            "linkedin_url",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class InterviewSerializer(serializers.ModelSerializer):
    application_id = serializers.UUIDField(read_only=True)
    meeting_url = serializers.CharField(read_only=True, help_text="An http(s) URL, or empty.")

    class Meta:
        model = Interview
        fields = [
            "id",
            "application_id",
            "kind",
            "scheduled_at",
            "duration_minutes",
            "location",
            "meeting_url",
            "notes",
            "outcome",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class TaskSerializer(serializers.ModelSerializer):
    application_id = serializers.UUIDField(read_only=True, allow_null=True)

    class Meta:
        model = Task
        fields = ["id", "application_id", "title", "due_at", "done", "created_at", "updated_at"]
        read_only_fields = fields


# Input: bounds from the models' TEXT_RULES; null clears an optional text field.


def _text(model, field, **options):
    return model.TEXT_RULES[field].serializer_field(**options)


class _NullClearsText(serializers.Serializer):
    TEXT_FIELDS: tuple[str, ...] = ()

    def validate(self, attrs):
        for field in self.TEXT_FIELDS:
            if field in attrs and attrs[field] is None:
                attrs[field] = ""
        return attrs


class ContactInputSerializer(_NullClearsText):
    TEXT_FIELDS = ("role", "email", "phone", "linkedin_url", "notes")

    name = _text(Contact, "name")
    role = _text(Contact, "role", required=False, allow_null=True)
    email = serializers.EmailField(
        max_length=services.EMAIL_MAX, required=False, allow_blank=True, allow_null=True
    )
    phone = _text(Contact, "phone", required=False, allow_null=True)
    linkedin_url = _text(Contact, "linkedin_url", required=False, allow_null=True)
    notes = _text(Contact, "notes", required=False, allow_null=True)


class InterviewInputSerializer(_NullClearsText):
    TEXT_FIELDS = ("location", "meeting_url", "notes")

    kind = serializers.ChoiceField(choices=Interview.Kind.choices, required=False)
    scheduled_at = serializers.DateTimeField(help_text="ISO 8601; without an offset, UTC.")
    duration_minutes = serializers.IntegerField(
        min_value=1, max_value=Interview.DURATION_LIMIT, required=False, help_text="Default 60."
    )
    location = _text(Interview, "location", required=False, allow_null=True)
    meeting_url = _text(Interview, "meeting_url", required=False, allow_null=True)
    notes = _text(Interview, "notes", required=False, allow_null=True)
    outcome = serializers.ChoiceField(choices=Interview.Outcome.choices, required=False)


class TaskInputSerializer(serializers.Serializer):
    title = _text(Task, "title")
    due_at = serializers.DateTimeField(required=False, allow_null=True, help_text="ISO 8601; null: no date.")
    done = serializers.BooleanField(required=False)
    application_id = serializers.UUIDField(
        required=False, allow_null=True, help_text="One of your applications; null: a free-standing task."
    )


class ApplicationTaskInputSerializer(TaskInputSerializer):
    """A task created under an application belongs to it."""

    application_id = None


class TaskListQuerySerializer(serializers.Serializer):
    done = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="true: done ones only; false: open ones only.",
    )
    application_id = serializers.UUIDField(required=False, help_text="One application's tasks only.")


def _list_schema(name: str, key: str, item) -> serializers.Serializer:
    return inline_serializer(
        name,
        fields={
            key: item(many=True),
            "total": serializers.IntegerField(),
            "limit": serializers.IntegerField(),
            "offset": serializers.IntegerField(),
        },
    )


PAGE_PARAMETERS = [
    OpenApiParameter("limit", int, description="Page size (default 50, at most 100)."),
    OpenApiParameter("offset", int, description="Items to skip (default 0)."),
]


def _page(view, request, queryset, serializer) -> Response:
    paginator = EnvelopePagination()
    rows = paginator.paginate_queryset(queryset, request, view=view)
    return paginator.get_paginated_response(serializer(rows, many=True).data)


# Contacts and interviews: the same CRUD under an application.


class _ApplicationChildListView(APIView):
    """GET a page of the application's rows; POST adds one."""

    list_key: str
    serializer: type[serializers.Serializer]
    input_serializer: type[serializers.Serializer]

    def rows(self, *, user, application):
        raise NotImplementedError

    def create(self, *, user, application, **fields):
        raise NotImplementedError

    def get(self, request, application_id):
        application = application_get_for_user(user=request.user, application_id=application_id)
        return _page(self, request, self.rows(user=request.user, application=application), self.serializer)

    def post(self, request, application_id):
        application = application_get_for_user(user=request.user, application_id=application_id)
        data = self.input_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        row = self.create(user=request.user, application=application, **data.validated_data)
        return Response(self.serializer(row).data, status=status.HTTP_201_CREATED)


class _ApplicationChildDetailView(APIView):
    """GET, PUT/PATCH (partial bodies both) and DELETE one row of the application."""

    serializer: type[serializers.Serializer]
    input_serializer: type[serializers.Serializer]
    pk_kwarg: str  # the URL's name for the row's id

    def load(self, *, user, application, pk):
        raise NotImplementedError

    def update(self, *, user, row, **fields):
        raise NotImplementedError

    def remove(self, *, user, row):
        raise NotImplementedError

    def _row(self, request, application_id, ids):
        application = application_get_for_user(user=request.user, application_id=application_id)
        return self.load(user=request.user, application=application, pk=ids[self.pk_kwarg])

    def get(self, request, application_id, **ids):
        return Response(self.serializer(self._row(request, application_id, ids)).data)

    def put(self, request, application_id, **ids):
        row = self._row(request, application_id, ids)
        data = self.input_serializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        return Response(self.serializer(self.update(user=request.user, row=row, **data.validated_data)).data)

    def patch(self, request, application_id, **ids):
        return self.put(request, application_id, **ids)

    def delete(self, request, application_id, **ids):
        self.remove(user=request.user, row=self._row(request, application_id, ids))
        return Response(status=status.HTTP_204_NO_CONTENT)


def _crud_schemas(entity: str, plural: str, serializer, input_serializer, list_schema, *, create_note=""):
    """The OpenAPI description of one entity's list and detail views."""
    tags = ["tracking"]
    list_view = extend_schema_view(
        get=extend_schema(
            tags=tags,
            operation_id=f"{plural}_list",
            parameters=PAGE_PARAMETERS,
            responses={200: list_schema, **ERROR_RESPONSES(400, 401, 404)},
        ),
        post=extend_schema(
            tags=tags,
            operation_id=f"{plural}_create",
            request=input_serializer,
            responses={201: serializer, **ERROR_RESPONSES(400, 401, 404)},
            description=create_note or None,
        ),
    )
    detail_view = extend_schema_view(
        get=extend_schema(
            tags=tags,
            operation_id=f"{plural}_retrieve",
            responses={200: serializer, **ERROR_RESPONSES(401, 404)},
        ),
        put=extend_schema(
            tags=tags,
            operation_id=f"{plural}_update",
            request=input_serializer(partial=True),
            responses={200: serializer, **ERROR_RESPONSES(400, 401, 404)},
            description="Partial update (PUT accepts partial bodies too).",
        ),
        patch=extend_schema(
            tags=tags,
            operation_id=f"{plural}_partial_update",
            request=input_serializer(partial=True),
            responses={200: serializer, **ERROR_RESPONSES(400, 401, 404)},
        ),
        delete=extend_schema(
            tags=tags, operation_id=f"{plural}_destroy", responses={204: None, **ERROR_RESPONSES(401, 404)}
        ),
    )
    return list_view, detail_view


_contact_list_schema, _contact_detail_schema = _crud_schemas(
    "contact",
    "contacts",
    ContactSerializer,
    ContactInputSerializer,
    _list_schema("ContactList", "contacts", ContactSerializer),
)


@_contact_list_schema
class ContactListView(_ApplicationChildListView):
    list_key = "contacts"
    serializer = ContactSerializer
    input_serializer = ContactInputSerializer

    def rows(self, *, user, application):
        return selectors.contact_list(user=user, application=application)

    def create(self, *, user, application, **fields):
        return services.contact_create(user=user, application=application, **fields)


@_contact_detail_schema
class ContactDetailView(_ApplicationChildDetailView):
    pk_kwarg = "contact_id"
    serializer = ContactSerializer
    input_serializer = ContactInputSerializer

    def load(self, *, user, application, pk):
        return services.contact_get_for_user(user=user, application=application, contact_id=pk)

    def update(self, *, user, row, **fields):
        return services.contact_update(user=user, contact=row, **fields)

    def remove(self, *, user, row):
        services.contact_delete(user=user, contact=row)


_interview_list_schema, _interview_detail_schema = _crud_schemas(
    "interview",
    "interviews",
    InterviewSerializer,
    InterviewInputSerializer,
    _list_schema("InterviewList", "interviews", InterviewSerializer),
    create_note=(
        "Schedule an interview. A `saved` or `applied` application moves to `interviewing` "
        "(recorded on its timeline)."
    ),
)


@_interview_list_schema
class InterviewListView(_ApplicationChildListView):
    list_key = "interviews"
    serializer = InterviewSerializer
    input_serializer = InterviewInputSerializer

    def rows(self, *, user, application):
        return selectors.interview_list(user=user, application=application)

    def create(self, *, user, application, **fields):
        return services.interview_create(user=user, application=application, **fields)


@_interview_detail_schema
class InterviewDetailView(_ApplicationChildDetailView):
    pk_kwarg = "interview_id"
    serializer = InterviewSerializer
    input_serializer = InterviewInputSerializer

    def load(self, *, user, application, pk):
        return services.interview_get_for_user(user=user, application=application, interview_id=pk)

    def update(self, *, user, row, **fields):
        return services.interview_update(user=user, interview=row, **fields)

    def remove(self, *, user, row):
        services.interview_delete(user=user, interview=row)


# Tasks

TaskListSerializer = _list_schema("TaskList", "tasks", TaskSerializer)


class TaskListView(APIView):
    list_key = "tasks"

    @extend_schema(
        tags=["tracking"],
        operation_id="tasks_list",
        parameters=[TaskListQuerySerializer, *PAGE_PARAMETERS],
        responses={200: TaskListSerializer, **ERROR_RESPONSES(400, 401, 404)},
        description="Your tasks: open ones first, soonest due first (undated last), then done ones.",
    )
    def get(self, request):
        query = TaskListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        filters = {"done": query.validated_data.get("done")}
        if "application_id" in query.validated_data:
            filters["application"] = application_get_for_user(
                user=request.user, application_id=query.validated_data["application_id"]
            )
        return _page(self, request, selectors.task_list(user=request.user, filters=filters), TaskSerializer)

    @extend_schema(
        tags=["tracking"],
        operation_id="tasks_create",
        request=TaskInputSerializer,
        responses={201: TaskSerializer, **ERROR_RESPONSES(400, 401, 404)},
        description="Add a task, for one of your applications (`application_id`) or free-standing.",
    )
    def post(self, request):
        data = TaskInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        task = services.task_create(user=request.user, **data.validated_data)
        return Response(TaskSerializer(task).data, status=status.HTTP_201_CREATED)


class ApplicationTaskListView(APIView):
    list_key = "tasks"

    @extend_schema(
        tags=["tracking"],
        operation_id="application_tasks_list",
        parameters=PAGE_PARAMETERS,
        responses={200: TaskListSerializer, **ERROR_RESPONSES(400, 401, 404)},
    )
    def get(self, request, application_id):
        application = application_get_for_user(user=request.user, application_id=application_id)
        tasks = selectors.task_list(user=request.user, filters={"application": application})
        return _page(self, request, tasks, TaskSerializer)

    @extend_schema(
        tags=["tracking"],
        operation_id="application_tasks_create",
        request=ApplicationTaskInputSerializer,
        responses={201: TaskSerializer, **ERROR_RESPONSES(400, 401, 404)},
    )
    def post(self, request, application_id):
        application = application_get_for_user(user=request.user, application_id=application_id)
        data = ApplicationTaskInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        task = services.task_create(user=request.user, application=application, **data.validated_data)
        return Response(TaskSerializer(task).data, status=status.HTTP_201_CREATED)


class TaskDetailView(APIView):
    def _update(self, request, task_id):
        task = services.task_get_for_user(user=request.user, task_id=task_id)
        data = TaskInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        return Response(
            TaskSerializer(services.task_update(user=request.user, task=task, **data.validated_data)).data
        )

    @extend_schema(
        tags=["tracking"],
        operation_id="tasks_retrieve",
        responses={200: TaskSerializer, **ERROR_RESPONSES(401, 404)},
    )
    def get(self, request, task_id):
        return Response(TaskSerializer(services.task_get_for_user(user=request.user, task_id=task_id)).data)

    @extend_schema(
        tags=["tracking"],
        operation_id="tasks_update",
        request=TaskInputSerializer(partial=True),
        responses={200: TaskSerializer, **ERROR_RESPONSES(400, 401, 404)},
        description="Partial update (PUT accepts partial bodies too); `done: true` ticks it off.",
    )
    def put(self, request, task_id):
        return self._update(request, task_id)

    @extend_schema(
        tags=["tracking"],
        operation_id="tasks_partial_update",
        request=TaskInputSerializer(partial=True),
        responses={200: TaskSerializer, **ERROR_RESPONSES(400, 401, 404)},
    )
    def patch(self, request, task_id):
        return self._update(request, task_id)

    @extend_schema(
        tags=["tracking"], operation_id="tasks_destroy", responses={204: None, **ERROR_RESPONSES(401, 404)}
    )
    def delete(self, request, task_id):
        services.task_delete(
            user=request.user, task=services.task_get_for_user(user=request.user, task_id=task_id)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
