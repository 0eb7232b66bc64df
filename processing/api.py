"""AI processing API (SPEC §5): start a phase, read the status, cancel. Thin calls to the services."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from jobforge.api.schema import ERROR_RESPONSES
from processing import queue, selectors, services
from processing.models import PhaseRun
from processing.phases import phase_get


class PhaseStartInputSerializer(serializers.Serializer):
    regenerate = serializers.BooleanField(
        required=False, default=False, help_text="Run a completed phase again; the old version is kept."
    )
    additional_context = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=services.ADDITIONAL_CONTEXT_MAX,
        help_text="Cover letter only: notes for this letter. Defaults to the application's own.",
    )


class PhaseStartedSerializer(serializers.Serializer):
    message = serializers.CharField()
    application_id = serializers.UUIDField()
    phase = serializers.ChoiceField(choices=PhaseRun.Phase.choices)
    run_id = serializers.UUIDField()
    status = serializers.ChoiceField(choices=PhaseRun.Status.choices)
    estimated_completion = serializers.DateTimeField(allow_null=True)


class PhaseStatusSerializer(serializers.Serializer):
    application_id = serializers.UUIDField()
    current_phase = serializers.ChoiceField(choices=PhaseRun.Phase.choices, allow_null=True)
    status = serializers.ChoiceField(choices=["idle", *PhaseRun.Status.values])
    progress = serializers.FloatField(help_text="0.0 to 1.0; never goes backwards within a run.")
    estimated_completion = serializers.DateTimeField(allow_null=True)
    started_at = serializers.DateTimeField(allow_null=True)
    completed_at = serializers.DateTimeField(allow_null=True)
    error_message = serializers.CharField(allow_null=True)


class PhaseCancelledSerializer(serializers.Serializer):
    message = serializers.CharField()
    application_id = serializers.UUIDField()
    phase = serializers.ChoiceField(choices=PhaseRun.Phase.choices)
    run_id = serializers.UUIDField()
    status = serializers.ChoiceField(choices=PhaseRun.Status.choices)


class PhaseStartView(APIView):
    """POST .../<the phase's `api_path`> (the phase comes from the route; see `processing.phases`)."""

    phase: str = ""

    @extend_schema(
        tags=["processing"],
        request=PhaseStartInputSerializer,
        responses={202: PhaseStartedSerializer, **ERROR_RESPONSES(400, 401, 404, 409, 412, 429)},
        description=(
            "Queue the phase. 409 while any phase of the application is queued or running, or when "
            "this one is done (send `regenerate: true` to run it again); 412 when an earlier phase "
            "or a resume is missing; 429 over the per-user AI limit (see Retry-After)."
        ),
        examples=[OpenApiExample("Regenerate", value={"regenerate": True}, request_only=True)],
    )
    def post(self, request, application_id):
        data = PhaseStartInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        run = services.phase_start(
            user=request.user,
            application_id=application_id,
            phase=self.phase,
            regenerate=data.validated_data["regenerate"],
            additional_context=data.validated_data.get("additional_context"),
        )
        # Without Redis the job has already run by now: report the row as it is. With Redis
        # the answer reports the run as it was committed (queued), without reading it again.
        if not queue.queue_is_async():
            run.refresh_from_db()
        body = {
            "message": phase_get(run.phase).started_message,
            "application_id": run.application_id,
            "phase": run.phase,
            "run_id": run.id,
            "status": run.status,
            "estimated_completion": selectors.run_estimated_completion(run),
        }
        return Response(PhaseStartedSerializer(body).data, status=status.HTTP_202_ACCEPTED)


class PhaseStatusView(APIView):
    @extend_schema(
        tags=["processing"],
        responses={200: PhaseStatusSerializer, **ERROR_RESPONSES(401, 404)},
        description=(
            "The latest run of the application (`idle` when nothing ever ran). A run whose "
            "worker went silent past the phase limit reads as `failed`."
        ),
    )
    def get(self, request, application_id):
        body = selectors.phase_status(user=request.user, application_id=application_id)
        return Response(PhaseStatusSerializer(body).data)


class PhaseCancelView(APIView):
    @extend_schema(
        tags=["processing"],
        request=None,
        responses={202: PhaseCancelledSerializer, **ERROR_RESPONSES(401, 404, 409)},
        description="Cancel the queued or running phase; 409 when nothing is running.",
    )
    def post(self, request, application_id):
        run = services.phase_cancel(user=request.user, application_id=application_id)
        body = {
            "message": "Cancelled.",
            "application_id": run.application_id,
            "phase": run.phase,
            "run_id": run.id,
            "status": run.status,
        }
        return Response(PhaseCancelledSerializer(body).data, status=status.HTTP_202_ACCEPTED)
