"""Resume library API (SPEC §6): thin views over `resumes.services`."""

from django.conf import settings
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from jobforge.api.schema import ERROR_RESPONSES
from jobforge.errors import PayloadTooLarge
from resumes import selectors, services
from resumes.models import Resume

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
