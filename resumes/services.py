"""Resume library rules: ownership, field bounds, file import, and exactly one primary
resume while any exist (SPEC §6)."""

from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet

from jobforge.accounts.models import User
from jobforge.errors import InvalidState, NotFound, PayloadTooLarge, ValidationFailed
from resumes.importing import resume_name_from_filename
from resumes.models import Resume
from resumes.sandbox import resume_file_to_markdown_sandboxed

NAME_MAX = 255
CONTENT_MIN = 100
CONTENT_MAX = 50000


def resume_get_for_user(*, user: User, resume_id, for_update: bool = False) -> Resume:
    """The user's own resume, or NotFound (another user's resume does not exist for them)."""
    queryset = Resume.objects.filter(user=user)
    if for_update:
        queryset = queryset.select_for_update()
    resume = queryset.filter(pk=resume_id).first()
    if resume is None:
        raise NotFound("Resume not found.")
    return resume


def resume_list_for_user(*, user: User) -> QuerySet[Resume]:
    """The user's library: primary first, then most recently updated."""
    return Resume.objects.filter(user=user).order_by("-is_primary", "-updated_at", "-created_at", "-id")


def resume_primary_for_user(*, user: User) -> Resume | None:
    return Resume.objects.filter(user=user, is_primary=True).first()


def _text(field: str, value: Any, *, minimum: int, maximum: int, errors: dict) -> str:
    if not isinstance(value, str):
        errors[field] = ["Not a valid string."]
        return ""
    value = value.strip()
    if "\x00" in value:
        errors[field] = ["Null characters are not allowed."]
    elif not value:
        errors[field] = ["This field may not be blank."]
    elif len(value) < minimum:
        errors[field] = [f"Ensure this field has at least {minimum} characters."]
    elif len(value) > maximum:
        errors[field] = [f"Ensure this field has no more than {maximum} characters."]
    return value


def resume_fields_clean(fields: dict, *, creating: bool) -> dict:
    """Validate `name` (1–255), `content` (100–50000) and `focus_area`; errors per field."""
    errors: dict[str, list[str]] = {}
    data: dict[str, Any] = {}
    if creating:
        for field in ("name", "content"):
            if fields.get(field) is None:
                errors[field] = ["This field is required."]
    if "name" in fields and "name" not in errors:
        data["name"] = _text("name", fields["name"], minimum=1, maximum=NAME_MAX, errors=errors)
    if "content" in fields and "content" not in errors:
        data["content"] = _text(
            "content", fields["content"], minimum=CONTENT_MIN, maximum=CONTENT_MAX, errors=errors
        )
    if "focus_area" in fields:
        if fields["focus_area"] not in Resume.FocusArea.values:
            errors["focus_area"] = [f"Must be one of: {', '.join(Resume.FocusArea.values)}."]
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
) -> Resume:
    """Create a resume. The user's first resume is primary whatever was asked; a later
    one asked to be primary takes the flag from the previous primary."""
    data = resume_fields_clean({"name": name, "content": content, "focus_area": focus_area}, creating=True)
    _lock_library(user)
    has_any = Resume.objects.filter(user=user).exists()
    make_primary = bool(is_primary) or not has_any
    if make_primary:
        Resume.objects.filter(user=user, is_primary=True).update(is_primary=False)
    return Resume.objects.create(user=user, is_primary=make_primary, **data)


@transaction.atomic
def resume_update(*, user: User, resume_id, **fields) -> Resume:
    """Partial update. `is_primary: true` moves the primary flag here; `false` on the
    primary is ignored, since one resume must stay primary."""
    _lock_library(user)
    resume = resume_get_for_user(user=user, resume_id=resume_id, for_update=True)
    make_primary = fields.pop("is_primary", None)
    data = resume_fields_clean(fields, creating=False)
    for field, value in data.items():
        setattr(resume, field, value)
    if make_primary and not resume.is_primary:
        Resume.objects.filter(user=user, is_primary=True).update(is_primary=False)
        resume.is_primary = True
    resume.save()
    return resume


def resume_set_primary(*, user: User, resume_id) -> Resume:
    return resume_update(user=user, resume_id=resume_id, is_primary=True)


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
        return
    resume.delete()


def resume_import(
    *, user: User, uploaded_file, name: str | None = None, focus_area: str | None = None
) -> Resume:
    """Create a resume from an uploaded PDF, DOCX, TXT or Markdown file.

    The size is checked before the file is read (413 over `JOBFORGE_UPLOAD_MAX_BYTES`);
    the type comes from the content (415 for anything else); a file with no usable text,
    or a damaged or password-protected one, is a 400, and so is one too complex to read
    within the parsing limits (`resumes.sandbox`). The name defaults to the file's.
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
    name = (name or "").strip() or resume_name_from_filename(filename)
    return resume_create(
        user=user,
        name=name,
        content=content,
        focus_area=focus_area or Resume.FocusArea.OTHER,
    )
