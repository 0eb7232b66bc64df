"""Bringing a spreadsheet of applications in (SPEC §12).

The columns are read by name: our own export's, or what common trackers call them
(`columns.json`); statuses are mapped to our stages (`stages.json`). Every row ends up
created, skipped (already present: the same id, the same job link, or the same company,
role and applied date; or a repeat of an earlier row of the file) or rejected with its
reason, so re-importing a file, or our own export, creates nothing new. A dry run
answers the same without writing.

Dates: ISO (`2024-03-05`, with or without a time), month names (`Mar 5, 2024`), and
numeric dates with `/`, `-` or `.` between day, month and year. Numeric dates follow
one rule for the whole file: a date whose first number is over 12 (`25/03/2024`) shows
the file writes the day first, one whose second number is over 12 (`03/25/2024`) that
it writes the month first; with no such date, `.` means day first and anything else
month first (US), and the answer says so in a warning. A file that shows both orders
has its ambiguous dates rejected.
"""

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from applications.capture.extract import pay_of
from applications.models import Application, StageEvent
from applications.services import (
    application_base_name,
    application_fields_clean,
    application_first_free_name,
)
from jobforge.accounts.models import User
from jobforge.errors import DomainError, ValidationFailed
from jobforge.ratelimit import ratelimit_consume

# Limits: a file over them is refused whole with a 400 saying which.
CSV_MAX_BYTES = 5 * 1024 * 1024
CSV_MAX_ROWS = 10_000
CSV_MAX_COLUMNS = 200
# Rows written per INSERT.
BATCH_SIZE = 500
# Creates that lose a name to a concurrent create, then give up.
_NAME_RACES = 3

_DATA = Path(__file__).resolve().parent
_DATE_FIELDS = ("applied_at", "posted_at", "deadline", "follow_up_at")
_DATETIME_FIELDS = ("applied_at", "follow_up_at")
# Cells our export neutralised with a leading apostrophe (CSV injection) read back as written.
_NEUTRALISED = re.compile(r"^'(?=[=+\-@\t\r])")
_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:$|[T ])")
_NUMERIC = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})$")
_NAMED_FORMATS = ("%b %d %Y", "%B %d %Y", "%d %b %Y", "%d %B %Y", "%b %Y", "%B %Y")
_TRUE = {"true", "yes", "y", "1", "x"}
_FALSE = {"false", "no", "n", "0", ""}


def _key(text: str) -> str:
    """A column name or a status as compared: lower case, punctuation and spaces as one space."""
    return re.sub(r"[^0-9a-z]+", " ", text.casefold()).strip()


@cache
def _column_aliases() -> dict[str, list[str]]:
    data = json.loads((_DATA / "columns.json").read_text(encoding="utf-8"))
    return {
        name: [_key(alias) for alias in aliases] for name, aliases in data.items() if not name.startswith("_")
    }


@cache
def _stage_words() -> dict[str, str]:
    data = json.loads((_DATA / "stages.json").read_text(encoding="utf-8"))
    words = {_key(label): value for value, label in Application.Stage.choices}
    for stage, phrases in data.items():
        if not stage.startswith("_"):
            words.update({_key(phrase): stage for phrase in phrases})
    return words


@cache
def _choice_words(choices) -> dict[str, str]:
    return {
        **{_key(label): value for value, label in choices.choices},
        **{_key(value): value for value in choices.values},
    }


_CHOICE_FIELDS = {
    "priority_level": Application.Priority,
    **Application.OPTIONAL_CHOICES,
}


@dataclass
class ImportResult:
    dry_run: bool
    created: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)
    ignored_columns: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "dry_run": self.dry_run,
            "counts": {
                "created": len(self.created),
                "skipped": len(self.skipped),
                "rejected": len(self.rejected),
            },
            "created": self.created,
            "skipped": self.skipped,
            "rejected": self.rejected,
            "warnings": self.warnings,
            "columns": self.columns,
            "ignored_columns": self.ignored_columns,
        }


class _RowRejected(Exception):
    pass


# --- Reading the file ----------------------------------------------------------------------


def _decode(content: bytes) -> str:
    """UTF-8 (with or without a BOM), UTF-16 with a BOM (spreadsheets' "Unicode text"),
    else Windows-1252, the encoding of older Excel exports."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise ValidationFailed(
        "The file is not a CSV text file (UTF-8 or Windows-1252).",
        details={"file": ["The file is not a CSV text file (UTF-8 or Windows-1252)."]},
    )


def _file_error(message: str) -> ValidationFailed:
    return ValidationFailed(message, details={"file": [message]})


def _records(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the data records with their row numbers as a spreadsheet shows them
    (the header is row 1); blank records are left out."""
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows = []
    try:
        for number, record in enumerate(reader, start=1):
            if not any(cell.strip() for cell in record):
                continue
            if header is None:
                header = record
                if len(header) > CSV_MAX_COLUMNS:
                    raise _file_error(f"The file has more than {CSV_MAX_COLUMNS} columns.")
                continue
            if len(rows) >= CSV_MAX_ROWS:
                raise _file_error(
                    f"The file has more than {CSV_MAX_ROWS:,} rows: split it into smaller files."
                )
            rows.append((number, record))
    except csv.Error as exc:
        raise _file_error(f"The file could not be read as CSV near line {reader.line_num}: {exc}.") from None
    if header is None:
        raise _file_error("The file is empty.")
    return header, rows


def _columns(header: list[str], result: ImportResult) -> dict[str, int]:
    """Which column each field is read from: the column whose name comes first in the
    field's list of names (so our export's `stage` wins over its `status`)."""
    aliases = _column_aliases()
    best: dict[str, tuple[int, int]] = {}  # field -> (rank of the alias, column index)
    for index, name in enumerate(header):
        key = _key(name)
        for field_name, names in aliases.items():
            if key in names:
                rank = names.index(key)
                if field_name not in best or rank < best[field_name][0]:
                    best[field_name] = (rank, index)
    chosen = {field_name: index for field_name, (_, index) in best.items()}
    used = set(chosen.values())
    result.columns = {header[index].strip(): field_name for field_name, index in chosen.items()}
    result.ignored_columns = [
        name.strip() for index, name in enumerate(header) if index not in used and name.strip()
    ]
    if "company_name" not in chosen or "role_title" not in chosen:
        missing = [
            label
            for name, label in (("company_name", "Company"), ("role_title", "Job Title (or Title, Position)"))
            if name not in chosen
        ]
        raise _file_error(f"The file has no {' and no '.join(missing)} column in its first row.")
    return chosen


# --- Dates ---------------------------------------------------------------------------------


@dataclass
class _DateOrder:
    day_first: bool
    conflicting: bool = False


def _date_order(cells: list[str], result: ImportResult) -> _DateOrder:
    """The file's order of day and month in numeric dates (see the module's docstring)."""
    day_first = month_first = ambiguous = dots = False
    for cell in cells:
        match = _NUMERIC.match(cell)
        if not match:
            continue
        first, second = int(match[1]), int(match[3])
        dots = dots or match[2] == "."
        if first > 12 >= second:
            day_first = True
        elif second > 12 >= first:
            month_first = True
        elif first <= 12 and second <= 12 and first != second:
            ambiguous = True
    if day_first and month_first:
        if ambiguous:
            result.warnings.append(
                "The file writes dates both day first and month first: dates such as 03/04/2024 "
                "could be either and are rejected on their rows."
            )
        return _DateOrder(day_first=True, conflicting=True)
    if day_first or month_first:
        return _DateOrder(day_first=day_first)
    if ambiguous:
        order = "day/month/year" if dots else "month/day/year (US)"
        result.warnings.append(
            f"No date in the file shows whether it writes the day or the month first: dates "
            f"such as 03/04/2024 were read as {order}."
        )
    return _DateOrder(day_first=dots)


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _date_of(cell: str, order: _DateOrder, label: str) -> dt.date | dt.datetime | None:
    """A date (or, for ISO text with a time, a datetime) from a cell; None when empty."""
    text = cell.strip()
    if not text:
        return None
    problem = f"{label} “{text}” is not a date (use YYYY-MM-DD, MM/DD/YYYY or DD/MM/YYYY)."
    try:
        if _ISO.match(text):
            if len(text) > 10:
                moment = dt.datetime.fromisoformat(text.replace(" ", "T", 1))
                return moment if timezone.is_aware(moment) else moment.replace(tzinfo=dt.UTC)
            year, month, day = (int(part) for part in _ISO.match(text).groups())
            return dt.date(year, month, day)
        if match := _NUMERIC.match(text):
            first, second, year = int(match[1]), int(match[3]), _year(match[4])
            if order.conflicting and first <= 12 and second <= 12 and first != second:
                raise _RowRejected(
                    f"{label} “{text}” could be day or month first: the file writes dates both ways."
                )
            day_first = first > 12 or (order.day_first and second <= 12)
            day, month = (first, second) if day_first else (second, first)
            return dt.date(year, month, day)
        words = re.sub(r"[,\s]+", " ", text.replace(".", "")).strip()
        words = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", words)
        for pattern in _NAMED_FORMATS:
            try:
                return dt.datetime.strptime(words, pattern).date()  # noqa: DTZ007 (a date, no time)
            except ValueError:
                continue
    except ValueError:
        pass
    raise _RowRejected(problem)


def _moment(value: dt.date | dt.datetime | None) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time(), tzinfo=dt.UTC)


# --- One row -------------------------------------------------------------------------------


def _cell(record: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    if index is None or index >= len(record):
        return ""
    return _NEUTRALISED.sub("", record[index].strip())


def _amount(text: str, label: str) -> int | None:
    digits = re.sub(r"[,\s]", "", text)
    if not digits:
        return None
    if not re.fullmatch(r"\d+(?:\.\d+)?", digits):
        raise _RowRejected(f"{label} “{text}” is not an amount.")
    return round(float(digits))


def _salary(text: str) -> dict | None:
    """Pay read from a free-form cell ("$120k-150k", "90000", "€45/hour"), else None."""
    low, high, currency, period = pay_of(text)
    if low is None:
        numbers = [
            round(float(n.replace(",", "")) * (1000 if k else 1))
            for n, k in re.findall(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*([kK])?", text)
        ]
        if not numbers or len(numbers) > 2 or re.search(r"[A-Za-z]{2,}", re.sub(r"\b[kK]\b", "", text)):
            return None
        low, high = min(numbers), max(numbers)
    return {
        "salary_min": low,
        "salary_max": high,
        "salary_currency": currency or "",
        "salary_period": period or "",
    }


def _row_fields(record: list[str], columns: dict[str, int], order: _DateOrder) -> dict:
    """The application a record describes, cleaned by the same rules as a single create
    (`application_fields_clean`); `_RowRejected` says what is wrong."""
    cell = lambda name: _cell(record, columns, name)  # noqa: E731
    company, role = cell("company_name"), cell("role_title")
    if not company:
        raise _RowRejected("No company name.")
    if not role:
        raise _RowRejected("No job title.")
    fields: dict = {"company_name": company, "role_title": role}
    for name in ("location", "notes", "source", "additional_context", "job_url"):
        if value := cell(name):
            fields[name] = value
    url = fields.get("job_url", "")
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.\-]*://", url) and re.match(r"^[\w\-]+(\.[\w\-]+)+(/|$)", url):
        fields["job_url"] = f"https://{url}"  # "www.example.com/jobs/1", as spreadsheets keep links
    for name, choices in _CHOICE_FIELDS.items():
        if value := cell(name):
            chosen = _choice_words(choices).get(_key(value))
            if chosen is None:
                label = name.replace("_", " ").replace(" level", "").capitalize()
                allowed = ", ".join(label for _, label in choices.choices)
                raise _RowRejected(f"{label} “{value}” is not one of: {allowed}.")
            fields[name] = chosen
    for name in ("salary_min", "salary_max"):
        if value := cell(name):
            fields[name] = _amount(value, name.replace("_", " ").capitalize())
    if value := cell("salary_currency"):
        fields["salary_currency"] = value
    if (value := cell("salary")) and "salary_min" not in fields and "salary_max" not in fields:
        pay = _salary(value)
        if pay is None:  # kept where the user can read it rather than lost
            fields["notes"] = "\n\n".join(filter(None, [fields.get("notes"), f"Salary: {value}"]))
        else:
            fields.update({key: pay_value for key, pay_value in pay.items() if pay_value not in ("", None)})
    labels = {"applied_at": "Date applied", "posted_at": "Date posted", "deadline": "Deadline"}
    dates = {name: _date_of(cell(name), order, labels.get(name, "Follow-up date")) for name in _DATE_FIELDS}
    for name in ("posted_at", "deadline"):
        if dates[name] is not None:
            value = dates[name]
            fields[name] = value.date() if isinstance(value, dt.datetime) else value
    try:
        data = application_fields_clean(fields, creating=False)
    except DomainError as exc:
        problems = [
            f"{name.replace('_', ' ')}: {' '.join(map(str, messages))}"
            for name, messages in exc.details.items()
        ]
        raise _RowRejected(" ".join(problems) or exc.message) from None
    description = cell("job_description")
    if len(description) > Application.TEXT_RULES["job_description"].maximum:
        raise _RowRejected(
            f"Job description is longer than {Application.TEXT_RULES['job_description'].maximum:,} characters."
        )
    # An imported row may come without the posting: the user pastes it before the AI phases.
    data["job_description"] = description
    data["applied_at"] = _moment(dates["applied_at"])
    data["follow_up_at"] = _moment(dates["follow_up_at"])
    status = cell("stage")
    if status:
        stage = _stage_words().get(_key(status))
        if stage is None:
            allowed = ", ".join(label for _, label in Application.Stage.choices)
            raise _RowRejected(f"Stage “{status}” is not known: use one of {allowed}.")
    else:
        stage = Application.Stage.APPLIED if data["applied_at"] else Application.Stage.SAVED
    data["stage"] = stage
    archived = _key(cell("archived"))
    if archived not in _TRUE | _FALSE:
        raise _RowRejected(f"Archived “{cell('archived')}” is not yes or no.")
    data["archived"] = archived in _TRUE
    return data


# --- Duplicates ----------------------------------------------------------------------------


def _url_key(url: str) -> str:
    return url.strip().rstrip("/").casefold()


def _same_key(company: str, role: str, applied_at: dt.datetime | None) -> tuple:
    applied = applied_at.astimezone(dt.UTC).date() if applied_at else None
    return (" ".join(company.casefold().split()), " ".join(role.casefold().split()), applied)


@dataclass
class _Seen:
    """What is already there: the user's applications, then the rows taken so far."""

    ids: set = field(default_factory=set)
    urls: dict = field(default_factory=dict)  # key -> where it was seen (None: in the account)
    same: dict = field(default_factory=dict)

    def duplicate_of(self, row_id: str, data: dict) -> str | None:
        if row_id and row_id.casefold() in self.ids:
            return "Already in your applications (same id)."
        for seen, key, what in (
            (self.urls, _url_key(data["job_url"]) if data.get("job_url") else None, "job link"),
            (self.same, _same_key(data["company_name"], data["role_title"], data["applied_at"]), None),
        ):
            if key is None or key not in seen:
                continue
            where = seen[key]
            what = what or "company, role and applied date"
            if where is None:
                return f"Already in your applications (same {what})."
            return f"Same {what} as row {where} of this file."
        return None

    def add(self, data: dict, where: int | None) -> None:
        if data.get("job_url"):
            self.urls.setdefault(_url_key(data["job_url"]), where)
        self.same.setdefault(_same_key(data["company_name"], data["role_title"], data["applied_at"]), where)


def _seen_in_account(user: User) -> _Seen:
    seen = _Seen()
    for pk, job_url, company, role, applied_at in Application.objects.filter(user=user).values_list(
        "pk", "job_url", "company_name", "role_title", "applied_at"
    ):
        seen.ids.add(str(pk))
        seen.add(
            {"job_url": job_url, "company_name": company, "role_title": role, "applied_at": applied_at}, None
        )
    return seen


# --- Writing -------------------------------------------------------------------------------


_SUFFIXED = re.compile(r"^(.*_\d{4}_\d{2}_\d{2})(?:_[1-9][0-9]*)?$")


def _create(user: User, taken: list[tuple[int, dict]]) -> list[Application]:
    """Insert the rows taken, each with a free generated name, and their first timeline entry."""
    now = timezone.now()
    names_by_base: dict[str, list[str]] = {}
    # Generated names end with the creation date: today's are the only ones a new name can meet.
    for name in Application.objects.filter(user=user, name__contains=now.strftime("%Y_%m_%d")).values_list(
        "name", flat=True
    ):
        if match := _SUFFIXED.match(name):
            names_by_base.setdefault(match[1], []).append(name)
    applications = []
    for _, data in taken:
        base = application_base_name(
            company_name=data["company_name"], role_title=data["role_title"], created_at=now
        )
        names = names_by_base.setdefault(base, [])
        name = application_first_free_name(base=base, taken=names) if names else base
        names.append(name)
        applications.append(Application(user=user, name=name, **data))
    Application.objects.bulk_create(applications, batch_size=BATCH_SIZE)
    StageEvent.objects.bulk_create(
        (
            StageEvent(application=application, from_stage="", to_stage=application.stage)
            for application in applications
        ),
        batch_size=BATCH_SIZE,
    )
    return applications


def _summary(row: int, data: dict) -> dict:
    return {
        "row": row,
        "company_name": data["company_name"],
        "role_title": data["role_title"],
        "stage": data["stage"],
        "applied_at": data["applied_at"].date().isoformat() if data["applied_at"] else None,
    }


def applications_import_csv(*, user: User, content: bytes, dry_run: bool = False) -> dict:
    """Import applications from a CSV file's bytes; with `dry_run`, only say what would happen.

    A file over the limits, not text, or without a company and a job title column is a
    `ValidationFailed` and nothing is written. Otherwise every data row is listed as
    created, skipped (with what it duplicates) or rejected (with why), by its row number
    as a spreadsheet shows it (the header is row 1). The rows are written in one
    transaction (all of them or, on an error, none), with one query per 500 rows.
    Imports count against the user's upload rate (`JOBFORGE_THROTTLE_UPLOAD`)."""
    if len(content) > CSV_MAX_BYTES:
        raise _file_error(
            f"The file is larger than {CSV_MAX_BYTES // (1024 * 1024)} MB: split it into smaller files."
        )
    ratelimit_consume(scope="csv-import", ident=str(user.pk), rate=settings.JOBFORGE_THROTTLE_UPLOAD)
    header, records = _records(_decode(content))
    for _ in range(_NAME_RACES):
        try:
            with transaction.atomic():
                return _import(user, header, records, dry_run=dry_run)
        except IntegrityError:
            continue  # a concurrent create took one of the names: read again
    raise ValidationFailed(
        "Could not import the file while other applications were being created; try again."
    )


def _import(user: User, header: list[str], records: list, *, dry_run: bool) -> dict:
    result = ImportResult(dry_run=dry_run)
    columns = _columns(header, result)
    date_cells = [
        record[columns[name]].strip()
        for _, record in records
        for name in _DATE_FIELDS
        if name in columns and columns[name] < len(record)
    ]
    order = _date_order(date_cells, result)
    if not dry_run:
        # One import at a time per user, so two uploads of a file cannot both create it. A
        # "no key" lock: single creates (whose foreign key takes a key-share lock on the
        # user) go on meanwhile instead of deadlocking with the import on a name.
        User.objects.select_for_update(no_key=True).filter(pk=user.pk).values_list("pk").first()
    taken = _sort_rows(user, records, columns, order, result)
    if not dry_run:
        for entry, application in zip(result.created, _create(user, taken), strict=True):
            entry["id"] = str(application.pk)
    return result.as_dict()


def _sort_rows(user, records, columns, order, result: ImportResult) -> list[tuple[int, dict]]:
    """Each record to created, skipped or rejected; the rows to create."""
    seen = _seen_in_account(user)
    taken = []
    for number, record in records:
        try:
            data = _row_fields(record, columns, order)
        except _RowRejected as exc:
            result.rejected.append(
                {
                    "row": number,
                    "company_name": _cell(record, columns, "company_name"),
                    "role_title": _cell(record, columns, "role_title"),
                    "reason": str(exc),
                }
            )
            continue
        duplicate = seen.duplicate_of(_cell(record, columns, "id"), data)
        if duplicate:
            result.skipped.append({**_summary(number, data), "reason": duplicate})
            continue
        seen.add(data, number)
        taken.append((number, data))
        result.created.append(_summary(number, data))
    return taken
