"""Document pages: the rendered document, edit with a live preview, version history with
view and restore, and the export downloads.

Every page first scopes the application to the user (404 for a stranger); content is
always shown through the safe Markdown renderer; writes go through `documents.services`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_POST

from applications.services import application_get_for_user
from documents import services
from documents.export import document_export
from documents.forms import DocumentForm, PreviewForm
from documents.models import Document
from jobforge.errors import DomainError, NotFound, ValidationFailed
from jobforge.ui import form_add_domain_error, login_required_htmx

EXPORT_FORMATS = {"pdf": "PDF", "docx": "Word", "md": "Markdown", "txt": "Text"}


def _application_or_404(request, pk):
    try:
        return application_get_for_user(user=request.user, application_id=pk)
    except NotFound:
        raise Http404("Application not found.") from None


def _type_or_404(document_type: str) -> str:
    try:
        return services.document_type_check(document_type)
    except ValidationFailed:
        raise Http404("Unknown document type.") from None


def _document_or_redirect(request, application, document_type):
    """The document, or None after flashing why (it has not been written yet)."""
    try:
        return services.document_get(application=application, document_type=document_type)
    except NotFound as exc:
        messages.info(request, f"{exc.message} Run its phase from this page.")
        return None


def _context(application, document, **extra):
    return {
        "application": application,
        "document": document,
        "document_label": Document.Type(document.document_type).label,
        "export_formats": EXPORT_FORMATS,
        **extra,
    }


@login_required
def document_detail(request, pk, document_type):
    application = _application_or_404(request, pk)
    document_type = _type_or_404(document_type)
    document = _document_or_redirect(request, application, document_type)
    if document is None:
        return redirect("applications:detail", pk=application.pk)
    return render(request, "documents/detail.html", _context(application, document))


@login_required
@require_http_methods(["GET", "POST"])
def document_edit(request, pk, document_type):
    application = _application_or_404(request, pk)
    document_type = _type_or_404(document_type)
    document = _document_or_redirect(request, application, document_type)
    if document is None:
        return redirect("applications:detail", pk=application.pk)
    form = DocumentForm(request.POST or None, initial={"content": document.content})
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_edit(
                application=application, document_type=document_type, content=form.cleaned_data["content"]
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            messages.success(
                request, f"Saved as version {document.version}. Earlier versions are in the history."
            )
            return redirect("documents:detail", pk=application.pk, document_type=document_type)
    preview_source = form["content"].value() or ""
    return render(
        request,
        "documents/edit.html",
        _context(application, document, form=form, preview_source=preview_source),
    )


@login_required_htmx
@require_POST
def document_preview(request, pk, document_type):
    """The live preview (htmx): the posted Markdown through the same safe renderer."""
    _application_or_404(request, pk)
    _type_or_404(document_type)
    form = PreviewForm(request.POST)
    if not form.is_valid():
        return render(request, "documents/_preview.html", {"too_long": True})
    return render(request, "documents/_preview.html", {"content": form.cleaned_data["content"]})


@login_required
def document_versions(request, pk, document_type):
    application = _application_or_404(request, pk)
    document_type = _type_or_404(document_type)
    document = _document_or_redirect(request, application, document_type)
    if document is None:
        return redirect("applications:detail", pk=application.pk)
    # Newest first, without their text: the list links to each version's own page.
    versions = list(document.versions.order_by("-number").defer("content"))
    return render(request, "documents/versions.html", _context(application, document, versions=versions))


@login_required
def document_version_detail(request, pk, document_type, number):
    application = _application_or_404(request, pk)
    document_type = _type_or_404(document_type)
    document = _document_or_redirect(request, application, document_type)
    if document is None:
        return redirect("applications:detail", pk=application.pk)
    version = document.versions.filter(number=number).first()
    if version is None:
        raise Http404("No such version.")
    return render(request, "documents/version_detail.html", _context(application, document, version=version))


@login_required
@require_POST
def document_version_restore(request, pk, document_type, number):
    application = _application_or_404(request, pk)
    document_type = _type_or_404(document_type)
    try:
        document = services.document_version_restore(
            application=application, document_type=document_type, number=number
        )
    except NotFound:
        raise Http404("No such version.") from None
    messages.success(request, f"Version {number} restored as version {document.version}.")
    return redirect("documents:detail", pk=application.pk, document_type=document_type)


@login_required
def document_download(request, pk, document_type, export_format):
    application = _application_or_404(request, pk)
    document_type = _type_or_404(document_type)
    if export_format not in EXPORT_FORMATS:
        raise Http404("Unknown export format.")
    version = (request.GET.get("version") or "").strip()
    if version and not (version.isdigit() and len(version) <= 9 and int(version) >= 1):
        raise Http404("No such version.")
    try:
        exported = document_export(
            application=application,
            document_type=document_type,
            export_format=export_format,
            version=int(version) if version else None,
        )
    except NotFound:
        raise Http404("Document not found.") from None
    except DomainError as refusal:
        # Format and version were checked above: what is left is a document too large to
        # lay out, or too many exports in a row; the message says what to do.
        messages.error(request, refusal.message)
        return redirect("documents:detail", pk=application.pk, document_type=document_type)
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=exported.filename
    )
    return response
