"""Application pages: list, board, create, detail, edit, stage moves, notes, delete.

Thin: forms check input shape, `applications.services` enforce the rules and the tenancy
(another user's application is a 404 here as in the API).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from applications import services
from applications.forms import ApplicationFilterForm, ApplicationForm, ImportForm, NotesForm, StageForm
from applications.models import Application
from applications.selectors import application_list
from jobforge.errors import DomainError, ValidationFailed
from jobforge.ui import form_add_domain_error, login_required_htmx, user_object

PAGE_SIZE = 20
LIST_FIELDS = (
    "id",
    "company_name",
    "role_title",
    "location",
    "priority_level",
    "status",
    "stage",
    "work_mode",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "deadline",
    "match_score",
    "created_at",
    "updated_at",
)


def _own_application(user, pk) -> Application:
    return services.application_get_for_user(user=user, application_id=pk)


# The signed-in user's application named by the URL (one query), or the 404 page.
users_application = user_object(_own_application)


def _messages_of(exc: DomainError) -> list[str]:
    return [str(m) for messages_ in (exc.details or {}).values() for m in messages_] or [exc.message]


def _next_url(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@login_required
def application_list_view(request):
    filter_form = ApplicationFilterForm(request.GET)
    filters = filter_form.filters()
    queryset = application_list(user=request.user, filters=filters).only(*LIST_FIELDS)
    page_obj = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    # Sorting alone narrows nothing: the page speaks of filters only when some are set.
    narrowing = {key: value for key, value in filters.items() if key != "ordering"}
    return render(
        request,
        "applications/list.html",
        {
            "filter_form": filter_form,
            "filters": narrowing,
            "sorted": "ordering" in filters,
            "page_obj": page_obj,
        },
    )


@login_required
def application_board(request):
    applications = list(application_list(user=request.user).only(*LIST_FIELDS))
    columns = [
        {"value": value, "label": label, "cards": [a for a in applications if a.stage == value]}
        for value, label in Application.Stage.choices
    ]
    return render(
        request,
        "applications/board.html",
        {"columns": columns, "total": len(applications), "stage_choices": Application.Stage.choices},
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_new(request):
    """The new-application form. Its import box (`import` in the POST) reads a posting
    from a link or pasted text and shows the form filled for review; nothing is saved
    until the form itself is sent."""
    if request.method == "POST" and "import" in request.POST:
        return _application_import(request)
    form = ApplicationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_create(user=request.user, **form.service_fields())
        except DomainError as exc:
            form_add_domain_error(form, exc, field_map={"resume_id": "resume"})
        else:
            messages.success(request, "Application saved. Next: run the research.")
            return redirect("applications:detail", pk=application.pk)
    return render(
        request,
        "applications/form.html",
        {"form": form, "creating": True, "import_form": ImportForm(prefix="import")},
    )


def _application_import(request):
    import_form = ImportForm(request.POST, prefix="import")
    import_form.is_valid()
    try:
        result = services.application_import_draft(
            user=request.user,
            url=import_form.cleaned_data.get("url"),
            text=import_form.cleaned_data.get("text"),
        )
    except DomainError as exc:
        form_add_domain_error(import_form, exc)
        status = 429 if exc.code == "RATE_LIMITED" else 400
        context = {"form": ApplicationForm(user=request.user), "creating": True, "import_form": import_form}
        return render(request, "applications/form.html", context, status=status)
    draft = result["draft"]
    initial = {field: value for field, value in draft.items() if value not in (None, "")}
    context = {
        "form": ApplicationForm(initial=initial, user=request.user),
        "creating": True,
        "import_form": ImportForm(prefix="import"),
        "imported": True,
        "import_warnings": result["warnings"],
    }
    return render(request, "applications/form.html", context)


@login_required
@users_application
def application_detail(request, application):
    timeline = services.application_timeline(application=application)
    # The documents' metadata only; their content is shown on the document pages.
    documents = {d.document_type: d for d in application.documents.defer("content")}
    document_model = application.documents.model  # documents depends on applications, not back
    document_slots = [
        {"type": value, "label": label, "document": documents.get(value)}
        for value, label in document_model.Type.choices
    ]
    return render(
        request,
        "applications/detail.html",
        {
            "application": application,
            "timeline": timeline,
            "document_slots": document_slots,
            "stage_form": StageForm(initial={"stage": application.stage}),
            "notes_form": NotesForm(initial={"notes": application.notes}),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@users_application
def application_edit(request, application):
    initial = {field: getattr(application, field) for field in services.EDITABLE_FIELDS}
    initial["resume"] = application.resume_id
    form = ApplicationForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_update(user=request.user, application=application, **form.service_fields())
        except ValidationFailed as exc:
            form_add_domain_error(form, exc, field_map={"resume_id": "resume"})
        else:
            messages.success(request, "Changes saved.")
            return redirect("applications:detail", pk=application.pk)
    return render(
        request, "applications/form.html", {"form": form, "application": application, "creating": False}
    )


@login_required_htmx
@require_POST
@users_application
def application_stage(request, application):
    default = reverse("applications:detail", kwargs={"pk": application.pk})
    form = StageForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose one of the stages in the list.")
        return redirect(_next_url(request, default))
    try:
        services.application_stage_change(
            user=request.user, application=application, stage=form.cleaned_data["stage"]
        )
    except ValidationFailed as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{application.company_name} moved to “{application.get_stage_display()}”.")
    return redirect(_next_url(request, default))


@login_required
@require_POST
@users_application
def application_notes(request, application):
    form = NotesForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Notes not saved: " + " ".join(form.errors.get("notes", [])))
        return redirect("applications:detail", pk=application.pk)
    try:
        services.application_update(
            user=request.user, application=application, notes=form.cleaned_data["notes"]
        )
    except ValidationFailed as exc:
        messages.error(request, "Notes not saved: " + " ".join(_messages_of(exc)))
    else:
        messages.success(request, "Notes saved.")
    return redirect("applications:detail", pk=application.pk)


@login_required
@require_http_methods(["GET", "POST"])
@users_application
def application_delete(request, application):
    if request.method == "POST":
        services.application_delete(user=request.user, application_id=application.pk)
        messages.success(request, f"Deleted {application.company_name} — {application.role_title}.")
        return redirect("applications:list")
    return render(request, "applications/confirm_delete.html", {"application": application})
