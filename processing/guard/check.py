"""Check a generated document against the source resume's facts (SPEC §9.2).

A violation is a statement about the user that the source does not support:
- a number or date not in the source (a year count only when it follows from the dates);
- an employer, title, school, degree or certification not in the source;
- a skill or tool claimed as the user's that the source does not name (a posting term
  may stand in a sentence about the employer: "your team's Kubernetes platform");
- the user's own guidance quoted into the document.

Sentences are judged one at a time; every pattern is linear in the text.
"""

import re
from dataclasses import dataclass
from datetime import date

from processing.guard.facts import (
    NUMBER_WORDS,
    PERCENT,
    YEAR_COUNT,
    Facts,
    normalise,
    numbers_in,
    percents_in,
)
from processing.guard.terms import skill_names, terms_find
from resumes.structure.dates import DATE_RE

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+", re.MULTILINE)
_ROLE_HEADING = re.compile(r"^###[ \t]+([^\n]+?)[ \t]+[—–][ \t]+([^\n]+?)[ \t]*$", re.MULTILINE)
_DATES_IN_BRACKETS = re.compile(r"\s*\([^()]{0,60}\)\s*$")
_ORG_AFTER = re.compile(r"\b(?:at|joined|with|for)\s+((?:[A-Z][\w&'.-]*(?:\s+|$)){1,5})")
_TITLE_AFTER = re.compile(
    r"\b(?:as an?|my role as|worked as|served as|promoted to|hired as)\s+(?:an?\s+)?((?:[A-Z][\w/&'.-]*\s?){1,6})"
)
# Claiming the posting's own title as a past or present job: "promoted to <the role>".
_TITLE_CLAIM = (
    r"\b(?:worked as|served as|promoted to|hired as|my role as|work as|working as)\s+(?:an?\s+|the\s+)?"
)
# A school named in a sentence: "Stanford University", "University of Example", "MIT".
_SCHOOL = re.compile(
    r"\b((?:[A-Z][\w.&'-]*\s+){0,4}(?:University|College|Institute|Academy|Polytechnic)"
    r"(?:\s+(?:of|for)(?:\s+(?:the\s+)?[A-Z][\w.&'-]*){1,4})?)"
)
_DEGREE = re.compile(
    r"\b(bachelor(?:'s)?|master(?:'s)?|mba|ph\.?d|doctorate|associate(?:'s)? degree|b\.?sc?|m\.?sc?)\b",
    re.IGNORECASE,
)
_CERTIFIED = re.compile(r"\b([Cc]ertified\s+(?:[A-Z][\w+-]*\s?){1,5}|(?:[A-Z][\w+-]*\s){1,4}certification)")
# Words that mark a sentence as being about the employer or the role, not the user.
_ABOUT_THEM = re.compile(
    r"\b(you|your|you're|yours|the team|your team|the role|this role|the position|this position|"
    r"the posting|the job|this job|the company|the opportunity)\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(I|I'm|I've|I'd|my|me|mine)\b")
# What the employer owns: "your team's Kubernetes platform", "its Rust services".
_THEIR = re.compile(r"\b(your|yours|its|their|our|the company's|the team's|the role's)\b", re.IGNORECASE)
# Where one clause of a sentence ends and the next begins.
_CLAUSE_BREAK = re.compile(r"[,;:()]|\s[—–-]\s|\b(?:which|that|where|while|whereas)\b")
_WORD_NUMBERS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
GUIDANCE_WORDS = 6  # this many of the user's guidance words in a row count as a quote


@dataclass(frozen=True)
class Violation:
    kind: str  # number, year_count, employer, title, school, credential, skill, guidance
    text: str  # what the document says
    message: str  # in plain words, for the run's error and the provenance view


@dataclass
class _Context:
    facts: Facts
    posting: str
    posting_terms: set[str]
    allowed_names: set[str]  # the employer applied to, its role: fine to name
    today: date


def _sentences(document: str) -> list[str]:
    text = _LIST_MARKER.sub("", document)
    return [s.strip(" #*_>") for s in _SENTENCE.split(text) if s.strip(" #*_>")]


def _about_them(sentence: str, context: _Context) -> bool:
    if _ABOUT_THEM.search(sentence):
        return True
    lowered = normalise(sentence)
    return any(name and f" {name} " in f" {lowered} " for name in context.allowed_names)


def _about_them_at(sentence: str, at: int, context: _Context) -> bool:
    """Is the word at `at` said about the employer? In a sentence with no "I" or "my", when
    the sentence is about them; with one, only when the employer's "your", "its" or "their"
    comes after the last "I" of the word's own clause ("I was drawn to your team's focus on
    Kubernetes", but not "I am proficient in Rust, which your team uses")."""
    if not _FIRST_PERSON.search(sentence):
        return _about_them(sentence, context)
    clause_start = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, at)), default=0)
    clause = sentence[clause_start:at]
    last_mine = max((m.end() for m in _FIRST_PERSON.finditer(clause)), default=None)
    if last_mine is None:
        return _about_them(sentence[clause_start:], context) or bool(_THEIR.search(clause))
    return bool(_THEIR.search(clause, last_mine))


def _number_ok(value: float, raw: str, sentence: str, context: _Context) -> bool:
    facts = context.facts
    if value in facts.numbers or (value.is_integer() and int(value) in facts.years):
        return True
    today = context.today
    if value in (today.year, today.day):
        return True  # the letter's date
    if raw.lower() in _WORD_NUMBERS and value == 1:
        return True
    # A number the posting states, in a sentence about the employer ("your 40-person team").
    if not any(v == value for v, _ in numbers_in(context.posting)):
        return False
    at = sentence.find(raw)
    return _about_them_at(sentence, max(at, 0), context)


def _year_count_violations(sentence: str, context: _Context) -> tuple[list[Violation], set[str]]:
    found, raws = [], set()
    for match in YEAR_COUNT.finditer(sentence):
        qualifier, raw, plus = match.group(1).strip().lower(), match.group(2).lower(), match.group(3)
        count = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw)
        if count is None:
            continue
        raws.add(match.group(2))
        facts = context.facts
        lower_bound = plus or qualifier in ("over", "more than", "nearly", "almost", "about")
        ok = count in facts.year_counts or (lower_bound and count <= facts.total_years)
        if not ok and _about_them(sentence, context) and not _FIRST_PERSON.search(sentence):
            ok = True  # "the role asks for 5+ years"
        if not ok:
            found.append(
                Violation(
                    "year_count",
                    match.group(0),
                    f"“{match.group(0)}” does not follow from the resume's dates "
                    f"({facts.total_years} years from the first role to the last).",
                )
            )
    return found, raws


def _date_violations(sentence: str, context: _Context) -> tuple[list[Violation], str]:
    """Dates ("Jun 2019", "2019-06-01", "06/2019") are judged by their year; the sentence
    comes back without them so their month and day are not read as numbers."""
    found = []
    for match in DATE_RE.finditer(sentence):
        year = int(re.search(r"(?:19|20)\d{2}", match.group(0)).group(0))
        if (
            year not in context.facts.years
            and year != context.today.year
            and year not in context.facts.numbers
        ):
            found.append(
                Violation("number", match.group(0), f"The date “{match.group(0)}” is not in the resume.")
            )
    return found, DATE_RE.sub(" ", sentence)


def _number_violations(sentence: str, context: _Context, skip: set[str]) -> list[Violation]:
    found = []
    # A share is checked as a share: "40 services" does not make "40%" the user's.
    for match in PERCENT.finditer(sentence):
        value = float(match.group(1))
        if value in context.facts.percents:
            continue
        if value in percents_in(context.posting) and _about_them_at(sentence, match.start(), context):
            continue
        found.append(
            Violation("number", match.group(0), f"The number “{match.group(0)}” is not in the resume.")
        )
    for value, raw in numbers_in(sentence):
        bare = raw.strip("$€£").split()[0].rstrip("%+")
        if bare in skip or raw in skip or raw.lower() in skip:
            continue
        if not _number_ok(value, raw, sentence, context):
            found.append(Violation("number", raw, f"The number “{raw}” is not in the resume."))
    return found


def _term_violations(sentence: str, context: _Context) -> list[Violation]:
    found = []
    for term in terms_find(sentence):
        if term.name in context.facts.skills or context.facts.says(term.surface):
            continue
        at = max(sentence.find(term.surface), 0)
        if (
            not term.is_credential
            and term.name in context.posting_terms
            and _about_them_at(sentence, at, context)
        ):
            continue
        kind = "credential" if term.is_credential else "skill"
        found.append(Violation(kind, term.surface, f"“{term.surface}” is not in the resume."))
    return found


def _name_violations(sentence: str, context: _Context) -> list[Violation]:
    facts, found = context.facts, []
    for match in _ORG_AFTER.finditer(sentence):
        name = re.sub(r"['’]s$", "", match.group(1).strip().rstrip(".,")).rstrip(".,")
        key = normalise(name)
        if not key or len(key) < 3 or key in context.allowed_names or facts.says(name):
            continue
        if key in {normalise(t.surface) for t in terms_find(name)}:
            continue  # a tool, judged as a skill
        if normalise(name) in normalise(context.posting):
            continue  # named in the posting (a product, a partner): about them
        found.append(Violation("employer", name, f"“{name}” is not an employer or school in the resume."))
    for match in _TITLE_AFTER.finditer(sentence):
        title = match.group(1).strip().rstrip(".,")
        if facts.says(title) or normalise(title) in context.allowed_names:
            continue
        found.append(Violation("title", title, f"The title “{title}” is not in the resume."))
    for match in _SCHOOL.finditer(sentence):
        school = match.group(1).strip()
        key = normalise(school)
        if facts.says(school) or key in context.allowed_names or key in normalise(context.posting):
            continue
        found.append(Violation("school", school, f"“{school}” is not a school in the resume."))
    for match in _DEGREE.finditer(sentence):
        if not facts.says(match.group(1)) and not _about_them(sentence, context):
            found.append(
                Violation(
                    "credential", match.group(1), f"The degree “{match.group(1)}” is not in the resume."
                )
            )
    for match in _CERTIFIED.finditer(sentence):
        phrase = match.group(1).strip()
        if not facts.says(phrase) and not _about_them(sentence, context):
            found.append(Violation("credential", phrase, f"“{phrase}” is not in the resume."))
    return found


def _role_heading_violations(document: str, facts: Facts) -> list[Violation]:
    """In a tailored resume, '### Position — Employer' must name a source role."""
    found = []
    for match in _ROLE_HEADING.finditer(document):
        position = match.group(1).strip()
        employer = _DATES_IN_BRACKETS.sub("", match.group(2)).strip()
        if normalise(employer) not in facts.employers and not facts.says(employer):
            found.append(Violation("employer", employer, f"The employer “{employer}” is not in the resume."))
        if normalise(position) not in facts.titles and not facts.says(position):
            found.append(Violation("title", position, f"The title “{position}” is not in the resume."))
    return found


def _guidance_violations(document: str, guidance: str, facts: Facts) -> list[Violation]:
    """The user's guidance steers the writing; six of its words in a row in the document quote it."""
    words = normalise(guidance).split()
    if len(words) < 3:
        return []
    window = min(GUIDANCE_WORDS, len(words))
    haystack = f" {normalise(document)} "
    for start in range(0, len(words) - window + 1):
        phrase = " ".join(words[start : start + window])
        if f" {phrase} " in haystack and not facts.says(phrase):
            return [
                Violation(
                    "guidance", phrase, "The document quotes your instructions instead of following them."
                )
            ]
    return []


def document_check(
    *,
    document: str,
    facts: Facts,
    today: date,
    posting: str = "",
    company: str = "",
    role_title: str = "",
    guidance: str = "",
    applicant_name: str = "",
) -> list[Violation]:
    """Everything the document states about its owner that the source resume does not support."""
    context = _Context(
        facts=facts,
        posting=posting,
        posting_terms=skill_names(posting),
        allowed_names={
            n for n in (normalise(company), normalise(role_title), normalise(applicant_name)) if n
        },
        today=today,
    )
    violations = _role_heading_violations(document, facts)
    violations += _guidance_violations(document, guidance, facts)
    title = role_title.strip()
    if (
        title
        and not facts.says(title)
        and re.search(_TITLE_CLAIM + re.escape(title), document, re.IGNORECASE)
    ):
        violations.append(
            Violation("title", title, f"The title “{title}” is the posting's, not one in the resume.")
        )
    # The role and the employer applied to are theirs to name: "the Sr. Account Manager (Job
    # 13635) position at Acme" states nothing about the user.
    for name, stand_in in ((role_title, "the role"), (company, "the company")):
        if name.strip():
            document = document.replace(name.strip(), stand_in)
    for sentence in _sentences(document):
        year_violations, counted = _year_count_violations(sentence, context)
        violations += year_violations
        date_violations, undated = _date_violations(sentence, context)
        violations += date_violations
        violations += _number_violations(undated, context, counted)
        violations += _term_violations(sentence, context)
        violations += _name_violations(sentence, context)
    unique: dict[tuple[str, str], Violation] = {}
    for violation in violations:
        unique.setdefault((violation.kind, normalise(violation.text)), violation)
    return list(unique.values())


def violations_summary(violations: list[Violation], *, limit: int = 8) -> str:
    """'“Kubernetes”, “$2M” and “Google” are not in your resume.' for a run's error message."""
    items = [f"“{v.text}”" for v in violations[:limit]]
    more = len(violations) - limit
    if more > 0:
        items.append(f"{more} more")
    listed = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
    return f"The draft stated things your resume does not: {listed}."
