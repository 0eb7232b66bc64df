"""Matching a posting's requirements against a resume, and the score.

Each resume (the source, and the tailored one when there is one) is read into lines; each
line is indexed by the terms it names (with the terms they imply: a Master's meets a
Bachelor's) and by its word stems. A requirement's keyword is met when some line holds it; a
year count ("5+ years") is met by the years the resume's roles span. A requirement is
`matched` when all its keywords are met, `partial` when some are, `missing` when none are
(for a requirement known only by its content words: two thirds of them, at least one third).

Score: each requirement earns 1 when matched, PARTIAL_CREDIT when partial, 0 when missing,
weighted MUST_WEIGHT for a must-have and NICE_WEIGHT for a nice-to-have;
score = round(100 × earned / possible), 0 for a posting without requirements.
"""

import re
from dataclasses import dataclass, field

from matching.analysis.extraction import MUST, extract_requirements, requirement_keywords
from matching.analysis.report import (
    MATCHED,
    MISSING,
    OPTIMIZED_RESUME,
    PARTIAL,
    SOURCE_RESUME,
    Evidence,
    Keyword,
    MatchAnalysis,
    Requirement,
)
from matching.analysis.vocabulary import term_get, term_names, terms_find, tokens

MUST_WEIGHT = 3.0
NICE_WEIGHT = 1.0
PARTIAL_CREDIT = 0.5
MATCHED_SHARE = 2 / 3  # of a requirement's content words, to count it matched
PARTIAL_SHARE = 1 / 3
MAX_EVIDENCE_CHARS = 240

_YEARS_KEYWORD = re.compile(r"^(\d{1,2})\+ years$")
_YEAR_RANGE = re.compile(
    r"\b((?:19|20)\d{2})\s?(?:-|–|—|to)\s?(?:[A-Za-z]{3,9}\.?\s)?((?:19|20)\d{2}|present|current|now|today)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_ALTERNATIVE_WORDS = frozenset({"or", "/", "and/or", "or other", "or equivalent", "or similar", "either"})
SOFT_SKILLS = "Soft skills"
_MARKUP = re.compile(r"^\s*(?:#{1,6}\s+|[-*•]\s+|\d{1,2}[.)]\s+)|\*\*|__")


@dataclass
class _Line:
    text: str
    terms: set[str]
    stems: set[str]


@dataclass
class _Document:
    """A resume read for matching: its lines, the union of their terms and stems, its years."""

    name: str
    lines: list[_Line] = field(default_factory=list)
    terms: set[str] = field(default_factory=set)
    stems: set[str] = field(default_factory=set)
    years: int = 0
    years_line: str = ""

    def add(self, text: str) -> None:
        text = " ".join(_MARKUP.sub("", text).split())
        if not text:
            return
        words = tokens(text)
        line = _Line(text, term_names(text, words), {token.stem for token in words})
        self.lines.append(line)
        self.terms |= line.terms
        self.stems |= line.stems

    def has(self, keyword: str) -> bool:
        years = _YEARS_KEYWORD.match(keyword)
        if years:
            return self.years >= int(years.group(1))
        if term_get(keyword):
            return keyword in self.terms
        return keyword_stem(keyword) in self.stems

    def line_has(self, line: _Line, keyword: str) -> bool:
        if _YEARS_KEYWORD.match(keyword):
            return self.has(keyword) and line.text == self.years_line
        if term_get(keyword):
            return keyword in line.terms
        return keyword_stem(keyword) in line.stems


def keyword_stem(keyword: str) -> str:
    words = tokens(keyword)
    return words[0].stem if words else keyword


def analyse_match(
    *, posting_text: str, resume_structure: dict | None, resume_text: str, tailored_text: str | None = None
) -> MatchAnalysis:
    """The match between a posting and a resume (and its tailored version). Deterministic and
    offline: the same texts always give the same report."""
    source, tailored = _documents(resume_structure, resume_text, tailored_text)
    requirements = tuple(
        _requirement(extracted.text, extracted.kind, extracted.keywords, source, tailored)
        for extracted in extract_requirements(posting_text)
    )
    keywords = _keywords(requirements, source, tailored)
    score_source = score(requirements, lambda requirement: requirement.source)
    score_tailored = (
        score(requirements, lambda requirement: requirement.tailored) if tailored is not None else None
    )
    return MatchAnalysis(
        score=score_tailored if score_tailored is not None else score_source,
        score_source=score_source,
        score_tailored=score_tailored,
        requirements=requirements,
        keywords=keywords,
        missing_claimable=tuple(k.term for k in keywords if k.in_source and k.in_tailored is False),
        missing_unclaimable=tuple(k.term for k in keywords if not k.in_source),
    )


def requirements_match(
    requirements: list[tuple[str, str]],
    *,
    resume_structure: dict | None,
    resume_text: str,
    tailored_text: str | None = None,
) -> tuple[Requirement, ...]:
    """Each (text, kind) requirement matched against the resume as `analyse_match` would."""
    source, tailored = _documents(resume_structure, resume_text, tailored_text)
    return tuple(
        _requirement(text, kind, requirement_keywords(text), source, tailored) for text, kind in requirements
    )


def _documents(structure, text, tailored_text) -> tuple[_Document, _Document | None]:
    source = _source_document(structure, text)
    tailored = _text_document(OPTIMIZED_RESUME, tailored_text) if tailored_text is not None else None
    if tailored is not None:
        tailored.years = source.years  # tailoring keeps the roles' dates
    return source, tailored


def score(requirements, status_of) -> int:
    """round(100 × earned / possible): matched earns the requirement's weight, partial
    PARTIAL_CREDIT of it; must-haves weigh MUST_WEIGHT, nice-to-haves NICE_WEIGHT."""
    possible = earned = 0.0
    for requirement in requirements:
        weight = MUST_WEIGHT if requirement.kind == MUST else NICE_WEIGHT
        possible += weight
        status = status_of(requirement)
        earned += weight if status == MATCHED else weight * PARTIAL_CREDIT if status == PARTIAL else 0.0
    return round(100 * earned / possible) if possible else 0


def _requirement(text, kind, keywords, source: _Document, tailored: _Document | None) -> Requirement:
    """The requirement's status in each resume, with the line that shows it (none when missing)."""
    groups = keyword_groups(text, keywords)
    statuses = {SOURCE_RESUME: _status(source, keywords, groups)}
    if tailored is not None:
        statuses[OPTIMIZED_RESUME] = _status(tailored, keywords, groups)
    documents = (source,) if tailored is None else (source, tailored)
    evidence = [_evidence(document, keywords) for document in documents if statuses[document.name] != MISSING]
    return Requirement(
        text=text,
        kind=kind,
        keywords=keywords,
        source=statuses[SOURCE_RESUME],
        tailored=statuses.get(OPTIMIZED_RESUME),
        evidence=tuple(item for item in evidence if item is not None),
    )


def keyword_groups(text: str, keywords: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The keywords a requirement needs, as groups of alternatives: terms joined by "or" or "/"
    ("RN or LPN", "Docker, Kubernetes or other containers") are one group, any of which meets it.
    Soft skills only count when the requirement names nothing harder: a resume rarely states
    them, and "communication and negotiation skills" is met by the negotiation it shows."""
    groups: list[list[str]] = []
    previous_end = None
    for hit in terms_find(text):
        name = hit.term.name
        if name not in keywords or any(name in group for group in groups):
            continue
        between = text[previous_end : hit.start].strip(" ,()").lower() if previous_end is not None else ""
        if groups and between in _ALTERNATIVE_WORDS:
            groups[-1].append(name)
        else:
            groups.append([name])
        previous_end = hit.end
    grouped = {name for group in groups for name in group}
    groups.extend([keyword] for keyword in keywords if keyword not in grouped)
    hard = [group for group in groups if not all(_is_soft(name) for name in group)]
    return [tuple(group) for group in (hard or groups)]


def _is_soft(keyword: str) -> bool:
    term = term_get(keyword)
    return term is not None and term.category == SOFT_SKILLS


def _status(document: _Document, keywords: tuple[str, ...], groups: list[tuple[str, ...]]) -> str:
    if keywords and all(term_get(k) or _YEARS_KEYWORD.match(k) for k in keywords):
        met = sum(1 for group in groups if any(document.has(keyword) for keyword in group))
        return MATCHED if met == len(groups) else PARTIAL if met else MISSING
    met = sum(1 for keyword in keywords if document.has(keyword))
    share = met / len(keywords) if keywords else 0.0
    return MATCHED if share >= MATCHED_SHARE else PARTIAL if share >= PARTIAL_SHARE else MISSING


def _evidence(document: _Document, keywords: tuple[str, ...]) -> Evidence | None:
    """The document's line that holds the most of the keywords (the first such line)."""
    best: tuple[int, str] | None = None
    for line in document.lines:
        met = sum(1 for keyword in keywords if document.line_has(line, keyword))
        if met and (best is None or met > best[0]):
            best = (met, line.text)
    if best is None:
        return None
    text = best[1]
    if len(text) > MAX_EVIDENCE_CHARS:
        text = text[:MAX_EVIDENCE_CHARS].rsplit(" ", 1)[0] + "…"
    return Evidence(document.name, text)


def _keywords(requirements, source: _Document, tailored: _Document | None) -> tuple[Keyword, ...]:
    """The vocabulary terms the requirements name, heaviest first (must-haves weigh 1, nice 0.5
    a mention), with whether each resume holds them."""
    weights: dict[str, float] = {}
    for requirement in requirements:
        for keyword in requirement.keywords:
            if term_get(keyword):
                weights[keyword] = weights.get(keyword, 0.0) + (1.0 if requirement.kind == MUST else 0.5)
    ordered = sorted(weights.items(), key=lambda item: -item[1])  # stable: ties keep the posting's order
    return tuple(
        Keyword(
            term=name,
            synonyms=term_get(name).synonyms,
            weight=round(weight, 2),
            in_source=source.has(name),
            in_tailored=tailored.has(name) if tailored is not None else None,
        )
        for name, weight in ordered
    )


def _source_document(structure: dict | None, text: str) -> _Document:
    lines = structure_lines(structure) if structure else []
    if not lines:
        return _text_document(SOURCE_RESUME, text)
    document = _Document(SOURCE_RESUME)
    for line in lines:
        document.add(line)
    document.years, document.years_line = _structure_years(structure)
    return document


def _text_document(name: str, text: str | None) -> _Document:
    document = _Document(name)
    for line in (text or "").splitlines():
        document.add(line)
    document.years, document.years_line = _text_years(document.lines)
    return document


def structure_lines(structure: dict) -> list[str]:
    """The lines of a resume structure that can hold evidence, in reading order."""
    lines: list[str] = []
    basics = structure.get("basics") or {}
    lines.append(str(basics.get("label") or ""))
    lines.extend(_sentences(str(structure.get("summary") or "")))
    for role in structure.get("work") or []:
        lines.append(", ".join(str(role.get(key) or "") for key in ("position", "name") if role.get(key)))
        lines.extend(_entry_text(highlight) for highlight in role.get("highlights") or [])
    for school in structure.get("education") or []:
        lines.append(" ".join(str(school[k]) for k in ("studyType", "area", "institution") if school.get(k)))
    for group in structure.get("skills") or []:
        keywords = ", ".join(str(keyword) for keyword in group.get("keywords") or [])
        lines.append(f"{group.get('name') or ''}: {keywords}".strip(": "))
    for certificate in structure.get("certificates") or []:
        lines.append(" ".join(str(certificate[k]) for k in ("name", "issuer") if certificate.get(k)))
    for project in structure.get("projects") or []:
        lines.append(f"{project.get('name') or ''}: {project.get('description') or ''}".strip(": "))
        lines.extend(_entry_text(highlight) for highlight in project.get("highlights") or [])
    for other in structure.get("other") or []:
        lines.extend(str(line) for line in other.get("lines") or [])
    return [line for line in lines if line.strip()]


def _entry_text(entry) -> str:
    return str(entry.get("text") or "") if isinstance(entry, dict) else str(entry or "")


def _sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text) if part.strip()]


def _structure_years(structure: dict) -> tuple[int, str]:
    """Years from the first role's start to the last role's end, with the first role's line."""
    ranges = []
    for role in structure.get("work") or []:
        start = _YEAR.search(str(role.get("startDate") or ""))
        if start:
            end = _YEAR.search(str(role.get("endDate") or ""))
            ranges.append((int(start.group(0)), int(end.group(0)) if end else None))
    roles = [role for role in structure.get("work") or [] if role.get("position") or role.get("name")]
    line = ", ".join(str(roles[0].get(k)) for k in ("position", "name") if roles[0].get(k)) if roles else ""
    return _span(ranges), line


def _text_years(lines: list[_Line]) -> tuple[int, str]:
    """Years spanned by the date ranges a resume's text gives ("2014 – Present"), with the
    line of the earliest one."""
    ranges = []
    first_line, first = "", None
    for line in lines:
        for match in _YEAR_RANGE.finditer(line.text):
            start = int(match.group(1))
            ranges.append((start, int(match.group(2)) if match.group(2).isdigit() else None))
            if first is None or start < first:
                first, first_line = start, line.text
    return _span(ranges), first_line


def _span(ranges: list[tuple[int, int | None]]) -> int:
    """From the earliest start to the latest end; an open end ("present") is the latest year
    the ranges name, so the answer never depends on today's date."""
    if not ranges:
        return 0
    latest = max(year for span in ranges for year in span if year is not None)
    return max(0, max(end or latest for _, end in ranges) - min(start for start, _ in ranges))
