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
        help_text=(
            "Cover letter, follow-up email and thank-you note: notes for this document. "
            "Defaults to the application's own."
        ),
    )
    tone = serializers.ChoiceField(
        choices=PhaseRun.Tone.choices,
        required=False,
        help_text="Cover letter and emails: the tone (default `formal`); the other phases ignore it.",
    )
    length = serializers.ChoiceField(
        choices=PhaseRun.Length.choices,
        required=False,
        help_text="Cover letter and emails: `short` or `standard` (the default); the other phases ignore it.",
    )


class GenerateAllInputSerializer(serializers.Serializer):
    regenerate = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Run all three phases again; without it the phases already done are skipped.",
    )
    tone = serializers.ChoiceField(
        choices=PhaseRun.Tone.choices, required=False, help_text="For the cover letter."
    )
    length = serializers.ChoiceField(
        choices=PhaseRun.Length.choices, required=False, help_text="For the cover letter."
    )


class PhaseStartedSerializer(serializers.Serializer):
    message = serializers.CharField()
    application_id = serializers.UUIDField()
    phase = serializers.ChoiceField(choices=PhaseRun.Phase.choices)
    run_id = serializers.UUIDField()
    status = serializers.ChoiceField(choices=PhaseRun.Status.choices)
    estimated_completion = serializers.DateTimeField(allow_null=True)


class GenerateAllStartedSerializer(PhaseStartedSerializer):
    phases = serializers.ListField(
        child=serializers.ChoiceField(choices=PhaseRun.Phase.choices),
        help_text="The phases this request runs, in order; each gets its run row when the one before completes.",
    )


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


def _started(run: PhaseRun, message: str) -> dict:
    """The 202 body of a start. Without Redis the job has already run: the row as it is now.
    With Redis the answer reports the run as it was committed (queued), without reading it again."""
    if not queue.queue_is_async():
        run.refresh_from_db()
    return {
        "message": message,
        "application_id": run.application_id,
        "phase": run.phase,
        "run_id": run.id,
        "status": run.status,
        "estimated_completion": selectors.run_estimated_completion(run),
    }


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
            tone=data.validated_data.get("tone"),
            length=data.validated_data.get("length"),
        )
        body = _started(run, phase_get(run.phase).started_message)
        return Response(PhaseStartedSerializer(body).data, status=status.HTTP_202_ACCEPTED)


class GenerateAllView(APIView):
    """POST .../all: research → tailored resume → cover letter, in order in the worker."""

    @extend_schema(
        tags=["processing"],
        request=GenerateAllInputSerializer,
        responses={202: GenerateAllStartedSerializer, **ERROR_RESPONSES(400, 401, 404, 409, 412, 429)},
        description=(
            "Queue the pipeline's phases that are not done yet (all three with `regenerate: true`), "
            "one run row per phase: each is queued when the one before completes, and the first "
            "failure or a cancel ends the chain with its reason on its run (see `status`). 409 when "
            "every phase is done (without `regenerate`) or while a phase is queued or running; 412 "
            "without a resume; 429 over the per-user AI limit (one start)."
        ),
        examples=[OpenApiExample("Everything again", value={"regenerate": True}, request_only=True)],
    )
    def post(self, request, application_id):
        data = GenerateAllInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        run, phases = services.phases_start_all(
            user=request.user,
            application_id=application_id,
            regenerate=data.validated_data["regenerate"],
            tone=data.validated_data.get("tone"),
            length=data.validated_data.get("length"),
        )
        labels = ", ".join(phase_get(key).document_label for key in phases)
        body = {**_started(run, f"Generate all started: {labels}."), "phases": phases}
        return Response(GenerateAllStartedSerializer(body).data, status=status.HTTP_202_ACCEPTED)


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
