"""Resume library pages: list, create, upload, view, edit, set primary, delete.

Thin: the forms check input shape; `resumes.services` enforce the rules (one primary,
the only resume cannot go, file types and sizes) and the tenancy (404 for a stranger).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from jobforge.errors import DomainError, InvalidState, PayloadTooLarge, UnsupportedMediaType, ValidationFailed
from jobforge.ui import form_add_domain_error, user_object
from resumes import selectors, services
from resumes.forms import ResumeForm, ResumeUploadForm, StructureBasicsForm, StructureRoleFormSet
from resumes.models import Resume


def _own_resume(user, pk) -> Resume:
    return services.resume_get_for_user(user=user, resume_id=pk)


# The signed-in user's resume named by the URL (one query), or the 404 page.
users_resume = user_object(_own_resume, name="resume")


@login_required
def resume_list(request):
    resumes = list(selectors.resume_list(user=request.user).defer("content"))
    return render(request, "resumes/list.html", {"resumes": resumes})


@login_required
@require_http_methods(["GET", "POST"])
def resume_new(request):
    form = ResumeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            resume = services.resume_create(user=request.user, **form.cleaned_data)
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            messages.success(request, f"“{resume.name}” added to your library.")
            return redirect("resumes:detail", pk=resume.pk)
    return render(request, "resumes/form.html", {"form": form, "creating": True})


@login_required
@require_http_methods(["GET", "POST"])
def resume_upload(request):
    form = ResumeUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            resume = services.resume_import(
                user=request.user,
                uploaded_file=form.cleaned_data["file"],
                name=form.cleaned_data["name"] or None,
                focus_area=form.cleaned_data["focus_area"],
            )
        except (PayloadTooLarge, UnsupportedMediaType) as exc:
            form.add_error("file", exc.message)
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            messages.success(
                request,
                f"“{resume.name}” imported. Check what was read from it and fix anything it got wrong.",
            )
            return redirect("resumes:structure", pk=resume.pk)
    return render(request, "resumes/upload.html", {"form": form})


@login_required
@users_resume
def resume_detail(request, resume):
    return render(request, "resumes/detail.html", {"resume": resume})


@login_required
@require_http_methods(["GET", "POST"])
@users_resume
def resume_edit(request, resume):
    initial = {
        "name": resume.name,
        "focus_area": resume.focus_area,
        "content": resume.content,
        "is_primary": resume.is_primary,
    }
    form = ResumeForm(request.POST or None, initial=initial)
    if resume.is_primary:
        # One resume must stay primary: the flag moves by making another one primary.
        form.fields["is_primary"].disabled = True
        form.fields["is_primary"].help_text = "To change this, make another resume primary."
    if request.method == "POST" and form.is_valid():
        try:
            services.resume_update(user=request.user, resume=resume, **form.cleaned_data)
        except ValidationFailed as exc:
            form_add_domain_error(form, exc)
        else:
            messages.success(request, "Resume saved.")
            return redirect("resumes:detail", pk=resume.pk)
    return render(request, "resumes/form.html", {"form": form, "resume": resume, "creating": False})


@login_required
@require_POST
@users_resume
def resume_primary(request, resume):
    services.resume_set_primary(user=request.user, resume=resume)
    messages.success(request, f"“{resume.name}” is now your primary resume.")
    return redirect("resumes:list")


@login_required
@require_http_methods(["GET", "POST"])
@users_resume
def resume_delete(request, resume):
    if request.method == "POST":
        try:
            services.resume_delete(user=request.user, resume_id=resume.pk)
        except InvalidState as exc:
            messages.error(request, exc.message)
            return redirect("resumes:detail", pk=resume.pk)
        messages.success(request, f"“{resume.name}” deleted.")
        return redirect("resumes:list")
    # The library's own order (primary first, then most recently updated) puts the
    # sibling that `resume_delete` promotes first among the others.
    siblings = selectors.resume_list(user=request.user).exclude(pk=resume.pk).only("id", "name")
    successor = siblings.first()
    return render(
        request,
        "resumes/confirm_delete.html",
        {"resume": resume, "has_siblings": successor is not None, "successor": successor},
    )


_ROLE_FIELDS = ("position", "name", "location", "startDate", "endDate")
_BASICS_FIELDS = ("name", "label", "email", "phone", "location")


@login_required
@require_http_methods(["GET", "POST"])
@users_resume
def resume_structure(request, resume):
    """What Job Forge read from the resume (roles, contact, warnings), for the user to fix."""
    structure = resume.structure or {}
    work = structure.get("work", [])
    basics = StructureBasicsForm(request.POST or None, initial=structure.get("basics", {}), prefix="basics")
    roles = StructureRoleFormSet(
        request.POST or None, initial=[{k: w.get(k, "") for k in _ROLE_FIELDS} for w in work], prefix="roles"
    )
    if request.method == "POST" and basics.is_valid() and roles.is_valid() and len(roles.forms) == len(work):
        edited = {
            **structure,
            "basics": {**structure.get("basics", {}), **basics.cleaned_data},
            "work": [{**role, **form.cleaned_data} for role, form in zip(work, roles.forms, strict=True)],
        }
        try:
            services.resume_structure_replace(user=request.user, resume=resume, structure=edited)
        except ValidationFailed as exc:
            _structure_errors(exc, basics=basics, roles=roles)
        else:
            messages.success(request, "Saved. Tailored resumes and letters now use these details.")
            return redirect("resumes:detail", pk=resume.pk)
    context = {
        "resume": resume,
        "basics": basics,
        "roles": roles,
        "role_forms": list(zip(work, roles.forms, strict=False)),
        "warnings": structure.get("warnings", []),
    }
    return render(request, "resumes/structure.html", context)


def _structure_errors(exc: ValidationFailed, *, basics, roles) -> None:
    """Put the service's per-path problems ("work[1].startDate") next to their fields."""
    for path, problems in (exc.details or {}).items():
        section, _, rest = path.partition(".")
        if section == "basics" and rest in basics.fields:
            basics.add_error(rest, problems)
        elif section.startswith("work[") and rest in _ROLE_FIELDS:
            index = int(section[5:-1])
            if index < len(roles.forms):
                roles.forms[index].add_error(rest, problems)
        else:
            basics.add_error(None, problems)
