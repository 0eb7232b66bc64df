"""Resume library API (SPEC §6, §9.1): thin views over `resumes.services`."""

import json

from django.conf import settings
from django.utils.text import slugify
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from jobforge.api.negotiation import FirstRendererNegotiation
from jobforge.api.schema import ERROR_RESPONSES
from jobforge.downloads import download_response
from jobforge.errors import PayloadTooLarge, ValidationFailed
from resumes import selectors, services
from resumes.models import Resume
from resumes.structure.schema import structure_to_json_resume

# Room for the multipart framing and the small text fields around the file itself.
UPLOAD_OVERHEAD_BYTES = 64 * 1024


class ResumeSummarySerializer(serializers.ModelSerializer):
    """A resume in the library list: everything but the content."""

    class Meta:
        model = Resume
        fields = ["id", "name", "focus_area", "is_primary", "created_at", "updated_at"]
        read_only_fields = fields


class ResumeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Resume
        fields = ["id", "name", "content", "focus_area", "is_primary", "created_at", "updated_at"]
        read_only_fields = fields


# Input bounds come from the model's one declaration of them.
RULES = Resume.TEXT_RULES


class ResumeInputSerializer(serializers.Serializer):
    name = RULES["name"].serializer_field()
    content = RULES["content"].serializer_field(help_text="Markdown.")
    focus_area = serializers.ChoiceField(choices=Resume.FocusArea.choices, required=False)
    is_primary = serializers.BooleanField(
        required=False,
        help_text="true makes this the primary resume (the others lose the flag); "
        "the first resume is primary whatever is sent.",
    )


class ResumeUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="PDF, DOCX, TXT or Markdown, at most 5 MB.")
    name = RULES["name"].serializer_field(
        min_length=None, required=False, allow_blank=True, help_text="Defaults to the file's name."
    )
    focus_area = serializers.ChoiceField(choices=Resume.FocusArea.choices, required=False)


ResumeListSerializer = inline_serializer("ResumeList", fields={"resumes": ResumeSummarySerializer(many=True)})


class ResumeListView(APIView):
    @extend_schema(
        tags=["resumes"],
        operation_id="resumes_list",
        responses={200: ResumeListSerializer, **ERROR_RESPONSES(401)},
        description="Your resume library, primary first, without the content.",
    )
    def get(self, request):
        resumes = selectors.resume_list(user=request.user).defer("content")
        return Response({"resumes": ResumeSummarySerializer(resumes, many=True).data})

    @extend_schema(
        tags=["resumes"],
        operation_id="resumes_create",
        request=ResumeInputSerializer,
        responses={201: ResumeSerializer, **ERROR_RESPONSES(400, 401)},
    )
    def post(self, request):
        data = ResumeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        resume = services.resume_create(user=request.user, **data.validated_data)
        return Response(ResumeSerializer(resume).data, status=status.HTTP_201_CREATED)


class ResumeUploadView(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        tags=["resumes"],
        operation_id="resumes_upload",
        request={"multipart/form-data": ResumeUploadSerializer},
        responses={201: ResumeSerializer, **ERROR_RESPONSES(400, 401, 413, 415)},
        description=(
            "Import a resume file: its text becomes the Markdown content. The type is read "
            "from the content (PDF, DOCX, TXT or Markdown); 413 over 5 MB, 415 for other "
            "types, 400 when no text can be extracted."
        ),
    )
    def post(self, request):
        # Refuse an oversized body from its declared length, before the upload is read.
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        limit = settings.JOBFORGE_UPLOAD_MAX_BYTES
        if declared > limit + UPLOAD_OVERHEAD_BYTES:
            raise PayloadTooLarge(f"The file is larger than the {limit // (1024 * 1024)} MB limit.")
        data = ResumeUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        resume = services.resume_import(
            user=request.user,
            uploaded_file=data.validated_data["file"],
            name=data.validated_data.get("name") or None,
            focus_area=data.validated_data.get("focus_area"),
        )
        return Response(ResumeSerializer(resume).data, status=status.HTTP_201_CREATED)


class ResumeDetailView(APIView):
    def _update(self, request, resume_id):
        data = ResumeInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        resume = services.resume_update(user=request.user, resume_id=resume_id, **data.validated_data)
        return Response(ResumeSerializer(resume).data)

    @extend_schema(
        tags=["resumes"],
        operation_id="resumes_retrieve",
        responses={200: ResumeSerializer, **ERROR_RESPONSES(401, 404)},
    )
    def get(self, request, resume_id):
        return Response(
            ResumeSerializer(services.resume_get_for_user(user=request.user, resume_id=resume_id)).data
        )

    @extend_schema(
        tags=["resumes"],
        operation_id="resumes_update",
        request=ResumeInputSerializer(partial=True),
        responses={200: ResumeSerializer, **ERROR_RESPONSES(400, 401, 404)},
        description="Partial update (PUT accepts partial bodies too).",
    )
    def put(self, request, resume_id):
        return self._update(request, resume_id)

    @extend_schema(
        tags=["resumes"],
        operation_id="resumes_partial_update",
        request=ResumeInputSerializer(partial=True),
        responses={200: ResumeSerializer, **ERROR_RESPONSES(400, 401, 404)},
    )
    def patch(self, request, resume_id):
        return self._update(request, resume_id)

    @extend_schema(
        tags=["resumes"],
        operation_id="resumes_destroy",
        responses={204: None, **ERROR_RESPONSES(401, 404, 409)},
        description=(
            "Delete a resume. The only resume cannot be deleted while it is primary (409); "
            "deleting a primary promotes the most recently updated other resume."
        ),
    )
    def delete(self, request, resume_id):
        services.resume_delete(user=request.user, resume_id=resume_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- the structure (SPEC §9.1) ----------------------------------------------------------------


class _HighlightSerializer(serializers.Serializer):
    id = serializers.CharField(required=False, help_text="Stable id; a new entry gets one.")
    text = serializers.CharField()


class _WorkSerializer(serializers.Serializer):
    id = serializers.CharField(required=False)
    name = serializers.CharField(allow_blank=True, help_text="The employer.")
    position = serializers.CharField(allow_blank=True)
    location = serializers.CharField(allow_blank=True)
    startDate = serializers.CharField(allow_blank=True, help_text="YYYY-MM or YYYY.")  # noqa: N815
    endDate = serializers.CharField(allow_blank=True, help_text="YYYY-MM, YYYY or “present”.")  # noqa: N815
    highlights = _HighlightSerializer(many=True)


class _EducationSerializer(serializers.Serializer):
    id = serializers.CharField(required=False)
    institution = serializers.CharField(allow_blank=True)
    area = serializers.CharField(allow_blank=True)
    studyType = serializers.CharField(allow_blank=True)  # noqa: N815
    startDate = serializers.CharField(allow_blank=True)  # noqa: N815
    endDate = serializers.CharField(allow_blank=True)  # noqa: N815


class _SkillSerializer(serializers.Serializer):
    id = serializers.CharField(required=False)
    name = serializers.CharField(allow_blank=True)
    keywords = serializers.ListField(child=serializers.CharField())


class _CertificateSerializer(serializers.Serializer):
    id = serializers.CharField(required=False)
    name = serializers.CharField(allow_blank=True)
    issuer = serializers.CharField(allow_blank=True)
    date = serializers.CharField(allow_blank=True)


class _ProjectSerializer(serializers.Serializer):
    id = serializers.CharField(required=False)
    name = serializers.CharField(allow_blank=True)
    description = serializers.CharField(allow_blank=True)
    highlights = _HighlightSerializer(many=True)


class _ProfileSerializer(serializers.Serializer):
    network = serializers.CharField(allow_blank=True)
    username = serializers.CharField(allow_blank=True)
    url = serializers.CharField(allow_blank=True)


class _BasicsSerializer(serializers.Serializer):
    name = serializers.CharField(allow_blank=True)
    label = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)
    phone = serializers.CharField(allow_blank=True)
    url = serializers.CharField(allow_blank=True)
    location = serializers.CharField(allow_blank=True)
    profiles = _ProfileSerializer(many=True)


class _OtherSerializer(serializers.Serializer):
    heading = serializers.CharField(allow_blank=True)
    lines = serializers.ListField(child=serializers.CharField())


class ResumeStructureSerializer(serializers.Serializer):
    """The resume in the JSON Resume vocabulary; documents only (the service checks input)."""

    basics = _BasicsSerializer()
    summary = serializers.CharField(allow_blank=True)
    work = _WorkSerializer(many=True)
    education = _EducationSerializer(many=True)
    skills = _SkillSerializer(many=True)
    certificates = _CertificateSerializer(many=True)
    projects = _ProjectSerializer(many=True)
    other = _OtherSerializer(many=True)
    warnings = serializers.ListField(
        child=serializers.CharField(), help_text="What the parser could not place, in plain words."
    )


class ResumeStructureView(APIView):
    @extend_schema(
        tags=["resumes"],
        operation_id="resumes_structure_retrieve",
        responses={200: ResumeStructureSerializer, **ERROR_RESPONSES(401, 404)},
        description="The resume read into the JSON Resume vocabulary, each entry with a stable id.",
    )
    def get(self, request, resume_id):
        resume = services.resume_get_for_user(user=request.user, resume_id=resume_id)
        return Response(resume.structure)

    @extend_schema(
        tags=["resumes"],
        operation_id="resumes_structure_update",
        request=ResumeStructureSerializer,
        responses={200: ResumeStructureSerializer, **ERROR_RESPONSES(400, 401, 404)},
        description=(
            "Replace the structure; the Markdown content is written anew from it. Entries keep "
            "their ids (new ones get one); the warnings are recomputed."
        ),
    )
    def put(self, request, resume_id):
        resume = services.resume_structure_replace(
            user=request.user, resume_id=resume_id, structure=request.data
        )
        return Response(resume.structure)


class ResumeExportView(APIView):
    content_negotiation_class = FirstRendererNegotiation

    @extend_schema(
        tags=["resumes"],
        operation_id="resumes_export",
        parameters=[
            OpenApiParameter(
                "format",
                str,
                enum=["json", "md"],
                required=True,
                description="json: JSON Resume; md: Markdown.",
            )
        ],
        responses={
            (200, "application/json"): OpenApiTypes.OBJECT,
            (200, "text/markdown"): OpenApiTypes.STR,
            **ERROR_RESPONSES(400, 401, 404),
        },
        description="Download the resume as a JSON Resume document or as Markdown.",
    )
    def get(self, request, resume_id):
        resume = services.resume_get_for_user(user=request.user, resume_id=resume_id)
        export_format = request.query_params.get("format", "")
        if export_format not in ("json", "md"):
            raise ValidationFailed("Invalid input data", details={"format": ["Must be one of: json, md."]})
        stem = slugify(resume.name).replace("-", "_") or "resume"
        if export_format == "json":
            body = json.dumps(structure_to_json_resume(resume.structure), ensure_ascii=False, indent=2)
            return download_response(
                body.encode(), content_type="application/json; charset=utf-8", filename=f"{stem}.resume.json"
            )
        return download_response(
            resume.content.encode(), content_type="text/markdown; charset=utf-8", filename=f"{stem}.md"
        )
