"""The match report API (SPEC §11): a thin view over `matching.selectors`."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from applications.services import application_get_for_user
from jobforge.api.schema import ERROR_RESPONSES
from matching import selectors

STATUSES = ("matched", "partial", "missing")


class EvidenceSerializer(serializers.Serializer):
    document = serializers.ChoiceField(choices=("source_resume", "optimized_resume"))
    text = serializers.CharField(help_text="The line of that resume that shows the requirement.")


class RequirementSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="The requirement in the posting's words.")
    kind = serializers.ChoiceField(choices=("must", "nice"), help_text="Must-have or nice-to-have.")
    keywords = serializers.ListField(child=serializers.CharField())
    source = serializers.ChoiceField(choices=STATUSES, help_text="How the source resume shows it.")
    tailored = serializers.ChoiceField(
        choices=STATUSES, allow_null=True, help_text="How the tailored resume shows it; null without one."
    )
    evidence = EvidenceSerializer(many=True)


class KeywordSerializer(serializers.Serializer):
    term = serializers.CharField()
    synonyms = serializers.ListField(child=serializers.CharField())
    weight = serializers.FloatField()
    in_source = serializers.BooleanField()
    in_tailored = serializers.BooleanField(allow_null=True)


class MatchReportSerializer(serializers.Serializer):
    score = serializers.IntegerField(
        min_value=0,
        max_value=100,
        help_text="The tailored score when there is a tailored resume, else the source one.",
    )
    score_source = serializers.IntegerField(min_value=0, max_value=100)
    score_tailored = serializers.IntegerField(min_value=0, max_value=100, allow_null=True)
    requirements = RequirementSerializer(many=True)
    keywords = KeywordSerializer(many=True)
    missing_claimable = serializers.ListField(
        child=serializers.CharField(),
        help_text="In the source resume but not surfaced in the tailored one: tailoring can fix it.",
    )
    missing_unclaimable = serializers.ListField(
        child=serializers.CharField(),
        help_text="Not in the resume at all: a gap to address in the letter or interview, never to claim.",
    )
    resume_id = serializers.UUIDField(
        help_text="The resume matched: the application's own, else the primary."
    )
    document_version = serializers.IntegerField(
        allow_null=True, help_text="The tailored resume's version matched; null without one."
    )
    computed_at = serializers.DateTimeField()


class MatchReportView(APIView):
    @extend_schema(
        tags=["applications"],
        operation_id="applications_match",
        responses={200: MatchReportSerializer, **ERROR_RESPONSES(401, 404, 412)},
        description=(
            "How the posting's requirements match the resume (SPEC §11): deterministic, no AI call. "
            "Each requirement with its status in the source and the tailored resume and the lines "
            "that show it. Recomputed when the posting, the resume or the tailored resume changes. "
            "412 when there is no resume to match against."
        ),
    )
    def get(self, request, application_id):
        application = application_get_for_user(user=request.user, application_id=application_id)
        report = selectors.match_report_get(application=application)
        return Response(MatchReportSerializer(report).data)
