"""Documents API (SPEC §4, export aside): thin views over `documents.services`.

Every route first scopes the application to the requesting user, so another user's
application (and so its documents and versions) is a 404.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from applications.services import application_get_for_user
from documents import services
from documents.export import export_version_param
from documents.export.service import VERSION_MAX_DIGITS
from documents.models import Document, DocumentVersion
from jobforge.api.schema import ERROR_RESPONSES


class DocumentSerializer(serializers.ModelSerializer):
    application_id = serializers.UUIDField(read_only=True)
    version = serializers.IntegerField(read_only=True, help_text="Number of the current version.")

    class Meta:
        model = Document
        fields = ["id", "application_id", "document_type", "content", "version", "created_at", "updated_at"]
        read_only_fields = fields


class DocumentVersionSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(source="number", read_only=True)
    restored_from = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="The version this one restores; null unless a restore."
    )

    class Meta:
        model = DocumentVersion
        fields = ["version", "source", "restored_from", "tone", "length", "created_at", "content"]
        read_only_fields = fields


class DocumentEditSerializer(serializers.Serializer):
    content = serializers.CharField(
        min_length=services.CONTENT_MIN,
        max_length=services.CONTENT_MAX,
        trim_whitespace=False,
        help_text="Markdown, 10–50000 characters.",
    )


class ProvenanceLineSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="The line as the tailored resume has it.")
    section = serializers.CharField(help_text="Where it stands: summary, experience or projects.")
    source_ids = serializers.ListField(
        child=serializers.CharField(), help_text="Ids of the resume structure's entries it comes from."
    )
    source_text = serializers.ListField(
        child=serializers.CharField(allow_blank=True), help_text="Their text, in the same order."
    )
    keywords = serializers.ListField(child=serializers.CharField(), help_text="Posting keywords it carries.")
    change = serializers.ChoiceField(choices=["kept", "reworded", "reordered", "summary"])


class ProvenanceDroppedSerializer(serializers.Serializer):
    source_id = serializers.CharField()
    source_text = serializers.CharField(allow_blank=True)


class GuardViolationSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="number, year_count, employer, title, school, credential, skill…")
    text = serializers.CharField(help_text="What the document says.")
    message = serializers.CharField(help_text="Why it is flagged, in plain words.")


class DocumentEditedSerializer(DocumentSerializer):
    warnings = GuardViolationSerializer(
        many=True, read_only=True, help_text="What the edit states that the resume does not."
    )

    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "warnings"]
        read_only_fields = fields


class GuardVerdictSerializer(serializers.Serializer):
    passed = serializers.BooleanField()
    violations = GuardViolationSerializer(many=True)


class ProvenanceSerializer(serializers.Serializer):
    document_version = serializers.IntegerField(help_text="The version these lines belong to.")
    lines = ProvenanceLineSerializer(many=True)
    dropped = ProvenanceDroppedSerializer(many=True, help_text="Source lines the tailored resume leaves out.")
    guard = GuardVerdictSerializer(help_text="The fact guard's verdict on this version.")


DocumentMapSerializer = inline_serializer(
    "DocumentMap",
    fields={
        document_type: DocumentSerializer(allow_null=True, help_text="null until generated")
        for document_type in services.DOCUMENT_TYPES
    },
)
DocumentVersionListSerializer = inline_serializer(
    "DocumentVersionList", fields={"versions": DocumentVersionSerializer(many=True)}
)
DOCUMENT_TYPE_PARAMETER = OpenApiParameter(
    "document_type",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    enum=list(services.DOCUMENT_TYPES),
    description="An unknown type is a 400 naming the allowed ones.",
)


def version_parameter(description: str) -> OpenApiParameter:
    """`?version=N` as `export_version_param` reads it."""
    return OpenApiParameter(
        "version",
        {"type": "integer", "minimum": 1, "maximum": 10**VERSION_MAX_DIGITS - 1},
        OpenApiParameter.QUERY,
        required=False,
        description=description,
    )


class DocumentMapView(APIView):
    @extend_schema(
        tags=["documents"],
        operation_id="documents_map",
        responses={200: DocumentMapSerializer, **ERROR_RESPONSES(401, 404)},
        description="Every document type of the application; null where not generated yet.",
    )
    def get(self, request, application_id):
        application = application_get_for_user(user=request.user, application_id=application_id)
        documents = services.document_map(application=application)
        return Response(
            {
                document_type: DocumentSerializer(document).data if document else None
                for document_type, document in documents.items()
            }
        )


class DocumentDetailView(APIView):
    @extend_schema(
        tags=["documents"],
        operation_id="documents_retrieve",
        parameters=[DOCUMENT_TYPE_PARAMETER],
        responses={200: DocumentSerializer, **ERROR_RESPONSES(400, 401, 404)},
        description="The current document of this type; 404 until it has been generated.",
    )
    def get(self, request, application_id, document_type):
        application = application_get_for_user(user=request.user, application_id=application_id)
        document = services.document_get(application=application, document_type=document_type)
        return Response(DocumentSerializer(document).data)

    @extend_schema(
        tags=["documents"],
        operation_id="documents_update",
        parameters=[DOCUMENT_TYPE_PARAMETER],
        request=DocumentEditSerializer,
        responses={200: DocumentEditedSerializer, **ERROR_RESPONSES(400, 401, 404)},
        description=(
            "Edit the document: the content becomes a new version marked as a user edit. For the "
            "tailored resume and the cover letter, `warnings` lists what the edit states that the "
            "resume does not (the fact guard, as a warning only: the edit is saved regardless)."
        ),
    )
    def put(self, request, application_id, document_type):
        application = application_get_for_user(user=request.user, application_id=application_id)
        services.document_type_check(document_type)
        data = DocumentEditSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        document = services.document_edit(
            application=application, document_type=document_type, content=data.validated_data["content"]
        )
        warnings = services.document_edit_warnings(
            application=application, document_type=document_type, content=document.content
        )
        return Response(
            {
                **DocumentSerializer(document).data,
                "warnings": GuardViolationSerializer(warnings, many=True).data,
            }
        )


class DocumentVersionListView(APIView):
    @extend_schema(
        tags=["documents"],
        operation_id="documents_versions",
        parameters=[DOCUMENT_TYPE_PARAMETER],
        responses={200: DocumentVersionListSerializer, **ERROR_RESPONSES(400, 401, 404)},
        description="Every version of the document, newest first.",
    )
    def get(self, request, application_id, document_type):
        application = application_get_for_user(user=request.user, application_id=application_id)
        versions = services.document_version_list(application=application, document_type=document_type)
        return Response({"versions": DocumentVersionSerializer(versions, many=True).data})


class DiffPieceSerializer(serializers.Serializer):
    text = serializers.CharField()
    changed = serializers.BooleanField(help_text="Removed (on a removed line) or added (on an added line).")


class DiffLineSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["same", "removed", "added", "skipped"])
    pieces = DiffPieceSerializer(many=True)
    old_number = serializers.IntegerField(allow_null=True, help_text="The line's number in the older text.")
    new_number = serializers.IntegerField(allow_null=True, help_text="The line's number in the newer text.")
    skipped = serializers.IntegerField(help_text="Unchanged lines folded into a `skipped` row.")


class DocumentDiffSerializer(serializers.Serializer):
    from_version = serializers.IntegerField()
    to_version = serializers.IntegerField()
    added = serializers.IntegerField(help_text="Lines added.")
    removed = serializers.IntegerField(help_text="Lines removed.")
    identical = serializers.BooleanField()
    lines = DiffLineSerializer(many=True)


class DocumentDiffView(APIView):
    @extend_schema(
        tags=["documents"],
        operation_id="documents_versions_diff",
        parameters=[
            DOCUMENT_TYPE_PARAMETER,
            OpenApiParameter(
                "from",
                {"type": "integer", "minimum": 1, "maximum": 10**VERSION_MAX_DIGITS - 1},
                OpenApiParameter.QUERY,
                description="The older side; by default the version before `to`.",
            ),
            OpenApiParameter(
                "to",
                {"type": "integer", "minimum": 1, "maximum": 10**VERSION_MAX_DIGITS - 1},
                OpenApiParameter.QUERY,
                description="The newer side; by default the current version.",
            ),
        ],
        responses={200: DocumentDiffSerializer, **ERROR_RESPONSES(400, 401, 404)},
        description=(
            "What changed between two versions, line by line and, in rewritten lines, word by "
            "word; long unchanged runs fold into `skipped` rows."
        ),
    )
    def get(self, request, application_id, document_type):
        new = export_version_param(request.query_params.get("to"))
        old = export_version_param(request.query_params.get("from"))
        application = application_get_for_user(user=request.user, application_id=application_id)
        document = services.document_get(application=application, document_type=document_type)
        comparison = services.document_version_diff(document=document, old=old, new=new)
        diff = comparison.diff
        body = {"from_version": comparison.old, "to_version": comparison.new, "added": diff.added}
        body.update(removed=diff.removed, identical=diff.identical, lines=diff.lines)
        return Response(DocumentDiffSerializer(body).data)


class DocumentProvenanceView(APIView):
    @extend_schema(
        tags=["documents"],
        operation_id="documents_provenance",
        parameters=[version_parameter("An earlier version instead of the current one.")],
        responses={200: ProvenanceSerializer, **ERROR_RESPONSES(400, 401, 404)},
        description=(
            "Where each line of the tailored resume comes from (SPEC §9.3): its source lines, "
            "the posting keywords it carries and how it changed; the source lines left out; the "
            "fact guard's verdict. 404 when there is no tailored resume or the version is not "
            "traced (a user edit or a restore)."
        ),
    )
    def get(self, request, application_id):
        version = export_version_param(request.query_params.get("version"))
        application = application_get_for_user(user=request.user, application_id=application_id)
        provenance = services.document_provenance(application=application, version=version)
        return Response(ProvenanceSerializer(provenance).data)
