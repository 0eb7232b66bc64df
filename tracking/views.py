"""Tracking pages: the contacts, interviews and tasks section of an application's page
(an htmx partial, or a page of its own without JavaScript), their add/edit/delete forms,
and the page of all tasks with done toggles.

Thin: forms check input shape, `tracking.services` enforce the rules and the tenancy
(another user's row is the 404 page).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from applications.models import Application
from applications.views import next_url, users_application
from jobforge.errors import DomainError
from jobforge.ui import form_add_domain_error, login_required_htmx
from tracking import selectors, services
from tracking.forms import ContactForm, InterviewForm, TaskDoneForm, TaskForm, TaskWithApplicationForm

TASKS_PAGE_SIZE = 50


@dataclass(frozen=True)
class Kind:
    """One kind of tracked row, as the pages handle it."""

    noun: str
    form: type
    load: Callable[..., Any]  # (user, pk) -> the user's row, or NotFound
    create: Callable[..., Any]
    update: Callable[..., Any]
    delete: Callable[..., Any]
    label: Callable[[Any], str]


KINDS = {
    "contact": Kind(
        noun="contact",
        form=ContactForm,
        load=lambda user, pk: services.contact_get_for_user(user=user, contact_id=pk),
        create=services.contact_create,
        update=lambda *, user, row, **fields: services.contact_update(user=user, contact=row, **fields),
        delete=lambda *, user, row: services.contact_delete(user=user, contact=row),
        label=lambda row: row.name,
    ),
    "interview": Kind(
        noun="interview",
        form=InterviewForm,
        load=lambda user, pk: services.interview_get_for_user(user=user, interview_id=pk),
        create=services.interview_create,
        update=lambda *, user, row, **fields: services.interview_update(user=user, interview=row, **fields),
        delete=lambda *, user, row: services.interview_delete(user=user, interview=row),
        label=lambda row: f"{row.get_kind_display().lower()} interview",
    ),
    "task": Kind(
        noun="task",
        form=TaskForm,
        load=lambda user, pk: services.task_get_for_user(user=user, task_id=pk),
        create=services.task_create,
        update=lambda *, user, row, **fields: services.task_update(user=user, task=row, **fields),
        delete=lambda *, user, row: services.task_delete(user=user, task=row),
        label=lambda row: f"“{row.title}”",
    ),
}


def _application_url(application_id) -> str:
    return reverse("applications:detail", kwargs={"pk": application_id}) + "#tracking"


def _back_url(request, row) -> str:
    default = _application_url(row.application_id) if row.application_id else reverse("tracking:tasks")
    return next_url(request, default)


def _form_page(request, *, kind: Kind, form, application, row=None, status=200):
    return render(
        request,
        "tracking/form.html",
        {
            "kind": kind,
            "form": form,
            "application": application,
            "row": row,
            "next": request.POST.get("next") or request.GET.get("next", ""),
        },
        status=status,
    )


@login_required_htmx
@users_application
def application_tracking(request, application):
    """The application's interviews, contacts and tasks with their add forms."""
    context = {
        "application": application,
        "interviews": list(selectors.interview_list(user=request.user, application=application)),
        "contacts": list(selectors.contact_list(user=request.user, application=application)),
        "tasks": list(selectors.task_list(user=request.user, filters={"application": application})),
        "interview_form": InterviewForm(prefix="interview"),
        "contact_form": ContactForm(prefix="contact"),
        "task_form": TaskForm(prefix="task"),
        "now": timezone.now(),
    }
    if not request.htmx:
        return render(request, "tracking/sections_page.html", context)
    return render(request, "tracking/_sections.html", context)


@login_required
@require_POST
@users_application
def row_add(request, application, kind: str):
    """Add a contact, interview or task to the application; a refused one shows its form
    again with the errors next to the fields."""
    spec = KINDS[kind]
    form = spec.form(request.POST, prefix=kind)
    if form.is_valid():
        try:
            row = spec.create(user=request.user, application=application, **form.cleaned_data)
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            message = f"Added the {spec.label(row)}." if kind == "interview" else f"Added {spec.label(row)}."
            if kind == "interview" and application.stage == Application.Stage.INTERVIEWING:
                message += " The application is now at “Interviewing”."
            messages.success(request, message)
            return redirect(_application_url(application.pk))
    return _form_page(request, kind=spec, form=form, application=application, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def row_edit(request, pk, kind: str):
    spec = KINDS[kind]
    row = spec.load(request.user, pk)
    if request.method == "POST":
        form = spec.form(request.POST, prefix=kind)
        if form.is_valid():
            try:
                spec.update(user=request.user, row=row, **form.cleaned_data)
            except DomainError as exc:
                form_add_domain_error(form, exc)
            else:
                messages.success(request, f"Saved {spec.label(row)}.")
                return redirect(_back_url(request, row))
        status = 400
    else:
        initial = {field: getattr(row, field) for field in spec.form.base_fields}
        form, status = spec.form(initial=initial, prefix=kind), 200
    return _form_page(request, kind=spec, form=form, application=row.application, row=row, status=status)


@login_required
@require_POST
def row_delete(request, pk, kind: str):
    spec = KINDS[kind]
    row = spec.load(request.user, pk)
    back = _back_url(request, row)
    spec.delete(user=request.user, row=row)
    messages.success(request, f"Deleted {spec.label(row)}.")
    return redirect(back)


@login_required
@require_POST
def task_done(request, pk):
    """Tick a task off (or back on): the form says which, so a double submit is harmless."""
    task = services.task_get_for_user(user=request.user, task_id=pk)
    form = TaskDoneForm(request.POST)
    form.is_valid()
    done = form.cleaned_data.get("done", False)
    services.task_update(user=request.user, task=task, done=done)
    messages.success(request, f"“{task.title}” {'done' if done else 'open again'}.")
    return redirect(_back_url(request, task))


def _open_applications(user):
    # The add form's choices: the user's applications that are not archived, by company.
    return (
        Application.objects.filter(user=user, archived=False)
        .only("id", "company_name", "role_title")
        .order_by("company_name", "role_title")
    )


@login_required
@require_http_methods(["GET", "POST"])
def task_list(request):
    """All the user's tasks, open ones first, with done toggles and a form to add one."""
    form = TaskWithApplicationForm(
        request.POST or None, prefix="task", applications=_open_applications(request.user)
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                task = services.task_create(user=request.user, **form.service_fields())
            except DomainError as exc:
                form_add_domain_error(form, exc, field_map={"application_id": "application"})
            else:
                messages.success(request, f"Added “{task.title}”.")
                return redirect("tracking:tasks")
        status = 400
    tasks = selectors.task_list(user=request.user, with_application=True)
    page_obj = Paginator(tasks, TASKS_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page_obj": page_obj, "now": timezone.now()}
    return render(request, "tracking/task_list.html", context, status=status)
