"""Document pages: the rendered document, edit with a live preview, version history with
view and restore, and the export downloads.

Every page loads the signed-in user's application through `applications.views.users_application` (a
stranger's is the 404 page); content is always shown through the safe Markdown renderer;
writes go through `documents.services`.
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from applications.views import users_application
from documents import services
from documents.export import document_export, export_response, export_version_param
from documents.export.budget import layout_check
from documents.forms import DocumentForm, PreviewForm
from documents.models import Document
from documents.rendering import markdown_to_safe_html
from jobforge.accounts.models import DocumentTemplate, PageSize
from jobforge.errors import NotFound, RateLimited, ValidationFailed
from jobforge.ratelimit import ratelimit_consume
from jobforge.ui import form_add_domain_error, login_required_htmx

EXPORT_FORMATS = {"pdf": "PDF", "docx": "Word", "md": "Markdown", "txt": "Text"}
# The formats laid out on a page: their buttons take the layout and paper size chosen beside them.
LAID_OUT_FORMATS = ("pdf", "docx")
# A provenance's change kinds (SPEC §9.3) and sections, in plain words.
CHANGE_LABELS = {
    "kept": "Kept as written",
    "reworded": "Reworded",
    "reordered": "Same words, new place",
    "summary": "Summary drawn from your resume",
}
SECTION_LABELS = {"summary": "Summary", "experience": "Experience", "projects": "Projects"}


def _type_or_404(document_type: str) -> str:
    try:
        return services.document_type_check(document_type)
    except ValidationFailed:
        raise Http404("Unknown document type.") from None


def document_page(view):
    """A page of one of the user's documents: signed in, their application (else 404), a known
    type (else 404) and the document, or back to the application when it is not written yet."""

    @login_required
    @users_application
    @wraps(view)
    def wrapped(request, application, document_type, **kwargs):
        document_type = _type_or_404(document_type)
        document = application.documents.filter(document_type=document_type).first()
        if document is None:
            label = Document.Type(document_type).label.lower()
            messages.info(request, f"The {label} has not been generated yet. Run its phase from this page.")
            return redirect("applications:detail", pk=application.pk)
        return view(request, application=application, document=document, **kwargs)

    return wrapped


def _context(application, document, **extra):
    return {
        "application": application,
        "document": document,
        "document_label": Document.Type(document.document_type).label,
        "export_formats": EXPORT_FORMATS,
        "export_laid_out": LAID_OUT_FORMATS,
        "export_templates": DocumentTemplate.choices,
        "export_page_sizes": PageSize.choices,
        **extra,
    }


@document_page
def document_detail(request, application, document):
    return render(request, "documents/detail.html", _context(application, document))


@require_http_methods(["GET", "POST"])
@document_page
def document_edit(request, application, document):
    form = DocumentForm(request.POST or None, initial={"content": document.content})
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_edit(
                application=application,
                document_type=document.document_type,
                content=form.cleaned_data["content"],
            )
        except ValidationFailed as exc:
            form_add_domain_error(form, exc)
        else:
            messages.success(
                request, f"Saved as version {document.version}. Earlier versions are in the history."
            )
            _warn_unsupported(request, application, document)
            return redirect("documents:detail", pk=application.pk, document_type=document.document_type)
    preview_source = form["content"].value() or ""
    return render(
        request,
        "documents/edit.html",
        _context(application, document, form=form, preview=_preview(preview_source)),
    )


def _warn_unsupported(request, application, document) -> None:
    """The fact guard on a user's edit, as a warning only: the edit is already saved."""
    violations = services.document_edit_warnings(
        application=application, document_type=document.document_type, content=document.content
    )
    if violations:
        messages.warning(request, services.edit_warning_message(violations))


def _preview(content: str) -> dict:
    """The preview pane's context: the rendered Markdown, or why there is none."""
    if not content:
        return {"empty": True}
    try:
        tokens = layout_check(content)
    except ValidationFailed:
        return {"too_large": True}
    return {"html": mark_safe(markdown_to_safe_html(content, tokens=tokens))}  # noqa: S308  (sanitized by nh3)


@login_required_htmx
@require_POST
@users_application
def document_preview(request, application, document_type):
    """The live preview (htmx): the posted Markdown through the same safe renderer.

    It runs on every pause in typing, so it is rate-limited per user
    (JOBFORGE_THROTTLE_PREVIEW) and bounded by the export's layout budget.
    """
    _type_or_404(document_type)
    try:
        ratelimit_consume(
            scope="preview", ident=str(request.user.pk), rate=settings.JOBFORGE_THROTTLE_PREVIEW
        )
    except RateLimited as exc:
        response = render(request, "documents/_preview.html", {"paused": exc.retry_after})
        response["Retry-After"] = str(exc.retry_after)
        return response
    form = PreviewForm(request.POST)
    if not form.is_valid():
        return render(request, "documents/_preview.html", {"too_long": True})
    return render(request, "documents/_preview.html", _preview(form.cleaned_data["content"]))


@document_page
def document_changes(request, application, document):
    """ "What changed" (SPEC §9.3): each tailored line beside its source lines, the posting
    keywords it carries, how it changed; the source lines left out; the guard's verdict."""
    if document.document_type != Document.Type.OPTIMIZED_RESUME:
        raise Http404("Only the tailored resume is traced.")
    try:
        version = export_version_param(request.GET.get("version"))
    except ValidationFailed:
        raise Http404("No such version.") from None
    try:
        provenance = services.document_version_provenance(document=document, version=version)
    except services.NotTraced as untraced:
        context = {
            "untraced": untraced.message,
            "shown_version": version or document.version,
            "traced_version": services.document_traced_version_latest(document=document),
        }
        return render(request, "documents/changes.html", _context(application, document, **context))
    except NotFound:
        raise Http404("No such version.") from None
    sections: dict[str, list[dict]] = {}
    for line in provenance["lines"]:
        sections.setdefault(line["section"], []).append(
            {**line, "change_label": CHANGE_LABELS.get(line["change"], line["change"])}
        )
    context = {
        "provenance": provenance,
        "shown_version": provenance["document_version"],
        "sections": [
            {"key": key, "label": SECTION_LABELS.get(key, key.capitalize()), "lines": lines}
            for key, lines in sections.items()
        ],
    }
    return render(request, "documents/changes.html", _context(application, document, **context))


@document_page
def document_versions(request, application, document):
    # Newest first, without their text: the list links to each version's own page.
    versions = list(document.versions.order_by("-number").defer("content"))
    numbers = [version.number for version in versions]
    return render(
        request,
        "documents/versions.html",
        _context(application, document, versions=versions, numbers=numbers, old=max(document.version - 1, 1)),
    )


def _version_number(raw: str | None) -> int | None:
    """A `?from=`/`?to=` version number, None when absent; a malformed one is the 404 page."""
    try:
        return export_version_param(raw or None)
    except ValidationFailed:
        raise Http404("No such version.") from None


@document_page
def document_diff(request, application, document):
    """The difference between any two versions (by default the previous and the current one)."""
    try:
        comparison = services.document_version_diff(
            document=document,
            old=_version_number(request.GET.get("from")),
            new=_version_number(request.GET.get("to")),
        )
    except NotFound:
        raise Http404("No such version.") from None
    numbers = list(document.versions.order_by("-number").values_list("number", flat=True))
    context = {"diff": comparison.diff, "old": comparison.old, "new": comparison.new, "numbers": numbers}
    return render(request, "documents/diff.html", _context(application, document, **context))


@document_page
def document_version_detail(request, application, document, number):
    version = document.versions.filter(number=number).first()
    if version is None:
        raise Http404("No such version.")
    return render(request, "documents/version_detail.html", _context(application, document, version=version))


@login_required
@require_POST
@users_application
def document_version_restore(request, application, document_type, number):
    document_type = _type_or_404(document_type)
    try:
        document = services.document_version_restore(
            application=application, document_type=document_type, number=number
        )
    except ValidationFailed as refusal:
        messages.error(request, refusal.message)
        return redirect("documents:version", pk=application.pk, document_type=document_type, number=number)
    messages.success(request, f"Version {number} restored as version {document.version}.")
    _warn_unsupported(request, application, document)
    return redirect("documents:detail", pk=application.pk, document_type=document_type)


@login_required
@users_application
def document_download(request, application, document_type, export_format):
    document_type = _type_or_404(document_type)
    if export_format not in EXPORT_FORMATS:
        raise Http404("Unknown export format.")
    try:
        exported = document_export(
            application=application,
            document_type=document_type,
            export_format=export_format,
            version=export_version_param(request.GET.get("version")),
            template=request.GET.get("template"),
            page_size=request.GET.get("page_size"),
        )
    except (ValidationFailed, RateLimited) as refusal:
        # A bad version number, a document too large to lay out, or too many exports in a
        # row: the message says what to do. A missing document or version is the 404 page.
        messages.error(request, refusal.message)
        return redirect("documents:detail", pk=application.pk, document_type=document_type)
    return export_response(exported)
