"""Tracking: contacts and interviews of an application, and tasks (SPEC §12).

Every write goes through here (API, UI, admin alike). Text bounds come from each model's
`TEXT_RULES`; choices from its `TextChoices`. Tenancy: a contact, interview or task
belongs to the user through its application (or, for a task, its owner); another user's
row, or a task pointed at another user's application, is `NotFound`.
"""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Model

from applications.models import Application
from applications.services import (
    application_get_for_user,
    application_of,
    application_stage_change,
    clean_datetime,
)
from jobforge.accounts.models import User
from jobforge.errors import NotFound, ValidationFailed
from jobforge.validation import BLANK, REQUIRED, choice_error
from tracking.models import Contact, Interview, Task

CONTACT_FIELDS = ("name", "role", "email", "phone", "linkedin_url", "notes")
INTERVIEW_FIELDS = ("kind", "scheduled_at", "duration_minutes", "location", "meeting_url", "notes", "outcome")
TASK_FIELDS = ("title", "due_at", "done")
EMAIL_MAX = 254
# Scheduling an interview moves an application from these stages to `interviewing`.
STAGES_BEFORE_INTERVIEWS = (Application.Stage.SAVED, Application.Stage.APPLIED)


def _clean_email(value) -> tuple[str, str | None]:
    if value is None:
        return "", None
    if not isinstance(value, str):
        return "", "Not a valid string."
    email = value.strip()
    if not email:
        return "", None
    if len(email) > EMAIL_MAX:
        return email, f"Ensure this field has no more than {EMAIL_MAX} characters."
    try:
        validate_email(email)
    except DjangoValidationError:
        return email, "Enter a valid email address."
    return email, None


def _clean_duration(value) -> tuple[int | None, str | None]:
    if isinstance(value, bool) or not isinstance(value, int):
        return None, "A valid integer is required."
    if not 1 <= value <= Interview.DURATION_LIMIT:
        return None, f"Ensure this value is between 1 and {Interview.DURATION_LIMIT} minutes."
    return value, None


def _clean_bool(value) -> tuple[bool | None, str | None]:
    if not isinstance(value, bool):
        return None, "Must be a valid boolean."
    return value, None


def _clean_value(model: type[Model], field: str, value) -> tuple[Any, str | None]:
    if field in model.TEXT_RULES:
        return model.TEXT_RULES[field].clean("" if value is None else value)
    if field == "email":
        return _clean_email(value)
    if field in ("scheduled_at", "due_at"):
        return clean_datetime(value)
    if field == "duration_minutes":
        return _clean_duration(value)
    if field == "done":
        return _clean_bool(value)
    choices = {"kind": Interview.Kind, "outcome": Interview.Outcome}[field]
    return value, choice_error(value, choices)


def fields_clean(model: type[Model], allowed: tuple[str, ...], fields: dict, *, required=()) -> dict:
    """The allowed fields present in `fields`, checked against the model's rules; every
    problem is reported per field, and nothing is written when there is one."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"not editable: {', '.join(sorted(unknown))}")
    errors: dict[str, list[str]] = {}
    data: dict[str, Any] = {}
    for field in required:
        if fields.get(field) is None:
            errors[field] = [REQUIRED]
    for field, value in fields.items():
        if field in errors:
            continue
        if value is None and field in required:
            errors[field] = [BLANK]
            continue
        cleaned, message = _clean_value(model, field, value)
        if message:
            errors[field] = [message]
        else:
            data[field] = cleaned
    if errors:
        raise ValidationFailed("Invalid input data", details=errors)
    return data


def _save(row: Model, changes: dict) -> Model:
    for field, value in changes.items():
        setattr(row, field, value)
    row.save(update_fields=[*changes, "updated_at"])
    return row


# Contacts


def _child_get(model, *, user: User, pk, application: Application | None, message: str):
    """The user's own row of `model` (of `application` when given), or NotFound; an id
    that is not a UUID is not found either."""
    queryset = model.objects.filter(application__user=user).select_related("application")
    if application is not None:
        queryset = queryset.filter(application=application)
    try:
        row = queryset.filter(pk=pk).first()
    except DjangoValidationError:
        row = None
    if row is None:
        raise NotFound(message)
    return row


def contact_get_for_user(*, user: User, contact_id, application: Application | None = None) -> Contact:
    """The user's own contact (of `application` when given), or NotFound."""
    return _child_get(
        Contact, user=user, pk=contact_id, application=application, message="Contact not found."
    )


def contact_create(
    *, user: User, application: Application | None = None, application_id=None, **fields
) -> Contact:
    """Add a contact to the user's application; `name` is required."""
    application = application_of(user=user, application=application, application_id=application_id)
    data = fields_clean(Contact, CONTACT_FIELDS, fields, required=("name",))
    return Contact.objects.create(application=application, **data)


def contact_update(*, user: User, contact: Contact, **fields) -> Contact:
    """Partial update; null clears an optional field."""
    if contact.application.user_id != user.pk:
        raise NotFound("Contact not found.")
    required = ("name",) if "name" in fields else ()
    return _save(contact, fields_clean(Contact, CONTACT_FIELDS, fields, required=required))


def contact_delete(*, user: User, contact: Contact) -> None:
    if contact.application.user_id != user.pk:
        raise NotFound("Contact not found.")
    contact.delete()


# Interviews


def interview_get_for_user(*, user: User, interview_id, application: Application | None = None) -> Interview:
    """The user's own interview (of `application` when given), or NotFound."""
    return _child_get(
        Interview, user=user, pk=interview_id, application=application, message="Interview not found."
    )


@transaction.atomic
def interview_create(
    *, user: User, application: Application | None = None, application_id=None, **fields
) -> Interview:
    """Schedule an interview (`scheduled_at` required, duration 1 minute to a day).

    A `saved` or `applied` application moves to `interviewing`, through the applications
    service, so the move is on its timeline (and `applied_at` stays as it was)."""
    application = application_of(user=user, application=application, application_id=application_id)
    data = fields_clean(Interview, INTERVIEW_FIELDS, fields, required=("scheduled_at",))
    interview = Interview.objects.create(application=application, **data)
    if application.stage in STAGES_BEFORE_INTERVIEWS:
        application_stage_change(user=user, application=application, stage=Application.Stage.INTERVIEWING)
    return interview


def interview_update(*, user: User, interview: Interview, **fields) -> Interview:
    """Partial update (reschedule, record the outcome); the stage is left to the user."""
    if interview.application.user_id != user.pk:
        raise NotFound("Interview not found.")
    required = tuple(
        field for field in ("scheduled_at", "duration_minutes", "kind", "outcome") if field in fields
    )
    return _save(interview, fields_clean(Interview, INTERVIEW_FIELDS, fields, required=required))


def interview_delete(*, user: User, interview: Interview) -> None:
    if interview.application.user_id != user.pk:
        raise NotFound("Interview not found.")
    interview.delete()


# Tasks


def task_get_for_user(*, user: User, task_id) -> Task:
    """The user's own task, or NotFound."""
    try:
        task = Task.objects.filter(user=user, pk=task_id).select_related("application").first()
    except DjangoValidationError:
        task = None
    if task is None:
        raise NotFound("Task not found.")
    return task


def _task_application(*, user: User, application_id) -> Application | None:
    """The user's application a task points at (None: free-standing); another user's is NotFound."""
    if application_id is None or application_id == "":
        return None
    try:
        return application_get_for_user(user=user, application_id=application_id)
    except DjangoValidationError:  # not a UUID
        raise ValidationFailed(
            "Invalid input data", details={"application_id": ["Must be a valid UUID."]}
        ) from None


def task_create(*, user: User, application: Application | None = None, application_id=None, **fields) -> Task:
    """Add a task, for one of the user's applications or free-standing; `title` is required."""
    if application is not None:
        application = application_of(user=user, application=application)
    else:
        application = _task_application(user=user, application_id=application_id)
    data = fields_clean(Task, TASK_FIELDS, fields, required=("title",))
    return Task.objects.create(user=user, application=application, **data)


def task_update(*, user: User, task: Task, **fields) -> Task:
    """Partial update; `application_id` moves the task to another of the user's
    applications, or (null) makes it free-standing. A changed `due_at` may be reminded again."""
    if task.user_id != user.pk:
        raise NotFound("Task not found.")
    application_given = "application_id" in fields
    application_id = fields.pop("application_id", None)
    required = ("title",) if "title" in fields else ()
    changes = fields_clean(Task, TASK_FIELDS, fields, required=required)
    if application_given:
        changes["application"] = _task_application(user=user, application_id=application_id)
    if "due_at" in changes and changes["due_at"] != task.due_at:
        changes["reminded_at"] = None
    return _save(task, changes)


def task_delete(*, user: User, task: Task) -> None:
    if task.user_id != user.pk:
        raise NotFound("Task not found.")
    task.delete()
