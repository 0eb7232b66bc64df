"""Applications: creation with a unique generated name, updates, stage changes, deletion.

Every write goes through here (API, UI, admin alike). The rules of SPEC §3 are enforced
here: field bounds (declared once in `Application.TEXT_RULES`), the owner's own resume,
the generated name, the stage timeline and `applied_at`.
"""

import datetime as dt
import itertools
import re
import unicodedata
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from applications.capture.extract import (
    Posting,
    extract_from_html,
    extract_from_json,
    extract_from_text,
    source_of,
)
from applications.capture.fetch import FetchRefused, fetch_page
from applications.models import Application, StageEvent
from applications.signals import posting_changed, resume_chosen
from jobforge.accounts.models import User
from jobforge.errors import NotFound, ValidationFailed
from jobforge.ratelimit import ratelimit_consume
from jobforge.validation import NOT_A_STRING, REQUIRED, choice_error
from resumes.models import Resume

# Fields a user may write; the rest (name, status, flags, owner, timestamps) are read-only.
EDITABLE_FIELDS = (
    "company_name",
    "role_title",
    "job_url",
    "job_description",
    "location",
    "priority_level",
    "additional_context",
    "notes",
    *Application.JOB_DETAIL_FIELDS,
    *Application.TRACKING_FIELDS,
)
REQUIRED_FIELDS = ("company_name", "role_title", "job_description")
# Creates that lose the race for a name to a concurrent create, then give up.
_NAME_RACES = 10


def application_get_for_user(*, user: User, application_id, for_update: bool = False) -> Application:
    """The user's own application, or NotFound: another user's application does not exist for them."""
    queryset = Application.objects.filter(user=user)
    if for_update:
        queryset = queryset.select_for_update()
    # get(), not first(): no ORDER BY to build or run for a lookup by primary key.
    try:
        return queryset.get(pk=application_id)
    except Application.DoesNotExist:
        raise NotFound("Application not found.") from None


def _clean_amount(value) -> tuple[int | None, str | None]:
    if value is None or value == "":
        return None, None
    if isinstance(value, bool) or not isinstance(value, int):
        return None, "A valid integer is required."
    if not 0 <= value <= Application.SALARY_LIMIT:
        return None, f"Ensure this value is between 0 and {Application.SALARY_LIMIT}."
    return value, None


def _clean_date(value) -> tuple[dt.date | None, str | None]:
    if value is None or value == "":
        return None, None
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value), None
        except ValueError:
            pass
    return None, "Date has wrong format. Use one of these formats instead: YYYY-MM-DD."


DATETIME_MESSAGE = "Datetime has wrong format. Use ISO 8601, e.g. 2025-07-01T10:00:00Z."


def clean_datetime(value) -> tuple[dt.datetime | None, str | None]:
    """An aware datetime (naive ones are read in the current time zone), None, or the error."""
    if value is None or value == "":
        return None, None
    if isinstance(value, str):
        try:
            value = parse_datetime(value.strip())
        except ValueError:
            value = None
    if not isinstance(value, dt.datetime):
        return None, DATETIME_MESSAGE
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value, None


def _clean_currency(value) -> tuple[str, str | None]:
    if value is None:
        return "", None
    if not isinstance(value, str):
        return "", NOT_A_STRING
    code = value.strip().upper()
    if code and not re.fullmatch(r"[A-Z]{3}", code):
        return code, "Enter a three-letter ISO 4217 currency code, e.g. USD."
    return code, None


def _clean_field(field: str, value) -> tuple[Any, str | None]:
    if field == "priority_level":
        return value, choice_error(value, Application.Priority)
    if field in Application.OPTIONAL_CHOICES:
        if value is None or value == "":
            return "", None
        return value, choice_error(value, Application.OPTIONAL_CHOICES[field])
    if field in ("salary_min", "salary_max"):
        return _clean_amount(value)
    if field in ("posted_at", "deadline"):
        return _clean_date(value)
    if field == "salary_currency":
        return _clean_currency(value)
    if field in ("applied_at", "follow_up_at"):
        return clean_datetime(value)
    if field == "archived":
        return (value, None) if isinstance(value, bool) else (None, "Must be a valid boolean.")
    return Application.TEXT_RULES[field].clean("" if value is None else value)


def application_fields_clean(fields: dict, *, creating: bool, current: Application | None = None) -> dict:
    """Validate the editable fields present in `fields` against `Application.TEXT_RULES`,
    the model's choices and the pay and date rules; every problem is reported per field.
    Text is stored trimmed, null clears an optional field, and a pay range (with the
    `current` application's other end on a partial update) runs from low to high."""
    errors: dict[str, list[str]] = {}
    data: dict[str, Any] = {}
    if creating:
        for field in REQUIRED_FIELDS:
            if field not in fields:
                errors[field] = [REQUIRED]
    for field in EDITABLE_FIELDS:
        if field not in fields or field in errors:
            continue
        value, message = _clean_field(field, fields[field])
        if message:
            errors[field] = [message]
        else:
            data[field] = value
    if "stage" in fields and (message := choice_error(fields["stage"], Application.Stage)):
        errors["stage"] = [message]
    low = data.get("salary_min", current.salary_min if current else None)
    high = data.get("salary_max", current.salary_max if current else None)
    if (
        low is not None
        and high is not None
        and low > high
        and not errors.keys() & {"salary_min", "salary_max"}
    ):
        errors["salary_max"] = ["The highest pay must not be below the lowest."]
    if errors:
        raise ValidationFailed("Invalid input data", details=errors)
    return data


def _slug_part(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")


def application_base_name(*, company_name: str, role_title: str, created_at) -> str:
    """`google_senior_developer_2025_07_01` from company, role and creation date.

    A company and role with no ASCII letters or digits at all fall back to `application`.
    """
    parts = [_slug_part(company_name)[:100], _slug_part(role_title)[:100]]
    parts = [part for part in parts if part] or ["application"]
    return "_".join([*parts, created_at.strftime("%Y_%m_%d")])


def _free_name(*, user: User, base: str) -> str:
    """`base`, else `base_N` with the smallest N (from 2) that no application of the user
    has: one query, served by the pattern index of the unique constraint on (user, name)."""
    names = (
        Application.objects.filter(user=user, name__startswith=base).order_by().values_list("name", flat=True)
    )
    return application_first_free_name(base=base, taken=names)


def application_first_free_name(*, base: str, taken) -> str:
    """`base`, else `base_N` with the smallest N (from 2) that no name in `taken` has."""
    suffix = re.compile(rf"{re.escape(base)}(?:_([1-9][0-9]*))?")
    used = set()
    for name in taken:
        if match := suffix.fullmatch(name):
            used.add(int(match[1] or 1))
    free = next(n for n in itertools.count(1) if n not in used)
    return base if free == 1 else f"{base}_{free}"


def _resume_for(*, user: User, resume_id) -> Resume | None:
    if resume_id is None or resume_id == "":
        return None
    try:
        resume = Resume.objects.filter(user=user, pk=resume_id).first()
    except DjangoValidationError:  # not a UUID
        resume = None
    if resume is None:
        # Another user's resume is indistinguishable from a missing one.
        raise ValidationFailed("Invalid input data", details={"resume_id": ["Resume not found."]})
    return resume


def application_create(*, user: User, resume_id=None, stage: str | None = None, **fields) -> Application:
    """Create an application named from company, role and date, unique per user.

    On a name collision the first free suffix (`_2`, `_3`, ...) is taken, however many the
    day already has; the database constraint decides races between concurrent creates, and
    the loser looks again.
    The timeline starts with the initial stage (`saved` unless given); starting at
    `applied` stamps `applied_at`.
    """
    if stage is not None:
        fields["stage"] = stage
    data = application_fields_clean(fields, creating=True)
    initial_stage = fields.get("stage") or Application.Stage.SAVED
    resume = _resume_for(user=user, resume_id=resume_id)
    now = timezone.now()
    applied_at = data.pop("applied_at", None)
    if applied_at is None and initial_stage == Application.Stage.APPLIED:
        applied_at = now
    base = application_base_name(
        company_name=data["company_name"], role_title=data["role_title"], created_at=now
    )
    for _ in range(_NAME_RACES):
        name = _free_name(user=user, base=base)
        try:
            with transaction.atomic():
                application = Application.objects.create(
                    user=user, name=name, resume=resume, stage=initial_stage, applied_at=applied_at, **data
                )
                StageEvent.objects.create(application=application, from_stage="", to_stage=initial_stage)
                posting_changed.send(sender=Application, application=application)
                return application
        except IntegrityError:
            # A concurrent create took this name first (the unique constraint decided): look again.
            continue
    raise ValidationFailed("Could not generate a unique name for this application; try again.")


def application_of(
    *, user: User, application: Application | None = None, application_id=None, for_update: bool = False
) -> Application:
    """The application a service works on: the one the caller already loaded through
    `application_get_for_user` (a page hands it on, so it is read once), else the user's
    application with this id (locked when `for_update`)."""
    if application is None:
        return application_get_for_user(user=user, application_id=application_id, for_update=for_update)
    if application.user_id != user.pk:
        raise NotFound("Application not found.")
    return application


def _application_write(application: Application, changes: dict) -> None:
    """Write only the changed columns (a concurrent phase's flags stay as they are);
    NotFound when the application was deleted meanwhile."""
    changes = {**changes, "updated_at": timezone.now()}
    if not Application.objects.filter(pk=application.pk).update(**changes):
        raise NotFound("Application not found.")
    for field, value in changes.items():
        setattr(application, field, value)


@transaction.atomic
def application_update(
    *, user: User, application: Application | None = None, application_id=None, **fields
) -> Application:
    """Partial update of the editable fields; `stage` goes through the stage rules
    (an `applied_at` sent with it is kept: the move to `applied` only fills an empty one).

    The generated `name` never changes, and read-only fields are not accepted here.
    """
    application = application_of(
        user=user, application=application, application_id=application_id, for_update=True
    )
    changes = application_fields_clean(fields, creating=False, current=application)
    if "resume_id" in fields:
        changes["resume"] = _resume_for(user=user, resume_id=fields["resume_id"])
    if "follow_up_at" in changes and changes["follow_up_at"] != application.follow_up_at:
        changes["follow_up_reminded_at"] = None  # a new date is reminded anew
    posting_before, resume_before = application.job_description, application.resume_id
    _application_write(application, changes)
    if application.job_description != posting_before:
        posting_changed.send(sender=Application, application=application)
    if application.resume_id != resume_before:
        resume_chosen.send(sender=Application, application=application)
    if "stage" in fields:
        _stage_change(user=user, application=application, stage=fields["stage"])
    return application


def application_stage_columns(*, stage: str, now) -> dict:
    """The columns a move to `stage` writes: the stage, and `applied_at` set once by `applied`."""
    changes = {"stage": stage, "updated_at": now}
    if stage == Application.Stage.APPLIED:
        changes["applied_at"] = Coalesce(F("applied_at"), Value(now))  # set once, never moved
    return changes


def _stage_change(*, user: User, application: Application, stage: str) -> None:
    if message := choice_error(stage, Application.Stage):
        raise ValidationFailed("Invalid input data", details={"stage": [message]})
    previous = application.stage
    if previous == stage:
        return
    now = timezone.now()
    # Guarded on the stage this move starts from, so the timeline records the real one:
    # if another request moved the application meanwhile, lock it, re-read and try again.
    moved = Application.objects.filter(pk=application.pk, stage=previous).update(
        **application_stage_columns(stage=stage, now=now)
    )
    if not moved:
        fresh = application_get_for_user(user=user, application_id=application.pk, for_update=True)
        application.stage, application.applied_at = fresh.stage, fresh.applied_at
        _stage_change(user=user, application=application, stage=stage)
        return
    application.stage, application.updated_at = stage, now
    if stage == Application.Stage.APPLIED and application.applied_at is None:
        application.applied_at = now
    StageEvent.objects.create(application=application, from_stage=previous, to_stage=stage)


@transaction.atomic
def application_stage_change(
    *, user: User, application: Application | None = None, application_id=None, stage: str
) -> Application:
    """Move to a hiring stage, recording it on the timeline; `applied` sets `applied_at` once.

    Moving to the current stage is a no-op (no timeline entry).
    """
    application = application_of(
        user=user, application=application, application_id=application_id, for_update=True
    )
    _stage_change(user=user, application=application, stage=stage)
    return application


def application_timeline(*, application: Application) -> list[StageEvent]:
    """The application's stage changes, oldest first."""
    return list(application.stage_events.order_by("created_at", "id"))


@transaction.atomic
def application_delete(*, user: User, application_id) -> None:
    """Delete the application; its timeline, documents, versions and runs cascade with it."""
    application = application_get_for_user(user=user, application_id=application_id, for_update=True)
    application.delete()


def application_resume(*, application: Application) -> Resume | None:
    """The resume to tailor: the chosen one, else the user's primary."""
    if application.resume_id:
        return application.resume
    return Resume.objects.filter(user_id=application.user_id, is_primary=True).first()


def application_has_resume(*, application: Application) -> bool:
    """Whether `application_resume` has a resume to give, without reading it."""
    if application.resume_id:  # the chosen one (a deleted resume clears the link)
        return True
    return Resume.objects.filter(user_id=application.user_id, is_primary=True).exists()


# Pasted text longer than this is refused rather than read (a posting is at most the
# description's maximum; the rest is room for the page around it).
IMPORT_TEXT_MAX = 100_000


def application_import_draft(*, user: User, url: str | None = None, text: str | None = None) -> dict:
    """A draft application read from a posting's link or its pasted text; saves nothing.

    Exactly one of `url` and `text`. Imports are rate-limited per user
    (`JOBFORGE_THROTTLE_IMPORT`). A link is fetched under the rules of
    `applications.capture.fetch`; a refused or failed fetch is a `ValidationFailed` on
    `url` saying why. The draft holds what could be read (`None` elsewhere) and
    `warnings` say what the user must still fill in or fix before saving: nothing is
    cut silently (a description over the limit is returned whole, with a warning).
    """
    url = url.strip() if isinstance(url, str) else url
    text = text.strip() if isinstance(text, str) else text
    if bool(url) == bool(text):
        message = "Give either a link to the posting or its pasted text (one of the two)."
        raise ValidationFailed("Invalid input data", details={"url": [message], "text": [message]})
    if url:
        url, message = Application.TEXT_RULES["job_url"].clean(url)
        if message:
            raise ValidationFailed("Invalid input data", details={"url": [message]})
    elif len(text) > IMPORT_TEXT_MAX:
        raise ValidationFailed(
            "Invalid input data",
            details={"text": [f"Ensure this field has no more than {IMPORT_TEXT_MAX} characters."]},
        )
    ratelimit_consume(scope="application-import", ident=str(user.pk), rate=settings.JOBFORGE_THROTTLE_IMPORT)
    if text:
        return _draft(extract_from_text(text), job_url="")
    try:
        page = fetch_page(
            url,
            private_hosts=settings.JOBFORGE_IMPORT_PRIVATE_HOSTS,
            timeout=settings.JOBFORGE_IMPORT_TIMEOUT,
        )
    except FetchRefused as refused:
        raise ValidationFailed(str(refused), details={"url": [str(refused)]}) from None
    readers = {"html": extract_from_html, "json": extract_from_json, "text": extract_from_text}
    return _draft(readers[page.kind](page.text), job_url=page.url)


def _draft(posting: Posting, *, job_url: str) -> dict:
    rules = Application.TEXT_RULES
    warnings = []

    def bounded(value: str | None, field: str, label: str) -> str:
        value = (value or "").strip()
        if len(value) > rules[field].maximum:
            warnings.append(f"The {label} read is longer than {rules[field].maximum} characters: shorten it.")
        return value

    draft = {
        "company_name": bounded(posting.company, "company_name", "company name"),
        "role_title": bounded(posting.title, "role_title", "role title"),
        "location": bounded(posting.location, "location", "location"),
        "job_url": job_url if len(job_url) <= rules["job_url"].maximum else "",
        "job_description": posting.description,
        "work_mode": posting.work_mode,
        "employment_type": posting.employment_type,
        "salary_min": posting.salary_min,
        "salary_max": posting.salary_max,
        "salary_currency": posting.salary_currency,
        "salary_period": posting.salary_period,
        "posted_at": posting.posted_at,
        "deadline": posting.deadline,
        "source": source_of(job_url) or "",
    }
    if not draft["company_name"]:
        warnings.append("No company name was found: fill it in.")
    if not draft["role_title"]:
        warnings.append("No role title was found: fill it in.")
    description = rules["job_description"]
    if len(draft["job_description"]) < description.minimum:
        warnings.append(
            f"The posting's text has fewer than {description.minimum} characters: paste the whole posting."
        )
    elif len(draft["job_description"]) > description.maximum:
        warnings.append(
            f"The posting's text has {len(draft['job_description']):,} characters, more than the"
            f" {description.maximum:,} an application holds: shorten it before saving."
        )
    return {"draft": draft, "warnings": warnings}
