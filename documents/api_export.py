"""Export endpoint: `GET /api/v1/applications/{id}/documents/{type}/export?format=...` (SPEC §4)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.views import APIView

from applications.services import application_get_for_user
from documents.api import version_parameter
from documents.export import (
    CONTENT_TYPES,
    EXPORT_FORMATS,
    document_export,
    export_response,
    export_version_param,
)
from documents.services import DOCUMENT_TYPES
from jobforge.accounts.models import DocumentTemplate, PageSize
from jobforge.api.negotiation import FirstRendererNegotiation
from jobforge.api.schema import ERROR_RESPONSES


class DocumentExportView(APIView):
    content_negotiation_class = FirstRendererNegotiation

    @extend_schema(
        operation_id="documents_export",
        tags=["documents"],
        summary="Download a document as PDF, DOCX, Markdown or plain text",
        description=(
            "The file is named as a recruiter expects: `Jane_Example_Resume_Acme_Robotics.pdf` "
            "(an ASCII `filename` and the UTF-8 `filename*`)."
        ),
        parameters=[
            OpenApiParameter(
                "document_type", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(DOCUMENT_TYPES)
            ),
            OpenApiParameter(
                "format",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                required=True,
                enum=list(EXPORT_FORMATS),
                description="File format.",
            ),
            OpenApiParameter(
                "template",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                enum=DocumentTemplate.values,
                description="PDF and DOCX layout for this export; the user's setting by default.",
            ),
            OpenApiParameter(
                "page_size",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                enum=PageSize.values,
                description="PDF and DOCX paper size for this export; the user's setting by default.",
            ),
            version_parameter("Export this earlier version instead of the current one."),
        ],
        responses={
            (200, CONTENT_TYPES["pdf"]): OpenApiResponse(OpenApiTypes.BINARY, description="The file."),
            (200, CONTENT_TYPES["docx"].split(";")[0]): OpenApiTypes.BINARY,
            (200, "text/markdown"): OpenApiTypes.STR,
            (200, "text/plain"): OpenApiTypes.STR,
            **ERROR_RESPONSES(400, 401, 404, 429),
        },
    )
    def get(self, request, application_id, document_type):
        version = export_version_param(request.query_params.get("version"))
        application = application_get_for_user(user=request.user, application_id=application_id)
        exported = document_export(
            application=application,
            document_type=document_type,
            export_format=request.query_params.get("format", ""),
            version=version,
            template=request.query_params.get("template"),
            page_size=request.query_params.get("page_size"),
        )
        return export_response(exported)
