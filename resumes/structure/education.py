"""The education section, read line by line into JSON Resume `education` entries.

Real sections come in many shapes: "Degree : Field Institution - City, State Field" on
one line (the field repeated at the end), a date alone on the line above its degree, the
school on the line below its degree, "Bachelor of Science in Nursing, Valparaiso
University, 2012". A line that names neither a degree nor a school is not an entry.
"""

import re

from . import dates, vocabulary
from .lines import CITY_STATE_RE

_GPA_RE = re.compile(r"(?i)\bGPA:?(?: ?GPA:)? ?[\d.]+(?: ?/ ?[\d.]+)?")
_EXPECTED_RE = re.compile(r"(?i)\b(?:expected|graduated|graduation|anticipated|completed)\b(?: in| on)?:?")
_PIECE_SEPARATOR = re.compile(r"\s*(?:\||,|\s-\s|\s–\s|\s—\s)\s*")
# "BA :", "B.S :", "HS :": a short capitalised abbreviation before a colon names a degree.
_ABBREVIATED_DEGREE = re.compile(r"^(?!GPA)[A-Z](?:\.?[A-Z]){0,2}\.?:?$")
# Lines of an education section about clubs, honours and courses, not schools.
_NOT_A_SCHOOL = re.compile(
    r"(?i)^(?:member|elected|president|captain|coursework|courses?|thesis|recipient|dean'?s|awarded)\b"
)
# Words a school's name runs on with after its school word ("University of Phoenix").
_NAME_JOINERS = frozenset({"of", "at", "the", "and", "&", "for", "in"})
# How many words before "University" may belong to the name ("St. Cloud State University").
_NAME_WORDS_BEFORE = 3


def _bare(word: str) -> str:
    return word.lower().strip(".,;:()")


def _is_degree_at(words: list[str], index: int) -> bool:
    word = words[index]
    bare = _bare(word)
    degree_words = vocabulary.degree_words()
    if {bare, f"{bare}.", bare.replace(".", ""), word.lower().rstrip(",;:")} & degree_words:
        return True
    following = words[index + 1] if index + 1 < len(words) else ""
    if _ABBREVIATED_DEGREE.match(word) and (word.endswith(":") or following == ":"):
        return True
    return bool(following) and f"{bare} {_bare(following)}" in degree_words


def _school_word_index(words: list[str]) -> int | None:
    """The first school word that is not the end of a degree ("High School Diploma")."""
    schools, degree_words = vocabulary.institution_words(), vocabulary.degree_words()
    for i, word in enumerate(words):
        if _bare(word) not in schools:
            continue
        ends_degree = i and f"{_bare(words[i - 1])} {_bare(word)}" in degree_words
        if ends_degree and any(_bare(later) in schools for later in words[i + 1 :]):
            continue
        return i
    return None


def _school_start(words: list[str], index: int, floor: int) -> int:
    """Walk back from the school word over the capitalised words of its name."""
    start = index
    while start > floor and index - start < _NAME_WORDS_BEFORE:
        word = words[start - 1]
        if not word[:1].isupper() or word.endswith(":") or _bare(word) in vocabulary.field_words():
            break
        # "High School" is a degree's words and a school's name at once.
        names_school = (
            start - 1 == index - 1 and f"{_bare(word)} {_bare(words[index])}" in vocabulary.degree_words()
        )
        if _is_degree_at(words, start - 1) and not names_school:
            break
        start -= 1
    return start


def _drop_repeat(words: list[str], repeated: list[str]) -> list[str]:
    """'... University Journalism' with the field 'Journalism' repeated at its end: cut it."""
    size = len(repeated)
    if size and len(words) > size and [_bare(w) for w in words[-size:]] == [_bare(w) for w in repeated]:
        return words[:-size]
    return words


def _degree_parts(text: str) -> tuple[str, str]:
    """'Bachelor of Science : Nursing' or '... in Nursing' → ('Bachelor of Science', 'Nursing')."""
    text = text.strip(" :,-")
    bracketed = re.fullmatch(r"(.+?)\s*\(([^()]*[a-z][^()]*)\)", text)  # "... (Nursing)", not "(API)"
    if bracketed:
        return bracketed.group(1), bracketed.group(2)
    for separator in (" : ", ":", " in "):
        if separator in text:
            study_type, _, area = text.partition(separator)
            return study_type.strip(" :,-"), area.strip(" :,-")
    return text, ""


def _halved(words: list[str]) -> list[str]:
    """'Syracuse University Syracuse University' (a layout's repeat) → 'Syracuse University'."""
    half = len(words) // 2
    if len(words) % 2 == 0 and half and [_bare(w) for w in words[:half]] == [_bare(w) for w in words[half:]]:
        return words[:half]
    return words


def _split_piece(piece: str) -> tuple[str, str, str]:
    """One piece of a line → (degree, field, school); any may be empty."""
    words = piece.split()
    if not words:
        return "", "", ""
    school_at = _school_word_index(words)
    degree_at = next((i for i in range(len(words)) if _is_degree_at(words, i)), None)
    if school_at is None:
        if degree_at is None:
            return "", "", ""
        study_type, area = _degree_parts(" ".join(words[degree_at:]))
        return study_type, area, ""
    if degree_at is None or (degree_at > school_at and _NOT_A_SCHOOL.match(piece)):
        # A school alone; the words before its name are the field ("Business University of ...").
        start = _school_start(words, school_at, 0)
        if not all(_bare(word) in vocabulary.field_words() for word in words[:start]):
            start = 0  # "Microcomputer Technology Institute" is all the name
        return "", " ".join(words[:start]), " ".join(_halved(words[start:]))
    if degree_at > school_at:
        # "Indiana University Masters : Computer Science Indiana University"
        school = _halved(words[:degree_at])
        study_type, area = _degree_parts(" ".join(words[degree_at:]))
        if area.endswith(" ".join(school)):
            area = area[: -len(" ".join(school))].strip()
        return study_type, area, " ".join(school)
    start = _school_start(words, school_at, degree_at + 1)
    study_type, area = _degree_parts(" ".join(words[degree_at:start]))
    school = words[start:]
    # "... Valparaiso University Bachelor of Science in Nursing Valparaiso University": the
    # entry written twice; the school ends where the degree starts again.
    again = next((i for i in range(school_at - start + 1, len(school)) if _is_degree_at(school, i)), None)
    school = _drop_repeat(school[:again], area.split())
    return study_type, area, " ".join(_halved(school))


def _read_line(text: str) -> dict:
    span = dates.date_range_find(text)
    rest = text
    if span is not None:
        tidy = dates.tidy(text)
        rest = f"{tidy[: span.begin]} | {tidy[span.stop :]}"
    rest = _EXPECTED_RE.sub(" ", _GPA_RE.sub(" | ", CITY_STATE_RE.sub(" | ", rest)))
    entry = {"institution": "", "area": "", "studyType": ""}
    for piece in _PIECE_SEPARATOR.split(rest):
        piece = piece.strip(" .:;").removesuffix(" (").strip()
        if not piece or piece.isdigit():
            continue
        study_type, area, school = _split_piece(piece)
        if study_type and not entry["studyType"]:
            entry["studyType"], entry["area"] = study_type, area
        elif study_type and not entry["area"] and not area:
            entry["area"] = piece
        if school and not entry["institution"]:
            entry["institution"] = school
            if area and not study_type and not entry["area"]:
                entry["area"] = area
        elif not (study_type or school or entry["institution"] or entry["area"]) and entry["studyType"]:
            # "Bachelor of Science, Computer Science, MIT": the field on its own.
            entry["area"] = piece
    entry["startDate"] = span.start if span and span.end else ""
    entry["endDate"] = (span.end or span.start) if span else ""
    return entry


def _same(a: str, b: str) -> bool:
    return bool(a) and a.casefold() == b.casefold()


def education_entries(lines: list[str], offset: int) -> tuple[list[dict], list[str]]:
    """The section's entries, and the lines that named neither a degree nor a school."""
    entries: list[dict] = []
    unread: list[str] = []
    pending: dict | None = None  # a date alone on its line, for the entry below it
    for text in (line.strip() for line in lines):
        if not text:
            continue
        if dates.is_date_only(text) or dates.is_date_only(_EXPECTED_RE.sub(" ", text)):
            span = dates.date_range_find(text)
            if span is not None:
                pending = {"startDate": span.start if span.end else "", "endDate": span.end or span.start}
            continue
        words = text.split()
        names_one = (
            any(_is_degree_at(words, i) for i in range(len(words))) or _school_word_index(words) is not None
        )
        if not names_one or _NOT_A_SCHOOL.match(text):
            # The field repeated on a line of its own belongs to the entry above.
            if not (entries and _same(entries[-1]["area"], text)):
                unread.append(text)
            continue
        entry = _read_line(text)
        last = entries[-1] if entries else None
        if last is not None and not entry["studyType"] and entry["institution"] and not last["institution"]:
            # The school on the line below its degree, perhaps with the field repeated.
            last["institution"] = " ".join(_drop_repeat(entry["institution"].split(), last["area"].split()))
            _fill_dates(last, entry)
            continue
        if (
            last is not None
            and entry["studyType"]
            and not entry["institution"]
            and last["institution"]
            and not last["studyType"]
        ):
            last["studyType"], last["area"] = entry["studyType"], entry["area"]  # the degree below
            _fill_dates(last, entry)
            continue
        if (
            last is not None
            and entry["studyType"]
            and not (last["area"] or last["institution"] or last["endDate"])
        ):
            entries.pop()  # "B.S :" alone, spelled out on the next line
        if pending is not None:
            _fill_dates(entry, pending)
            pending = None
        entries.append(entry)
    if pending is not None and entries:
        _fill_dates(entries[-1], pending)
    entries = [entry for entry in entries if entry["studyType"] or entry["institution"]]
    for number, entry in enumerate(entries, start=offset + 1):
        entry["id"] = f"e{number}"
    return [_ordered(entry) for entry in entries], unread


def _fill_dates(entry: dict, other: dict) -> None:
    if not entry["endDate"] and not entry["startDate"]:
        entry["startDate"], entry["endDate"] = other["startDate"], other["endDate"]


def _ordered(entry: dict) -> dict:
    keys = ("id", "institution", "area", "studyType", "startDate", "endDate")
    return {key: entry[key] for key in keys}
