"""Resume library rules: ownership, field bounds, file import, and exactly one primary
resume while any exist (SPEC §6)."""

import json
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jobforge.accounts.models import User
from jobforge.errors import InvalidState, NotFound, PayloadTooLarge, ValidationFailed
from jobforge.ratelimit import ratelimit_consume
from jobforge.validation import REQUIRED, choice_error
from resumes.importing import resume_name_for_import
from resumes.models import Resume
from resumes.sandbox import resume_file_to_markdown_sandboxed
from resumes.signals import resume_changed
from resumes.structure import resume_structure_parse, structure_to_markdown
from resumes.structure.parser import role_warnings
from resumes.structure.schema import StructureInvalid, structure_clean, structure_from_json_resume

# An imported file's text must fit the content rule too.
CONTENT_MIN, CONTENT_MAX = Resume.TEXT_RULES["content"].minimum, Resume.TEXT_RULES["content"].maximum


def resume_get_for_user(*, user: User, resume_id, for_update: bool = False) -> Resume:
    """The user's own resume, or NotFound (another user's resume does not exist for them)."""
    queryset = Resume.objects.filter(user=user)
    if for_update:
        queryset = queryset.select_for_update()
    resume = queryset.filter(pk=resume_id).first()
    if resume is None:
        raise NotFound("Resume not found.")
    return resume


def resume_fields_clean(fields: dict, *, creating: bool) -> dict:
    """Validate `name` and `content` against `Resume.TEXT_RULES` (stored trimmed) and
    `focus_area` against its choices; errors per field."""
    errors: dict[str, list[str]] = {}
    data: dict[str, Any] = {}
    if creating:
        for field in ("name", "content"):
            if fields.get(field) is None:
                errors[field] = [REQUIRED]
    for field, rule in Resume.TEXT_RULES.items():
        if field in fields and field not in errors:
            data[field], message = rule.clean(fields[field])
            if message:
                errors[field] = [message]
    if "focus_area" in fields:
        if message := choice_error(fields["focus_area"], Resume.FocusArea):
            errors["focus_area"] = [message]
        else:
            data["focus_area"] = fields["focus_area"]
    if errors:
        raise ValidationFailed("Invalid input data", details=errors)
    return data


def _lock_library(user: User) -> None:
    # Serialises primary switching per user: lock the owner's row, then the rules hold.
    User.objects.select_for_update().filter(pk=user.pk).first()


@transaction.atomic
def resume_create(
    *,
    user: User,
    name: str,
    content: str,
    focus_area: str = Resume.FocusArea.OTHER,
    is_primary: bool = False,
    structure: dict | None = None,
) -> Resume:
    """Create a resume. The user's first resume is primary whatever was asked; a later
    one asked to be primary takes the flag from the previous primary. Its structure is
    read from the content unless given (a JSON Resume upload brings its own)."""
    data = resume_fields_clean({"name": name, "content": content, "focus_area": focus_area}, creating=True)
    if structure is not None:
        data["structure"] = structure
    _lock_library(user)
    has_any = Resume.objects.filter(user=user).exists()
    make_primary = bool(is_primary) or not has_any
    if make_primary:
        Resume.objects.filter(user=user, is_primary=True).update(is_primary=False)
    data.setdefault("structure", resume_structure_parse(data["content"]))
    resume = Resume.objects.create(user=user, is_primary=make_primary, **data)
    resume_changed.send(sender=Resume, user=user, resume_id=resume.pk)
    return resume


@transaction.atomic
def resume_update(*, user: User, resume: Resume | None = None, resume_id=None, **fields) -> Resume:
    """Partial update. `is_primary: true` moves the primary flag here; `false` on the
    primary is ignored, since one resume must stay primary.

    Takes the resume the caller loaded through `resume_get_for_user` (a page hands it
    on, so it is read once), or its id."""
    _lock_library(user)
    if resume is None:
        resume = resume_get_for_user(user=user, resume_id=resume_id, for_update=True)
    elif resume.user_id != user.pk:
        raise NotFound("Resume not found.")
    make_primary = fields.pop("is_primary", None)
    changes = resume_fields_clean(fields, creating=False)
    if "content" in changes:
        changes["structure"] = resume_structure_parse(changes["content"])
    if make_primary and not resume.is_primary:
        Resume.objects.filter(user=user, is_primary=True).update(is_primary=False)
        changes["is_primary"] = True
    # Only the changed columns: the primary flag is the library's, moved under its lock.
    changes["updated_at"] = timezone.now()
    if not Resume.objects.filter(pk=resume.pk).update(**changes):
        raise NotFound("Resume not found.")
    for field, value in changes.items():
        setattr(resume, field, value)
    if changes.keys() & {"content", "is_primary"}:
        resume_changed.send(sender=Resume, user=user, resume_id=resume.pk)
    return resume


def _structure_checked(data, *, field: str) -> tuple[dict, str]:
    """A clean structure and its Markdown, or ValidationFailed naming every problem."""
    try:
        structure = structure_clean(data)
    except StructureInvalid as exc:
        raise ValidationFailed("Invalid input data", details=exc.errors) from None
    structure["warnings"] = role_warnings(structure["work"])
    content = structure_to_markdown(structure)
    rule = Resume.TEXT_RULES["content"]
    if len(content) > rule.maximum:
        raise ValidationFailed(
            "Invalid input data",
            details={
                field: [f"This resume is {len(content)} characters as Markdown; at most {rule.maximum}."]
            },
        )
    if len(content.strip()) < rule.minimum:
        raise ValidationFailed(
            "Invalid input data",
            details={
                field: [f"This resume is only {len(content.strip())} characters; at least {rule.minimum}."]
            },
        )
    return structure, content


@transaction.atomic
def resume_structure_replace(
    *, user: User, resume: Resume | None = None, resume_id=None, structure
) -> Resume:
    """Replace the resume's structure (SPEC §9.1): it is checked field by field, every
    entry keeps or gets an id, and the Markdown content is written anew from it, so
    the two never disagree (the last write wins). The warnings are the structure's own:
    roles still missing an employer, a title or dates."""
    if resume is None:
        resume = resume_get_for_user(user=user, resume_id=resume_id, for_update=True)
    elif resume.user_id != user.pk:
        raise NotFound("Resume not found.")
    clean, content = _structure_checked(structure, field="structure")
    now = timezone.now()
    if not Resume.objects.filter(pk=resume.pk).update(structure=clean, content=content, updated_at=now):
        raise NotFound("Resume not found.")
    resume.structure, resume.content, resume.updated_at = clean, content, now
    resume_changed.send(sender=Resume, user=user, resume_id=resume.pk)
    return resume


def _json_resume(raw: bytes) -> tuple[dict, str] | None:
    """A JSON Resume file's structure and Markdown; None when the file is not JSON at all."""
    if raw.lstrip().removeprefix(b"\xef\xbb\xbf")[:1] != b"{":
        return None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        raise ValidationFailed(
            "Invalid input data",
            details={"file": ["This JSON file could not be read: it is not valid JSON."]},
        ) from None
    try:
        structure = structure_from_json_resume(data)
    except StructureInvalid as exc:
        raise ValidationFailed(
            "Invalid input data",
            details={
                "file": exc.errors.get("file")
                or [
                    "This JSON Resume has fields that could not be read: "
                    + ", ".join(sorted(exc.errors)[:5])
                    + "."
                ]
            },
        ) from None
    return _structure_checked(structure, field="file")


def resume_set_primary(*, user: User, resume: Resume | None = None, resume_id=None) -> Resume:
    return resume_update(user=user, resume=resume, resume_id=resume_id, is_primary=True)


@transaction.atomic
def resume_delete(*, user: User, resume_id) -> None:
    """Delete a resume. The only resume cannot go while it is primary (409); deleting a
    primary with siblings promotes the most recently updated sibling."""
    _lock_library(user)
    resume = resume_get_for_user(user=user, resume_id=resume_id, for_update=True)
    if resume.is_primary:
        successor = (
            Resume.objects.filter(user=user)
            .exclude(pk=resume.pk)
            .order_by("-updated_at", "-created_at", "-id")
            .first()
        )
        if successor is None:
            raise InvalidState(
                "This is your only resume and it is primary: add another resume before deleting it."
            )
        resume.delete()
        # update() keeps the successor's updated_at: promotion is not an edit.
        Resume.objects.filter(pk=successor.pk).update(is_primary=True)
    else:
        resume.delete()
    resume_changed.send(sender=Resume, user=user, resume_id=resume_id)


def resume_import(
    *, user: User, uploaded_file, name: str | None = None, focus_area: str | None = None
) -> Resume:
    """Create a resume from an uploaded PDF, DOCX, TXT, Markdown or JSON Resume file.

    The size is checked before the file is read (413 over `JOBFORGE_UPLOAD_MAX_BYTES`);
    the type comes from the content (415 for anything else); a file with no usable text,
    or a damaged or password-protected one, is a 400, and so is one too complex to read
    within the parsing limits (`resumes.sandbox`); 429 past `JOBFORGE_THROTTLE_UPLOAD`
    (each parse is a child process). The name defaults to the person's name and headline
    as the resume states them, else to the file's name.
    """
    if focus_area is not None:
        resume_fields_clean({"focus_area": focus_area}, creating=False)
    limit = settings.JOBFORGE_UPLOAD_MAX_BYTES
    if uploaded_file is None:
        raise ValidationFailed("Invalid input data", details={"file": ["No file was submitted."]})
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > limit:
        raise PayloadTooLarge(f"The file is larger than the {limit // (1024 * 1024)} MB limit.")
    # Read one byte past the limit, so a file whose size was not known is still refused.
    uploaded_file.seek(0)
    raw = uploaded_file.read(limit + 1)
    if len(raw) > limit:
        raise PayloadTooLarge(f"The file is larger than the {limit // (1024 * 1024)} MB limit.")
    filename = getattr(uploaded_file, "name", "") or ""
    ratelimit_consume(scope="upload", ident=str(user.pk), rate=settings.JOBFORGE_THROTTLE_UPLOAD)
    name = (name or "").strip()
    json_resume = _json_resume(raw)
    if json_resume is not None:
        structure, content = json_resume
        return resume_create(
            user=user,
            name=name or resume_name_for_import(structure=structure, filename=filename),
            content=content,
            focus_area=focus_area or Resume.FocusArea.OTHER,
            structure=structure,
        )
    cpu_seconds = settings.JOBFORGE_UPLOAD_PARSE_CPU_SECONDS
    content = resume_file_to_markdown_sandboxed(
        data=raw,
        filename=filename,
        cpu_seconds=cpu_seconds,
        memory_bytes=settings.JOBFORGE_UPLOAD_PARSE_MEMORY_MB * 1024 * 1024,
        wall_seconds=3 * cpu_seconds,
    )
    if len(content) > CONTENT_MAX:
        raise ValidationFailed(
            "Invalid input data",
            details={
                "file": [
                    f"The extracted text has {len(content)} characters; a resume may have at most {CONTENT_MAX}."
                ]
            },
        )
    if len(content) < CONTENT_MIN:
        raise ValidationFailed(
            "Invalid input data",
            details={
                "file": [
                    f"Only {len(content)} characters of text could be extracted; a resume needs at least {CONTENT_MIN}."
                ]
            },
        )
    structure = resume_structure_parse(content.strip())  # read once: it names the resume too
    return resume_create(
        user=user,
        name=name or resume_name_for_import(structure=structure, filename=filename),
        content=content,
        focus_area=focus_area or Resume.FocusArea.OTHER,
        structure=structure,
    )
