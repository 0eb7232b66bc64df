"""Dates and date ranges as resumes write them: "June 2011 to Current", "04/2006 - 09/2016",
"2018 – 2022", "Summer 2022", "2013-12-01 – 2014-12-01", "1/2004-7/2007".

Dates become "YYYY-MM" (or "YYYY" when only the year is given); a current role ends in
"present". Every pattern here is linear: alternations of fixed words and bounded digit
runs, no nested quantifiers, so a hostile line cannot make matching slow.
"""

import re
from dataclasses import dataclass

PRESENT = "present"

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
_YEAR = r"(?:19|20)\d{2}"
# One date: "June 2011", "Jun. 2011", "06/2011", "6/2011", "2011-06(-01)", "Summer 2022", "2011".
_DATE = (
    rf"(?:(?:{_MONTH}|{_SEASON})[ ]?,?[ ]?{_YEAR}"
    rf"|(?:0?[1-9]|1[0-2])/{_YEAR}"
    rf"|{_YEAR}-(?:0[1-9]|1[0-2])(?:-[0-3]\d)?"
    rf"|{_YEAR})"
)
_PRESENT = r"(?:present|current(?:ly)?|now|today|ongoing|date)"
_SEPARATOR = r"[ ]?(?:-|–|—|to|until|through|till)[ ]?"

DATE_RE = re.compile(rf"(?<![\w/])({_DATE})(?![\w/])", re.IGNORECASE)
RANGE_RE = re.compile(
    rf"(?<![\w/])(?P<start>{_DATE}){_SEPARATOR}(?P<end>{_DATE}|{_PRESENT})(?![\w/])", re.IGNORECASE
)
# "June 2022 – Engineer…" whose end date a two-column PDF put on the next line.
START_DASH_RE = re.compile(rf"^(?P<start>{_DATE})[ ]?(?:-|–|—)[ ]", re.IGNORECASE)
LEADING_END_RE = re.compile(rf"^(?P<end>{_DATE}|{_PRESENT})(?![\w/])", re.IGNORECASE)
PRESENT_RE = re.compile(rf"^{_PRESENT}$", re.IGNORECASE)
_SPACES = re.compile(r"[ \t]+")


@dataclass(frozen=True)
class DateSpan:
    start: str
    end: str
    begin: int  # where the matched text starts and ends in the line
    stop: int


def date_normalise(text: str) -> str:
    """'June 2011' → '2011-06', '04/2006' → '2006-04', '2011' → '2011', 'Current' → 'present'."""
    value = text.strip().lower().rstrip(".")
    if PRESENT_RE.match(value):
        return PRESENT
    if "/" in value:
        month, _, year = value.partition("/")
        return f"{year}-{int(month):02d}"
    if value[:4].isdigit():
        return value[:7] if len(value) >= 7 else value[:4]
    word = re.match(r"[a-z]+", value)
    year = re.search(_YEAR, value)
    if word is None or year is None:
        return value
    month = _MONTHS.get(word.group(0)[:3]) or _SEASONS.get(word.group(0))
    return f"{year.group(0)}-{month:02d}" if month else year.group(0)


def tidy(line: str) -> str:
    """Runs of spaces made one: the positions in a `DateSpan` are in this text."""
    return _SPACES.sub(" ", line)


def date_range_find(line: str) -> DateSpan | None:
    """The first date range in the line, else a lone date (start only)."""
    line = tidy(line)
    match = RANGE_RE.search(line)
    if match:
        start, end = date_normalise(match.group("start")), date_normalise(match.group("end"))
        # "Jun 2007 – Jun 2007" is one month: stored as its start, as "Jun 2007" alone would be.
        return DateSpan(start, "" if end == start else end, match.start(), match.end())
    match = DATE_RE.search(line)
    if match:
        return DateSpan(date_normalise(match.group(1)), "", match.start(), match.end())
    return None


def is_date_only(line: str) -> bool:
    """True when the line holds nothing but a date, a range, or a range word ("to")."""
    rest = RANGE_RE.sub("", tidy(line))
    rest = DATE_RE.sub("", rest)
    rest = re.sub(rf"(?i){_PRESENT}|{_SEPARATOR}|[,()|·•]", "", rest)
    return not rest.strip()


def years_between(start: str, end: str, *, today_year: int) -> int | None:
    """Whole years a span covers ("2014" to "present" in 2026 → 12); None without a start year."""
    if not start[:4].isdigit():
        return None
    last = today_year if end == PRESENT or not end else int(end[:4]) if end[:4].isdigit() else None
    if last is None:
        return None
    return max(0, last - int(start[:4]))
