"""One action on many applications at once (SPEC §12): all or nothing."""

import uuid

from django.db import transaction
from django.utils import timezone

from applications.models import Application, StageEvent
from applications.services import application_stage_columns
from jobforge.accounts.models import User
from jobforge.errors import NotFound, ValidationFailed
from jobforge.validation import choice_error


class BulkAction:
    SET_STAGE = "set_stage"
    ARCHIVE = "archive"
    UNARCHIVE = "unarchive"
    DELETE = "delete"

    ALL = (SET_STAGE, ARCHIVE, UNARCHIVE, DELETE)


# One request moves at most this many applications (a page of the board is far fewer).
BULK_MAX = 1000


def _clean_ids(ids) -> list[uuid.UUID]:
    if not isinstance(ids, list | tuple) or not ids:
        raise ValidationFailed(
            "Invalid input data", details={"ids": ["Give a non-empty list of application ids."]}
        )
    if len(ids) > BULK_MAX:
        raise ValidationFailed(
            "Invalid input data", details={"ids": [f"Give at most {BULK_MAX} ids at a time."]}
        )
    cleaned = []
    for value in ids:
        try:
            cleaned.append(value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)))
        except (ValueError, AttributeError, TypeError):
            raise ValidationFailed(
                "Invalid input data", details={"ids": [f"“{value}” is not a valid id."]}
            ) from None
    return list(dict.fromkeys(cleaned))


def application_bulk_clean(*, ids, action, stage=None) -> tuple[list[uuid.UUID], str, str | None]:
    """The checked input of `application_bulk`: distinct ids, the action, the stage it needs."""
    if action not in BulkAction.ALL:
        raise ValidationFailed(
            "Invalid input data", details={"action": [f"Must be one of: {', '.join(BulkAction.ALL)}."]}
        )
    if action == BulkAction.SET_STAGE:
        message = (
            "Choose the stage to move to." if stage in (None, "") else choice_error(stage, Application.Stage)
        )
        if message:
            raise ValidationFailed("Invalid input data", details={"stage": [message]})
    else:
        stage = None
    return _clean_ids(ids), action, stage


@transaction.atomic
def application_bulk(*, user: User, ids, action: str, stage: str | None = None) -> int:
    """Apply one action to many of the user's applications, in one transaction.

    All or nothing: an id that is not one of the user's applications (missing, or another
    user's) is a `NotFound` and nothing changes. `set_stage` follows the single move's
    rules: each application that changes stage gets its timeline entry, and `applied`
    sets `applied_at` once. Returns how many applications the action covered (those
    already in the stage or state included)."""
    ids, action, stage = application_bulk_clean(ids=ids, action=action, stage=stage)
    rows = dict(
        Application.objects.select_for_update()
        .filter(user=user, pk__in=ids)
        .order_by("pk")  # one lock order for every request: no deadlock between two bulks
        .values_list("pk", "stage")
    )
    if len(rows) != len(ids):
        raise NotFound("Application not found.")
    selected = Application.objects.filter(pk__in=ids)
    now = timezone.now()
    if action == BulkAction.SET_STAGE:
        moving = [pk for pk, current in rows.items() if current != stage]
        if moving:
            Application.objects.filter(pk__in=moving).update(
                **application_stage_columns(stage=stage, now=now)
            )
            StageEvent.objects.bulk_create(
                StageEvent(application_id=pk, from_stage=rows[pk], to_stage=stage) for pk in moving
            )
    elif action in (BulkAction.ARCHIVE, BulkAction.UNARCHIVE):
        selected.update(archived=action == BulkAction.ARCHIVE, updated_at=now)
    else:
        selected.delete()
    return len(ids)
