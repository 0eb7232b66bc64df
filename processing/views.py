"""The phase panel on an application's page (an htmx partial) and its start/cancel forms.

The panel shows, for each phase, whether it can start and why not (from
`phase_availability`, the same rules `phase_start` enforces), a live progress bar
while a run is queued or processing (the partial polls itself every 2 s and stops
when the run ends), a failed run's message with "Try again", cancel, and regenerate.
The panel only reads; start and cancel are plain POST forms, so they work without
JavaScript too. The words come from the phase registry (`processing.phases`).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from applications.views import users_application
from jobforge.errors import DomainError
from jobforge.ui import login_required_htmx
from processing import queue, selectors, services
from processing.models import PhaseRun
from processing.phases import NEEDS_RESUME_MESSAGE, PIPELINE, phase_get, phase_keys

PIPELINE_KEYS = [spec.key for spec in PIPELINE]


class PhaseStartForm(forms.Form):
    regenerate = forms.BooleanField(required=False)
    additional_context = forms.CharField(max_length=services.ADDITIONAL_CONTEXT_MAX, required=False)
    tone = forms.ChoiceField(choices=PhaseRun.Tone.choices, required=False)
    length = forms.ChoiceField(choices=PhaseRun.Length.choices, required=False)


def _form_problem(form: PhaseStartForm) -> str:
    if "additional_context" in form.errors:
        return f"The extra context may have at most {services.ADDITIONAL_CONTEXT_MAX:,} characters."
    return "Pick a tone and a length from the lists."


def _phases(application, latest: dict[str, PhaseRun | None]) -> tuple[list[dict], bool]:
    availability = selectors.phase_availability(application=application, latest=latest)
    phases, any_active = [], False
    for phase, item in availability.items():
        spec = phase_get(phase)
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
                "number": PIPELINE_KEYS.index(phase) + 1 if phase in PIPELINE_KEYS else None,
                "phase": phase,
                "spec": spec,
                "item": item,
                "run": run,
                "state": state,
                "document_type": spec.document_type,
                "title": spec.title,
                "description": spec.description,
                "document_label": spec.document_label,
                "needs_resume": item.reason == NEEDS_RESUME_MESSAGE,
                "failed_run": ended if ended and ended.status == PhaseRun.Status.FAILED else None,
                "cancelled_run": ended if ended and ended.status == PhaseRun.Status.CANCELLED else None,
            }
        )
    return phases, any_active


@login_required_htmx
@users_application
def phase_panel(request, application):
    # Reads only: a run whose worker died reads as failed (see `processing.selectors`),
    # so the panel never polls forever; the worker or the next start records it.
    latest = selectors.phase_runs_latest(application=application)
    phases, any_active = _phases(application, latest)
    runs = [run for run in latest.values() if run is not None]
    # The run the page was rendered for (`?run=` after a start), which may have ended before
    # this first load: then the page's documents, badge and banner are already stale.
    watch = request.GET.get("watch", "")
    watch = watch if any(str(run.pk) == watch for run in runs) else ""
    pipeline = [p for p in phases if p["spec"].in_pipeline]
    todo = [p for p in pipeline if p["state"] != "completed"]
    context = {
        "application": application,
        "phases": pipeline,
        "more": [p for p in phases if not p["spec"].in_pipeline],
        "polling": any_active,
        "watch": watch,
        # "Generate all" while nothing runs and something of the pipeline is not done yet.
        "generate_all": {"skips": len(todo) < len(pipeline)} if todo and not any_active else None,
        "tone_choices": PhaseRun.Tone.choices,
        "length_choices": PhaseRun.Length.choices,
    }
    if not request.htmx:
        return render(request, "processing/panel_page.html", context)
    response = render(request, "processing/_panel.html", context)
    # The application as the page showed it (`?seen=` its last change): a run that completed
    # since wrote a document and the flags, so the page is out of date.
    seen = request.GET.get("seen")
    if seen and seen != application.updated_at.isoformat() and not any_active and not watch:
        response["HX-Refresh"] = "true"
    elif (request.GET.get("poll") or watch) and not any_active:
        # The run this page was showing has ended: load the page again so the new document,
        # the status badge and a message about the outcome all show, and no "started" banner.
        if runs:
            _flash_outcome(request, max(runs, key=lambda run: (run.created_at, run.id)))
        if watch:
            # Its address names the run: go to the plain one, or the reload would watch again.
            response["HX-Redirect"] = reverse("applications:detail", kwargs={"pk": application.pk})
        else:
            response["HX-Refresh"] = "true"
    return response


def _flash_outcome(request, run: PhaseRun) -> None:
    spec = phase_get(run.phase)
    if run.status == PhaseRun.Status.COMPLETED:
        messages.success(request, spec.done_message)
    elif run.status == PhaseRun.Status.FAILED:
        messages.error(request, f"{spec.title} failed: {run.error_message or 'something went wrong.'}")
    elif run.status == PhaseRun.Status.CANCELLED:
        messages.info(request, f"{spec.title} was cancelled.")


@login_required
@require_POST
@users_application
def phase_start(request, application, phase):
    if phase not in phase_keys():
        raise Http404("Unknown phase.")
    form = PhaseStartForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_problem(form))
        return redirect("applications:detail", pk=application.pk)
    context = form.cleaned_data["additional_context"].strip() if phase_get(phase).takes_context else None
    try:
        run = services.phase_start(
            user=request.user,
            application=application,
            phase=phase,
            regenerate=form.cleaned_data["regenerate"],
            additional_context=context or None,
            tone=form.cleaned_data["tone"] or None,
            length=form.cleaned_data["length"] or None,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("applications:detail", pk=application.pk)
    if not queue.queue_is_async():
        run.refresh_from_db()  # without a queue server the job has already run
    if run.is_active:
        messages.info(request, f"{phase_get(phase).title}: started. This page updates as it works.")
        # The page's panel watches this run, even when it ends before the panel first loads.
        return redirect(reverse("applications:detail", kwargs={"pk": application.pk}) + f"?run={run.pk}")
    _flash_outcome(request, run)
    return redirect("applications:detail", pk=application.pk)


@login_required
@require_POST
@users_application
def phase_cancel(request, application):
    try:
        run = services.phase_cancel(user=request.user, application=application)
    except DomainError as exc:
        messages.info(request, exc.message)
    else:
        messages.info(request, f"{phase_get(run.phase).title} was cancelled.")
    return redirect("applications:detail", pk=application.pk)


@login_required
@require_POST
@users_application
def phases_generate_all(request, application):
    """ "Generate all": the pipeline's phases not done yet, one after the other in the worker;
    the panel follows the runs as they go (it polls while one is queued or running)."""
    form = PhaseStartForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_problem(form))
        return redirect("applications:detail", pk=application.pk)
    try:
        run, _ = services.phases_start_all(
            user=request.user,
            application=application,
            regenerate=form.cleaned_data["regenerate"],
            tone=form.cleaned_data["tone"] or None,
            length=form.cleaned_data["length"] or None,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("applications:detail", pk=application.pk)
    latest = selectors.phase_runs_latest(application=application)
    if any(item is not None and item.is_active for item in latest.values()):
        messages.info(request, "Generate all: started. This page updates as each document is written.")
    else:
        _flash_chain_outcome(request, run=run, latest=latest)
    return redirect("applications:detail", pk=application.pk)


def _flash_chain_outcome(request, *, run: PhaseRun, latest: dict[str, PhaseRun | None]) -> None:
    """Without a queue server the chain has already run: say where it ended."""
    ended = [
        r for r in latest.values() if r is not None and r.generate_all and r.created_at >= run.created_at
    ]
    last = max(ended, key=lambda r: (r.created_at, r.id), default=run)
    _flash_outcome(request, last)
