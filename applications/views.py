"""Application pages: list, board, create, detail, edit, stage moves, notes, delete.

Thin: forms check input shape, `applications.services` enforce the rules and the tenancy
(another user's application is a 404 here as in the API).
"""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from applications import insights, services
from applications.forms import (
    ApplicationFilterForm,
    ApplicationForm,
    ArchiveForm,
    CsvImportForm,
    ImportForm,
    NotesForm,
    ResumePickForm,
    StageForm,
)
from applications.models import Application, StageEvent
from applications.porting import bulk, csv_import
from applications.selectors import ARCHIVED_ALL, application_list, application_list_count
from jobforge.errors import DomainError, NotFound, ValidationFailed
from jobforge.ui import form_add_domain_error, login_required_htmx, user_object
from resumes.selectors import resume_choice_for_posting

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
    "archived",
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


def next_url(request, default: str) -> str:
    """The form's `next` (or the query's) when it is a URL of this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


class CountedPaginator(Paginator):
    """A paginator told its count (from the tally, say) rather than counting the list."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.count = count


@login_required
def application_list_view(request):
    filter_form = ApplicationFilterForm(request.GET)
    filters = filter_form.filters()
    queryset = application_list(user=request.user, filters=filters).only(*LIST_FIELDS)
    count = application_list_count(user=request.user, filters=filters, queryset=queryset)
    page_obj = CountedPaginator(queryset, PAGE_SIZE, count=count).get_page(request.GET.get("page"))
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
            "stage_choices": Application.Stage.choices,
            "bulk_next": request.get_full_path(),
        },
    )


BOARD_FIELDS = (*LIST_FIELDS, "match_score")


@login_required
def application_board(request):
    """Every application not archived, by stage, each card with its days in that stage."""
    entered = StageEvent.objects.filter(application=OuterRef("pk")).order_by("-created_at", "-id")
    applications = list(
        application_list(user=request.user)
        .filter(archived=False)
        .only(*BOARD_FIELDS)
        .annotate(stage_since=Subquery(entered.values("created_at")[:1]))
    )
    today = timezone.now()
    for application in applications:
        since = application.stage_since or application.created_at
        application.days_in_stage = max((today - since).days, 0)
    columns = [
        {"value": value, "label": label, "cards": [a for a in applications if a.stage == value]}
        for value, label in Application.Stage.choices
    ]
    return render(
        request,
        "applications/board.html",
        {
            "columns": columns,
            "total": len(applications),
            "stage_choices": Application.Stage.choices,
            "bulk_next": reverse("applications:board"),
        },
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
    resume_choice = resume_choice_for_posting(
        user=request.user,
        resume_id=application.resume_id,
        title=application.role_title,
        text=application.job_description,
    )
    return render(
        request,
        "applications/detail.html",
        {
            "application": application,
            "timeline": timeline,
            "document_slots": document_slots,
            "resume_choice": resume_choice,
            "stage_form": StageForm(initial={"stage": application.stage}),
            "notes_form": NotesForm(initial={"notes": application.notes}),
        },
    )


@login_required
@require_POST
@users_application
def application_resume(request, application):
    """Tailor another resume of the library (the suggestion on the application page)."""
    form = ResumePickForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, "That resume is not in your library.")
        return redirect("applications:detail", pk=application.pk)
    resume = form.cleaned_data["resume"]
    services.application_update(user=request.user, application=application, resume_id=resume.pk)
    messages.success(request, f"This application now tailors “{resume.name}”.")
    return redirect("applications:detail", pk=application.pk)


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
        return redirect(next_url(request, default))
    try:
        services.application_stage_change(
            user=request.user, application=application, stage=form.cleaned_data["stage"]
        )
    except ValidationFailed as exc:
        messages.error(request, exc.message)
    else:
        # Named in full: two cards can share a company.
        messages.success(request, f"{application} moved to “{application.get_stage_display()}”.")
    return redirect(next_url(request, default))


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
@require_POST
@users_application
def application_archive(request, application):
    """Archive (or unarchive) from the application's page: the form says which."""
    form = ArchiveForm(request.POST)
    form.is_valid()
    archived = form.cleaned_data.get("archived", False)
    services.application_update(user=request.user, application=application, archived=archived)
    if archived:
        messages.success(
            request,
            f"Archived {application.company_name}: it no longer shows in the list, board and dashboard.",
        )
    else:
        messages.success(request, f"{application.company_name} is back in the list, board and dashboard.")
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


BULK_DONE = {
    bulk.BulkAction.SET_STAGE: "Moved",
    bulk.BulkAction.ARCHIVE: "Archived",
    bulk.BulkAction.UNARCHIVE: "Restored",
    bulk.BulkAction.DELETE: "Deleted",
}


@login_required
@require_POST
def application_bulk(request):
    """The list's and the board's multi-select: a confirmation page naming every
    application selected, then (with `confirm`) the bulk service, all or nothing."""
    back = next_url(request, reverse("applications:list"))
    try:
        ids, action, stage = bulk.application_bulk_clean(
            ids=request.POST.getlist("ids"),
            action=request.POST.get("action"),
            stage=request.POST.get("stage"),
        )
    except ValidationFailed as exc:
        details = exc.details or {}
        if "ids" in details:
            messages.error(request, "Select at least one application first.")
        else:
            messages.error(request, " ".join(_messages_of(exc)))
        return redirect(back)
    if request.POST.get("confirm") != "yes":
        # Archived ones too: "unarchive" is chosen from the archived list.
        everything = application_list(user=request.user, filters={"archived": ARCHIVED_ALL})
        selected = list(everything.filter(pk__in=ids).only(*LIST_FIELDS))
        if len(selected) != len(ids):
            raise NotFound("Application not found.")
        return render(
            request,
            "applications/confirm_bulk.html",
            {
                "applications": selected,
                "action": action,
                "stage": stage,
                "stage_label": Application.Stage(stage).label if stage else "",
                "next": back,
            },
        )
    count = bulk.application_bulk(user=request.user, ids=ids, action=action, stage=stage)
    where = f" to “{Application.Stage(stage).label}”" if stage else ""
    messages.success(request, f"{BULK_DONE[action]} {count} application{'s' if count != 1 else ''}{where}.")
    return redirect(back)


# A previewed file waits this long for its confirmation.
IMPORT_PREVIEW_SECONDS = 30 * 60


def _preview_key(user, token: str) -> str:
    return f"csv-import:{user.pk}:{token}"


@login_required
@require_http_methods(["GET", "POST"])
def application_import_csv(request):
    """Upload a CSV, see what would be created, skipped and rejected, then confirm.

    The previewed file waits in the cache under a random token bound to the user, so the
    confirmation imports exactly what was shown without sending the file again."""
    form = CsvImportForm(request.POST, request.FILES) if request.method == "POST" else CsvImportForm()
    context = {
        "form": form,
        "max_mb": csv_import.CSV_MAX_BYTES // (1024 * 1024),
        "max_rows": csv_import.CSV_MAX_ROWS,
    }
    if request.method == "POST" and request.POST.get("token"):
        key = _preview_key(request.user, request.POST["token"])
        content = cache.get(key)
        if content is None:
            messages.error(request, "That preview has expired: upload the file again.")
            return redirect("applications:import_csv")
        try:
            result = csv_import.applications_import_csv(user=request.user, content=content)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("applications:import_csv")
        cache.delete(key)
        created = result["counts"]["created"]
        messages.success(request, f"Imported {created} application{'s' if created != 1 else ''}.")
        return render(request, "applications/import_csv.html", {**context, "result": result, "done": True})
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > csv_import.CSV_MAX_BYTES:
                raise ValidationFailed(
                    f"The file is larger than {context['max_mb']} MB: split it into smaller files."
                )
            content = upload.read()
            result = csv_import.applications_import_csv(user=request.user, content=content, dry_run=True)
        except DomainError as exc:
            form_add_domain_error(form, exc)
            return render(request, "applications/import_csv.html", context, status=exc.status)
        token = secrets.token_urlsafe(16)
        cache.set(_preview_key(request.user, token), content, IMPORT_PREVIEW_SECONDS)
        return render(request, "applications/import_csv.html", {**context, "result": result, "token": token})
    return render(request, "applications/import_csv.html", context, status=400 if form.errors else 200)


@login_required
def insights_page(request):
    figures = insights.insights_for_user(user=request.user)
    context = {
        "figures": figures,
        "charts": insights.insights_charts(figures),
        "sent": figures["funnel"][0]["count"],
        "response_rate": insights.percent_text(figures["response_rate"]),
        "days_to_response": insights.days_text(figures["median_days_to_response"]),
    }
    return render(request, "applications/insights.html", context)
