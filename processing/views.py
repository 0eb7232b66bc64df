"""The phase panel on an application's page (an htmx partial) and its start/cancel forms.

The panel shows, for each phase, whether it can start and why not (from
`phase_availability`, the same rules `phase_start` enforces), a live progress bar
while a run is queued or processing (the partial polls itself every 2 s and stops
when the run ends), a failed run's message with "Try again", cancel, and regenerate.
Start and cancel are plain POST forms, so they work without JavaScript too.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from applications.services import application_get_for_user
from jobforge.errors import DomainError, NotFound
from jobforge.ui import login_required_htmx
from processing import services
from processing.models import PhaseRun

PHASE_COPY = {
    "research": {
        "title": "Research the role",
        "description": "Requirements, keywords an ATS looks for, and how your resume matches.",
        "document_label": "research report",
        "done": "The research report is ready.",
    },
    "resume": {
        "title": "Tailor your resume",
        "description": "Your own resume, reordered and reworded for this job. Nothing invented.",
        "document_label": "tailored resume",
        "done": "Your tailored resume is ready.",
    },
    "cover_letter": {
        "title": "Write the cover letter",
        "description": "One page, grounded in your resume and the research.",
        "document_label": "cover letter",
        "done": "Your cover letter is ready.",
    },
}


class PhaseStartForm(forms.Form):
    regenerate = forms.BooleanField(required=False)
    additional_context = forms.CharField(max_length=services.ADDITIONAL_CONTEXT_MAX, required=False)


def _application_or_404(request, pk):
    try:
        return application_get_for_user(user=request.user, application_id=pk)
    except NotFound:
        raise Http404("Application not found.") from None


def _phases(application) -> tuple[list[dict], bool]:
    availability = services.phase_availability(application=application)
    phases, any_active = [], False
    for number, (phase, item) in enumerate(availability.items(), start=1):
        run = item.active_run or item.latest_run
        if item.active_run is not None:
            state = "running"
            any_active = True
        elif item.completed:
            state = "completed"
        elif run is not None and run.status == PhaseRun.Status.FAILED:
            state = "failed"
        elif item.can_start:
            state = "ready"
        else:
            state = "blocked"
        # A failed or cancelled latest run is worth a word even when an earlier run completed.
        ended = run if item.active_run is None and run is not None else None
        phases.append(
            {
                "number": number,
                "phase": phase,
                "item": item,
                "run": run,
                "state": state,
                "document_type": services.PHASE_DOCUMENT[phase],
                "failed_run": ended if ended and ended.status == PhaseRun.Status.FAILED else None,
                "cancelled_run": ended if ended and ended.status == PhaseRun.Status.CANCELLED else None,
                **PHASE_COPY[phase],
            }
        )
    return phases, any_active


@login_required_htmx
def phase_panel(request, pk):
    application = _application_or_404(request, pk)
    # The status read fails a run whose worker died, so the panel never polls forever.
    services.phase_status(user=request.user, application_id=application.pk)
    application.refresh_from_db()
    phases, any_active = _phases(application)
    context = {"application": application, "phases": phases, "polling": any_active}
    if not request.htmx:
        return render(request, "processing/panel_page.html", context)
    response = render(request, "processing/_panel.html", context)
    if request.GET.get("poll") and not any_active:
        # The run this panel was watching has ended: reload the page so the new document,
        # the status badge and a message about the outcome all show.
        _flash_outcome(request, application)
        response["HX-Refresh"] = "true"
    return response


def _flash_outcome(request, application) -> None:
    run = application.phase_runs.order_by("-created_at").first()
    if run is None:
        return
    copy = PHASE_COPY[run.phase]
    if run.status == PhaseRun.Status.COMPLETED:
        messages.success(request, copy["done"])
    elif run.status == PhaseRun.Status.FAILED:
        messages.error(request, f"{copy['title']} failed: {run.error_message or 'something went wrong.'}")
    elif run.status == PhaseRun.Status.CANCELLED:
        messages.info(request, f"{copy['title']} was cancelled.")


@login_required
@require_POST
def phase_start(request, pk, phase):
    application = _application_or_404(request, pk)
    if phase not in PHASE_COPY:
        raise Http404("Unknown phase.")
    form = PhaseStartForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The extra context may have at most 5,000 characters.")
        return redirect("applications:detail", pk=application.pk)
    context = form.cleaned_data["additional_context"].strip() if phase == "cover_letter" else None
    try:
        run = services.phase_start(
            user=request.user,
            application_id=application.pk,
            phase=phase,
            regenerate=form.cleaned_data["regenerate"],
            additional_context=context or None,
        )
    except NotFound:
        raise Http404("Application not found.") from None
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("applications:detail", pk=application.pk)
    run.refresh_from_db()  # without a queue server the job has already run
    copy = PHASE_COPY[phase]
    if run.status == PhaseRun.Status.COMPLETED:
        messages.success(request, copy["done"])
    elif run.status == PhaseRun.Status.FAILED:
        messages.error(request, f"{copy['title']} failed: {run.error_message or 'something went wrong.'}")
    else:
        messages.info(request, f"{copy['title']}: started. This page updates as it works.")
    return redirect("applications:detail", pk=application.pk)


@login_required
@require_POST
def phase_cancel(request, pk):
    application = _application_or_404(request, pk)
    try:
        run = services.phase_cancel(user=request.user, application_id=application.pk)
    except NotFound:
        raise Http404("Application not found.") from None
    except DomainError as exc:
        messages.info(request, exc.message)
    else:
        messages.info(request, f"{PHASE_COPY[run.phase]['title']} was cancelled.")
    return redirect("applications:detail", pk=application.pk)
