"""Reading a resume (Markdown, or pdftotext output with its noise) into parts (how it
matches a posting is the match analysis' part: `matching.analysis`).

The parse keeps every piece of the user's text: the tailoring step reorders these parts and
never invents new ones, so everything it writes can be traced back to this structure.
"""

import re
from dataclasses import dataclass, field
from functools import cached_property

from .skill_vocabulary import skills_find
from .text_cleanup import bullet_strip, sentences_split, text_normalize
from .vocabularies import alternation, grouped_list, number_words, word_list

SUMMARY = "summary"
SKILLS = "skills"
EXPERIENCE = "experience"
PROJECTS = "projects"
EDUCATION = "education"
CERTIFICATIONS = "certifications"
OTHER = "other"

# Section heading (lower case) -> kind of section.
_SECTION_NAMES = {name: kind for kind, names in grouped_list("resume_sections.txt") for name in names}

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?"
_DATE = rf"(?:{_MONTH} )?(?:19|20)\d{{2}}(?:-\d{{2}}){{0,2}}|\d{{1,2}}/(?:19|20)\d{{2}}"
_OPEN_END = r"(?:Present|Current|Now|Today|present|current|now)"
DATE_RANGE = re.compile(rf"(?:{_DATE}) ?(?:–|—|-|to) ?(?:{_DATE}|{_OPEN_END})")
DATE_SINGLE = re.compile(rf"\b(?:{_DATE})\b")
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# "2017 – Product Manager, Google" with the end date on the next line.
_OPEN_HEADER = re.compile(rf"^((?:{_DATE})) ?(?:–|—|-) ?(?=[A-Za-z])(?!{_OPEN_END}\b)")
_LEADING_END = re.compile(rf"^({_OPEN_END}|(?:{_DATE}))\b\s*")
_LEADING_RANGE = re.compile(rf"^((?:{_DATE}) ?(?:–|—|-|to) ?(?:{_DATE}|{_OPEN_END}))\s+(?=\S)")
_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,5}")
_PHONE = re.compile(r"(?:\+?\d{1,3}[ .-]?)?\(?\d{3}\)?[ .-]?\d{3}[ .-]?\d{4}")
_URL = re.compile(r"\b(?:https?://|www\.)\S{1,200}|\b(?:linkedin|github|gitlab)\.com/\S{1,100}", re.I)
_PAGE_MARKER = re.compile(r"^(?:\d{1,2}(?: ?/ ?\d{1,2})?|page \d{1,2}(?: of \d{1,2})?)$", re.I)
_TITLE_WORDS = re.compile(rf"\b(?:{alternation(word_list('job_title_words.txt'))})s?\b", re.I)
DEGREE_WORDS = re.compile(
    r"\b(?:bachelor|master|b\.?s\.?c?|m\.?s\.?c?|b\.?a|m\.?a|mba|ph\.?d|b\.?tech|m\.?tech|b\.?eng|m\.?eng|"
    r"associate|diploma|certificate|doctor|degree|a\.?a\.?s)\b",
    re.I,
)
# `\s+(\S.{0,79})`, not `\s+(.{1,80})`: `.` also matches spaces, so a long run of them after
# the hashes would be split between the two in every possible way.
_SECTION_HEADING = re.compile(r"^(#{1,4})\s+(\S.{0,79})$")
_HASHES = re.compile(r"^#{1,6}\s+")
_CONTACT_SEPARATOR = re.compile(r"\s[|·•—]\s")
_STATED_YEARS = re.compile(
    rf"\b(\d{{1,2}}|{alternation(number_words())})\+? (?:\+ )?(?:years|yrs)\b",
    re.I,
)


@dataclass
class ResumeEntry:
    header: str
    title: str = ""
    organisation: str = ""
    dates: str = ""
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    items_were_bullets: bool = True


@dataclass
class ResumeSection:
    heading: str
    kind: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    entries: list[ResumeEntry] = field(default_factory=list)


@dataclass
class ParsedResume:
    name: str = ""
    headline: str = ""
    contact: list[str] = field(default_factory=list)
    sections: list[ResumeSection] = field(default_factory=list)
    text: str = ""

    def sections_of(self, *kinds: str) -> list[ResumeSection]:
        return [section for section in self.sections if section.kind in kinds]

    def entries_of(self, *kinds: str) -> list[ResumeEntry]:
        return [entry for section in self.sections_of(*kinds) for entry in section.entries]

    @cached_property
    def lowered_text(self) -> str:
        return self.text.lower()

    @property
    def is_empty(self) -> bool:
        return not self.text.strip()

    def skill_names(self) -> set[str]:
        return {mention.skill.name for mention in skills_find(self.text)}  # cached by skills_find

    def stated_years(self) -> tuple[int, str] | None:
        """Years of experience the resume itself states, with the words it uses."""
        for section in self.sections_of(SUMMARY) + self.sections:
            for paragraph in section.paragraphs + section.items:
                match = _STATED_YEARS.search(paragraph)
                if match and "experience" in paragraph[match.end() : match.end() + 40].lower():
                    raw = match.group(1).lower()
                    return (int(raw) if raw.isdigit() else number_words()[raw]), match.group(0)
        return None

    def year_span(self) -> tuple[int, str] | None:
        """(first year, last year or "present") over the dated experience entries."""
        years: list[int] = []
        open_ended = False
        for entry in self.entries_of(EXPERIENCE):
            years.extend(int(y) for y in YEAR.findall(entry.dates or entry.header))
            if re.search(_OPEN_END, entry.dates or entry.header):
                open_ended = True
        if not years:
            return None
        return min(years), "present" if open_ended else str(max(years))

    def recent_title(self) -> str:
        for entry in self.entries_of(EXPERIENCE):
            if entry.title:
                return entry.title
        return self.headline

    def employers(self) -> list[str]:
        seen: list[str] = []
        for entry in self.entries_of(EXPERIENCE):
            if entry.organisation and entry.organisation not in seen:
                seen.append(entry.organisation)
        return seen


def _section_kind(line: str) -> tuple[str, str] | None:
    """(heading text, kind) when the line is a section heading."""
    stripped = line.strip()
    markdown = _SECTION_HEADING.match(stripped)
    text = markdown.group(2) if markdown else stripped
    text = text.strip("*_ :#").strip()
    key = re.sub(r"\s+", " ", text.lower().replace("&", "and")).strip()
    kind = _SECTION_NAMES.get(key) or _SECTION_NAMES.get(key.replace(" and ", " & "))
    if kind:
        return text, kind
    if markdown and len(markdown.group(1)) == 2:
        return text, OTHER
    return None


def _header_split(header: str) -> tuple[str, str, str]:
    """(title, organisation, dates) from an entry header like "Engineer — Acme (2019–2022)"."""
    text = _HASHES.sub("", header).strip().strip("*_").strip()
    match = DATE_RANGE.search(text) or DATE_SINGLE.search(text)
    dates = match.group(0) if match else ""
    if match:
        text = (text[: match.start()] + " " + text[match.end() :]).strip()
    text = re.sub(r"\(\s*\)|\[\s*\]", " ", text)
    text = text.replace("**", "").strip(" ,|–—-:()")
    parts = [p.strip(" ,|–—-:()*") for p in re.split(r" [—–|-] | at |, |\s\|\s|\s{3,}", text)]
    parts = [p for p in parts if p]
    if not parts:
        return "", "", dates
    title_index = next(
        (i for i, p in enumerate(parts) if _TITLE_WORDS.search(p) or DEGREE_WORDS.search(p)), 0
    )
    title = parts[title_index]
    others = [p for i, p in enumerate(parts) if i != title_index]
    organisation = others[0] if others else ""
    if title_index > 0 and title_index == len(parts) - 1:
        organisation = parts[0]
    return title, organisation, dates


def _is_contact(line: str) -> bool:
    return bool(_EMAIL.search(line) or _PHONE.search(line) or _URL.search(line))


def _clean_contact(line: str) -> str:
    """Drop icon-font glyphs that pdftotext leaves before contact details ("I (123) ...", "ð handle")."""
    line = _HASHES.sub("", line).strip()
    match = re.match(r"^(\S)\s+(\S.*)$", line)
    if match and (_is_contact(match.group(2)) or re.match(r"^[\w.-]{2,40}$", match.group(2))):
        return match.group(2)
    return line


def _looks_like_name(line: str) -> bool:
    text = _HASHES.sub("", line).strip("*_ ")
    words = text.split()
    return (
        1 <= len(words) <= 5 and not _is_contact(text) and all(re.match(r"^[A-Za-z.'’-]+$", w) for w in words)
    )


def _is_entry_header(line: str, kind: str) -> bool:
    if kind not in (EXPERIENCE, PROJECTS, EDUCATION, CERTIFICATIONS, OTHER):
        return False
    if re.match(r"^#{3,6}\s+\S", line):
        return True
    if bullet_strip(line)[0]:
        return False
    if re.match(r"^(?:\*\*|__)[^*_]{2,150}(?:\*\*|__)\s*(?:[-–—|,(].{0,100})?$", line):
        return True
    if kind == OTHER or len(line) > 170:
        return False
    match = DATE_RANGE.search(line) or DATE_SINGLE.search(line)
    if not match:
        return False
    near_edge = match.start() < 25 or len(line) - match.end() < 25
    return near_edge and len(line.split()) <= 22


def _paragraph_join(lines: list[str]) -> str:
    """One paragraph from its wrapped lines; a line ending in "-" runs into a lower-case one."""
    parts: list[str] = []
    for line in lines:
        if parts:
            parts.append("" if parts[-1].endswith("-") and line[:1].islower() else " ")
        parts.append(line)
    return "".join(parts).strip()


class _EntryBuilder:
    """Collects the lines under one header (or under a section before any header)."""

    def __init__(self) -> None:
        self.paragraph_lines: list[str] = []
        self.bullet_lines: list[str] = []  # the open bullet, wrapped over these lines
        self.paragraphs: list[str] = []
        self.items: list[str] = []

    def line(self, raw: str) -> None:
        is_bullet, text = bullet_strip(raw)
        if not text:
            self.blank()
        elif is_bullet:
            self._flush_paragraph()
            self._flush_bullet()
            self.bullet_lines = [text]
        elif self.bullet_lines and (text[:1].islower() or not self.bullet_lines[-1].rstrip().endswith(".")):
            # A wrapped bullet: pdftotext breaks long bullets over several lines.
            self.bullet_lines.append(text)
        else:
            self._flush_bullet()
            self.paragraph_lines.append(text)

    def blank(self) -> None:
        self._flush_paragraph()
        self._flush_bullet()

    def _flush_paragraph(self) -> None:
        if self.paragraph_lines:
            self.paragraphs.append(_paragraph_join(self.paragraph_lines))
            self.paragraph_lines = []

    def _flush_bullet(self) -> None:
        if self.bullet_lines:
            self.items.append(_paragraph_join(self.bullet_lines))
            self.bullet_lines = []

    def finish(self) -> tuple[list[str], list[str]]:
        self._flush_paragraph()
        self._flush_bullet()
        return self.paragraphs, self.items


def resume_parse(text: str) -> ParsedResume:
    """Split a resume into its header, sections and entries, keeping all of its words."""
    normalized = text_normalize(text)
    resume = ParsedResume(text=normalized)
    lines = [line for line in normalized.split("\n") if not _PAGE_MARKER.match(line.strip())]
    header, body, unsectioned = _header_and_body(lines)
    if unsectioned:
        resume.sections.append(ResumeSection(heading="Background", kind=OTHER))
    _header_read(resume, header)
    _BodyReader(resume, body).read()
    return resume


def _header_and_body(lines: list[str]) -> tuple[list[str], list[str], bool]:
    """(header lines, body lines, whether the body lacks headings): the header is everything
    before the first section heading, or the first three lines when there is none."""
    index = 0
    header: list[str] = []
    while index < len(lines) and not _section_kind(lines[index]):
        if lines[index].strip():
            header.append(lines[index].strip())
        index += 1
    if index == len(lines) and len(header) > 8:
        return header[:3], header[3:], True
    return header, lines[index:], False


def _header_read(resume: ParsedResume, lines: list[str]) -> None:
    """The name (first line), the headline (the line after it) and the contact details."""
    for position, line in enumerate(lines):
        if position == 0 and _looks_like_name(line):
            resume.name = _HASHES.sub("", line).strip("*_ ")
        elif position <= 1 and not resume.headline and resume.name and _is_headline(line):
            resume.headline = line.strip("*_ ")
        else:
            parts = [p.strip() for p in _CONTACT_SEPARATOR.split(line) if p.strip()]
            resume.contact.extend(cleaned for cleaned in map(_clean_contact, parts) if cleaned)


def _is_headline(line: str) -> bool:
    return not _is_contact(line) and len(line) <= 80


class _BodyReader:
    """Reads the lines below the header into sections, their entries, paragraphs and items."""

    def __init__(self, resume: ParsedResume, lines: list[str]) -> None:
        self.resume = resume
        self.lines = lines
        self.index = 0
        self.section: ResumeSection | None = resume.sections[-1] if resume.sections else None
        self.entry: ResumeEntry | None = None
        self.builder: _EntryBuilder | None = None

    def read(self) -> None:
        while self.index < len(self.lines):
            line = self.lines[self.index].strip()
            self.index += 1
            self._line(line)
        self._block_close()

    def _line(self, line: str) -> None:
        heading = _section_kind(line) if line else None
        if heading:
            self._block_close()
            self.section = ResumeSection(heading=heading[0], kind=heading[1])
            self.resume.sections.append(self.section)
            self.builder = _EntryBuilder()
        elif self.section is None:
            return
        elif line and _is_entry_header(line, self.section.kind):
            self._block_close()
            header = self._entry_header(line)
            title, organisation, dates = _header_split(header)
            self.entry = ResumeEntry(header=header, title=title, organisation=organisation, dates=dates)
            self.builder = _EntryBuilder()
        else:
            self.builder = self.builder or _EntryBuilder()
            self.builder.line(line)

    def _entry_header(self, line: str) -> str:
        """The entry's header line with its dates made whole: "2017 –" followed by a line that
        starts "Present" gets its end back, and a leading date range moves to the end."""
        header = _HASHES.sub("", line).strip()
        open_start = _OPEN_HEADER.match(header)
        following = self.lines[self.index].strip() if self.index < len(self.lines) else ""
        end = _LEADING_END.match(following) if open_start else None
        if open_start and end:
            header = f"{open_start.group(1)} – {end.group(1)} {header[open_start.end() :]}"
            self.lines[self.index] = following[end.end() :]
        leading = _LEADING_RANGE.match(header)
        if leading:
            header = f"{header[leading.end() :].strip().rstrip(',')} ({leading.group(1)})"
        return header

    def _block_close(self) -> None:
        """File the lines read since the last heading or header under their entry or section."""
        if self.builder is None or self.section is None:
            return
        paragraphs, items = self.builder.finish()
        target = self.entry if self.entry is not None else self.section
        target.paragraphs.extend(paragraphs)
        target.items.extend(items)
        if self.entry is not None:
            if self.section.kind in (EXPERIENCE, PROJECTS):
                _prose_as_items(self.entry)
            self.section.entries.append(self.entry)
        self.builder = None
        self.entry = None


def _prose_as_items(entry: ResumeEntry) -> None:
    """Plain-text resumes describe a job in prose: each sentence is an achievement."""
    if not entry.items and entry.paragraphs:
        entry.items = [s for p in entry.paragraphs for s in sentences_split(p)]
        entry.paragraphs = []
        entry.items_were_bullets = False
