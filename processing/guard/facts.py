"""The facts of a resume: what a generated document may state about its owner.

Employers, job titles, date ranges, schools, degrees, certifications, skills and tools,
and every number, read from the resume's structure (`resumes.structure`). Names are
compared normalised (case, punctuation and spacing ignored); skills by their canonical
vocabulary name, so "Postgres" is "PostgreSQL".
"""

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from processing.guard.terms import skill_names

_NUMBER = re.compile(
    r"(?<![\w.])[$€£]?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?"
    r"(?:[ ]?(k|m|bn|b|million|billion|thousand)\b)?",
    re.IGNORECASE,
)
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9}
NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "dozen": 12,
}
_NUMBER_WORD = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)
_NOT_WORD = re.compile(r"[^a-z0-9+#]+")
PERCENT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s?(?:%|per ?cent\b)", re.IGNORECASE)
YEAR_COUNT = re.compile(
    r"\b(over |more than |nearly |almost |about |)(\d{1,2}|[a-z]+)(\+?)[ -](?:years?|yrs)\b", re.IGNORECASE
)


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """'Acme Robotics, Inc.' → 'acme robotics inc': case, punctuation and spacing ignored."""
    return _NOT_WORD.sub(" ", text.lower()).strip()


def numbers_in(text: str) -> list[tuple[float, str]]:
    """Every number in the text with its value: '$1,200' → 1200, '30%' → 30, '2.5k' → 2500."""
    found = []
    for match in _NUMBER.finditer(text):
        whole, fraction, scale = match.group(1), match.group(2), match.group(3)
        value = float(whole.replace(",", "") + (f".{fraction}" if fraction else ""))
        if scale:
            value *= _SCALE[scale.lower()]
        found.append((value, match.group(0).strip()))
    for match in _NUMBER_WORD.finditer(text):
        found.append((float(NUMBER_WORDS[match.group(1).lower()]), match.group(0)))
    return found


def percents_in(text: str) -> set[float]:
    """'25%', '12.5 percent' → {25.0, 12.5}."""
    return {float(match.group(1)) for match in PERCENT.finditer(text)}


def _year(value: str) -> int | None:
    return int(value[:4]) if value[:4].isdigit() else None


@dataclass
class Facts:
    employers: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    schools: set[str] = field(default_factory=set)
    credentials: set[str] = field(default_factory=set)  # degrees and certifications, normalised
    skills: set[str] = field(default_factory=set)  # canonical vocabulary names
    numbers: set[float] = field(default_factory=set)
    percents: set[float] = field(default_factory=set)  # "25%" is a share, not any 25
    years: set[int] = field(default_factory=set)  # calendar years of the dates
    year_counts: set[int] = field(default_factory=set)  # "N years" that follow from the dates
    # or that the user claims in the summary or a role ("8 years of experience"), not those
    # of a certification's rules ("requires two years of work experience").
    total_years: int = 0
    text: str = ""  # the whole source, normalised, for phrase look-ups

    def says(self, phrase: str) -> bool:
        """Does the source contain this phrase (normalised; it may end inside a word, so
        "Weisman Score" is found in "Weisman Scores")?"""
        needle = normalise(phrase)
        return bool(needle) and f" {needle}" in f" {self.text}"


def _source_text(structure: dict) -> str:
    basics = structure.get("basics", {})
    parts = [basics.get(key, "") for key in ("name", "label", "email", "phone", "url", "location")]
    parts += [profile.get("url", "") for profile in basics.get("profiles", [])]
    parts.append(structure.get("summary", ""))
    for role in structure.get("work", []):
        parts += [role.get("name", ""), role.get("position", ""), role.get("location", "")]
        parts += [h["text"] for h in role.get("highlights", [])]
    for entry in structure.get("education", []):
        parts += [entry.get("institution", ""), entry.get("area", ""), entry.get("studyType", "")]
    for group in structure.get("skills", []):
        parts += [group.get("name", ""), *group.get("keywords", [])]
    for entry in structure.get("certificates", []):
        parts += [entry.get("name", ""), entry.get("issuer", "")]
    for project in structure.get("projects", []):
        parts += [project.get("name", ""), project.get("description", "")]
        parts += [h["text"] for h in project.get("highlights", [])]
    for block in structure.get("other", []):
        parts += [block.get("heading", ""), *block.get("lines", [])]
    return "\n".join(part for part in parts if part)


def _spans(structure: dict, *, today: date) -> list[tuple[int, int]]:
    spans = []
    for role in structure.get("work", []):
        start = _year(role.get("startDate", ""))
        end_text = role.get("endDate", "")
        end = today.year if end_text == "present" else _year(end_text) or start
        if start is not None and end is not None and end >= start:
            spans.append((start, end))
    return spans


def facts_from_structure(structure: dict, *, today: date, source_text: str = "") -> Facts:
    """The facts of the structure; `source_text`, the resume as the user wrote it, adds the
    details the structure does not keep (a GPA, a line the parser could not place)."""
    text = _source_text(structure) + "\n" + source_text
    facts = Facts(text=normalise(text))
    for role in structure.get("work", []):
        if role.get("name"):
            facts.employers.add(normalise(role["name"]))
        if role.get("position"):
            facts.titles.add(normalise(role["position"]))
    if structure.get("basics", {}).get("label"):
        facts.titles.add(normalise(structure["basics"]["label"]))
    for entry in structure.get("education", []):
        if entry.get("institution"):
            facts.schools.add(normalise(entry["institution"]))
        for key in ("studyType", "area"):
            if entry.get(key):
                facts.credentials.add(normalise(entry[key]))
    for entry in structure.get("certificates", []):
        if entry.get("name"):
            facts.credentials.add(normalise(entry["name"]))
    facts.skills = skill_names(text)
    facts.numbers = {value for value, _ in numbers_in(text)}
    facts.percents = percents_in(text)
    claims = [structure.get("summary", ""), structure.get("basics", {}).get("label", "")]
    claims += [h["text"] for role in structure.get("work", []) for h in role.get("highlights", [])]
    for match in YEAR_COUNT.finditer("\n".join(claims)):
        raw = match.group(2).lower()
        count = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw)
        if count is not None:
            facts.year_counts.add(count)
    spans = _spans(structure, today=today)
    for start, end in spans:
        facts.years.update((start, end))
        facts.year_counts.add(end - start)
    for entry in [*structure.get("education", []), *structure.get("certificates", [])]:
        for key in ("startDate", "endDate", "date"):
            year = _year(entry.get(key, "") or "")
            if year:
                facts.years.add(year)
    if spans:
        facts.total_years = max(end for _, end in spans) - min(start for start, _ in spans)
        # A span read in whole years may be a year more or less than the months make it.
        facts.year_counts.update({facts.total_years, max(facts.total_years - 1, 0)})
    return facts
