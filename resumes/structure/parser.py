"""Resume text → structure in the JSON Resume vocabulary, each entry with a stable id.

The steps, each a function of its own:
1. `logical_lines`: clean lines (page markers gone, split dates and wrapped text joined);
2. `_sections`: the header (before the first section title), then one block per section;
3. `_basics`: name, label, email, phone, links and location from the header;
4. `_work`: roles, found by their dates; employer, position and location from the
   text around the dates; the lines that follow are the role's highlights;
5. education, skills, certificates, projects, summary and the rest;
6. warnings, in plain words, for what could not be placed.

Imports nothing from Django: the structure is pure data, read and tested on its own.
"""

import re
from dataclasses import dataclass, field

from resumes.structure import dates, vocabulary
from resumes.structure.education import education_entries
from resumes.structure.lines import CITY_STATE_RE, Line, logical_lines

EMAIL_RE = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
PHONE_RE = re.compile(r"(?<!\w)\+?\(?\d{1,4}\)?(?:[ .-]?\(?\d{2,4}\)?){2,4}(?!\w)")
URL_RE = re.compile(r"(?:https?://|www\.)[^\s|,]{2,300}|(?:linkedin|github|gitlab)\.com/[^\s|,]{1,200}", re.I)
# Anonymised resumes stand "Company Name" and "City , State" in for the real ones.
COMPANY_PLACEHOLDER = "Company Name"
_COMPANY_PLACEHOLDER_RE = re.compile(r"\bCompany Name\b")
_STRONG_SEPARATOR = re.compile(r"\s+(?:—|–|-|\||·|•|@)\s+|\s+at\s+")
_CONTACT_SEPARATOR = re.compile(r"\s*(?:\||·|•|◦|♦|\u2022)\s*|\s{2,}")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)%][.!?])\s+(?=[A-Z])")
_LEADING_JUNK = re.compile(r"^[^\w(+]{1,3}\s*")
_STATE_CODES = frozenset(
    [
        "AL",
        "AK",
        "AZ",
        "AR",
        "CA",
        "CO",
        "CT",
        "DE",
        "FL",
        "GA",
        "HI",
        "ID",
        "IL",
        "IN",
        "IA",
        "KS",
        "KY",
        "LA",
        "ME",
        "MD",
        "MA",
        "MI",
        "MN",
        "MS",
        "MO",
        "MT",
        "NE",
        "NV",
        "NH",
        "NJ",
        "NM",
        "NY",
        "NC",
        "ND",
        "OH",
        "OK",
        "OR",
        "PA",
        "RI",
        "SC",
        "SD",
        "TN",
        "TX",
        "UT",
        "VT",
        "VA",
        "WA",
        "WV",
        "WI",
        "WY",
        "DC",
    ]
)
_LABEL_ONLY_LINE = re.compile(r"^[A-Za-z &/]{2,40}:$")
MAX_HEADER_WORDS = 14


@dataclass
class _Block:
    kind: str  # header, summary, work, education, skills, certificates, projects, other
    heading: str = ""
    lines: list[Line] = field(default_factory=list)


# --- sections -----------------------------------------------------------------------------


def _section_kind(line: Line, *, first: bool) -> str | None:
    name = line.text.strip().rstrip(":").strip().lower()
    if len(name) <= 60:
        kind = vocabulary.section_names().get(name) or vocabulary.section_names().get(
            name.replace("&", "and")
        )
        if kind:
            return kind
    if line.heading in (1, 2) and not first and len(name.split()) <= 6 and not re.search(r"[@/\d]", name):
        return "other"
    return None


def _sections(lines: list[Line]) -> list[_Block]:
    blocks = [_Block("header")]
    for index, line in enumerate(lines):
        kind = _section_kind(line, first=index == 0)
        if kind is not None:
            blocks.append(_Block(kind, heading=line.text.rstrip(":").strip()))
            continue
        # "Skills: Python, SQL" on one line: the section and its content.
        label, colon, rest = line.text.partition(":")
        inline = vocabulary.section_names().get(label.strip().lower()) if colon and rest.strip() else None
        if inline in ("skills", "certificates"):
            blocks.append(_Block(inline, heading=label.strip(), lines=[Line(rest.strip())]))
        else:
            blocks[-1].lines.append(line)
    return blocks


# --- basics -------------------------------------------------------------------------------


def _looks_like_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 5 or any(ch.isdigit() or ch == "@" for ch in text):
        return False
    if vocabulary.has_any(text, vocabulary.title_words()):
        return False
    return all(word[:1].isupper() and re.fullmatch(r"[\w.'’-]+", word) for word in words)


def _looks_like_location(text: str) -> bool:
    if CITY_STATE_RE.fullmatch(text):
        return True
    parts = [part.strip() for part in text.split(",")]
    if len(parts) < 2 or any(ch.isdigit() for ch in text) or len(text) > 80:
        return False
    last = parts[-1]
    return last.upper() in _STATE_CODES or last.lower() in vocabulary.countries() or len(parts) >= 3


def _basics(block: _Block, warnings: list[str]) -> tuple[dict, list[str]]:
    """Contact basics from the header; long sentences there are returned as a summary."""
    basics = {"name": "", "label": "", "email": "", "phone": "", "url": "", "location": "", "profiles": []}
    summary: list[str] = []
    for line in block.lines:
        for piece in _CONTACT_SEPARATOR.split(line.text):
            piece = piece.strip()
            if piece:
                _basics_piece(basics, piece, line=line, summary=summary, warnings=warnings)
    return basics, summary


def _basics_piece(basics: dict, piece: str, *, line: Line, summary: list[str], warnings: list[str]) -> None:
    if len(piece) <= 200:
        email = EMAIL_RE.search(piece)
        if email and not basics["email"]:
            basics["email"] = email.group(0)
            return
        url = URL_RE.search(piece)
        if url:
            _basics_link(basics, url.group(0))
            return
        phone = PHONE_RE.search(piece)
        if phone and not basics["phone"] and sum(ch.isdigit() for ch in phone.group(0)) >= 7:
            basics["phone"] = phone.group(0).strip()
            return
    text = _LEADING_JUNK.sub("", piece) if not piece[:1].isalnum() else piece
    if not text:
        return
    if not basics["name"] and (line.heading == 1 or _looks_like_name(text)) and _looks_like_name(text):
        basics["name"] = text
    elif not basics["label"] and len(text.split()) <= 8 and not text.endswith("."):
        if _looks_like_location(text) and not vocabulary.has_any(text, vocabulary.title_words()):
            basics["location"] = basics["location"] or text
        else:
            basics["label"] = text
    elif not basics["location"] and _looks_like_location(text):
        basics["location"] = text
    elif len(text.split()) >= 8:
        summary.append(text)
    else:
        warnings.append(f"Not placed from the top of the resume: “{text}”.")


def _basics_link(basics: dict, url: str) -> None:
    lowered = url.lower()
    for network in ("linkedin", "github", "gitlab"):
        if network in lowered:
            username = url.rstrip("/").rsplit("/", 1)[-1]
            basics["profiles"].append({"network": network.capitalize(), "username": username, "url": url})
            return
    if not basics["url"]:
        basics["url"] = url


# --- roles --------------------------------------------------------------------------------


def _is_role_anchor(line: Line) -> dates.DateSpan | None:
    """The dates of a line that opens a role, or None for a line that only mentions a year."""
    if line.bullet and line.heading == 0:
        return None
    span = dates.date_range_find(line.text)
    if span is None:
        return None
    text = line.text
    rest = (text[: span.begin] + " " + text[span.stop :]).strip(" ,|-–—()")
    if not rest or dates.is_date_only(text):
        return span
    at_edge = span.begin <= 1 or span.stop >= len(text) - 1
    short = len(rest.split()) <= MAX_HEADER_WORDS and not rest.endswith(".")
    has_range = bool(dates.RANGE_RE.search(text))
    if (has_range and short) or (at_edge and short and (has_range or span.begin <= 1)):
        return span
    return None


def _is_header_line(line: Line) -> bool:
    """A short line of employer, title or place beside a role's dates (not a highlight)."""
    text = line.text
    if (
        line.bullet
        or len(text.split()) > MAX_HEADER_WORDS
        or text.endswith(";")
        or (text.endswith(".") and not text.endswith(("Inc.", "Co.", "Ltd.", "Corp.")))
    ):
        return False
    if _COMPANY_PLACEHOLDER_RE.search(text) or CITY_STATE_RE.search(text):
        return True
    if _looks_like_location(text):
        return True
    return vocabulary.has_any(text, vocabulary.employer_words()) and len(text.split()) <= MAX_HEADER_WORDS


def _is_title_line(line: Line) -> bool:
    text = line.text
    return (
        not line.bullet
        and len(text.split()) <= 8
        and not text.endswith((".", ",", ";"))
        and _head_word_is_title(text)
    )


def _head_word_is_title(text: str) -> bool:
    """'Senior Accountant', 'Engineer III', 'Software Engineer (Front-End)': the last word names a job."""
    if len(text) > 300:
        return False  # no job title is this long
    core = re.sub(r"\([^)]{0,60}\)", " ", text)
    tokens = [t for t in vocabulary.words(core) if not re.fullmatch(r"(?:i{1,3}|iv|v|\d)", t)]
    if "of" in tokens[1:]:
        tokens = tokens[: tokens.index("of", 1)]  # "Director of Nursing", "Head of Product"
    if not tokens or tokens[-1] in vocabulary.employer_words():
        return False  # "Partners", "Associates": a firm, not a job
    last = tokens[-1]
    return last in vocabulary.title_words() or (last.endswith("s") and last[:-1] in vocabulary.title_words())


def _fragment_kind(fragment: str) -> str:
    if fragment == COMPANY_PLACEHOLDER:
        return "employer"
    if (
        CITY_STATE_RE.fullmatch(fragment)
        or fragment.upper() in _STATE_CODES
        or fragment.lower() in vocabulary.countries()
        or ("," in fragment and _looks_like_location(fragment))
    ):
        return "location"
    if _head_word_is_title(fragment):
        return "position"
    if vocabulary.has_any(fragment, vocabulary.employer_words()):
        return "employer"
    if vocabulary.has_any(fragment, vocabulary.title_words()):
        return "position?"
    return "unknown"


_CONNECTORS = frozenset(("of", "for", "and", "&", "to", "in", "at", "with", "/"))


def _split_run(text: str) -> list[str]:
    """'Accounting Tutor Sole Proprietorship' → ['Accounting Tutor', 'Sole Proprietorship'];
    'Director of Information Technology' and 'Vice President, Finance' stay whole."""
    tokens = text.split()
    if len(tokens) > 2 * MAX_HEADER_WORDS or text == COMPANY_PLACEHOLDER or _head_word_is_title(text):
        return [text]
    for index in range(len(tokens) - 1, 0, -1):
        head, rest = " ".join(tokens[:index]), tokens[index:]
        if _head_word_is_title(head) and not head.endswith(",") and rest[0].lower() not in _CONNECTORS:
            return [head, " ".join(rest)]
    return [text]


def _strip_piece(piece: str) -> str:
    piece = piece.strip(" ,;:-–—|·•").rstrip("(").lstrip(")").strip(" ,;:-–—|·•")
    if piece.startswith("(") and ")" not in piece:
        piece = piece[1:]
    if piece.endswith(")") and "(" not in piece:
        piece = piece[:-1]
    return piece.strip()


def _header_fragments(text: str) -> tuple[list[str], list[str]]:
    """The header's employer/title pieces and its location pieces."""
    locations = [m.group(0) for m in CITY_STATE_RE.finditer(text)]
    text = CITY_STATE_RE.sub(" | ", text)
    text = _COMPANY_PLACEHOLDER_RE.sub(f" | {COMPANY_PLACEHOLDER} | ", text)
    pieces = [_strip_piece(p) for p in _STRONG_SEPARATOR.split(text)]
    pieces = [p for p in pieces if p]
    if len(pieces) == 1 and "," in pieces[0] and not _head_word_is_title(pieces[0]):
        pieces = [p.strip() for p in pieces[0].split(",") if p.strip()]
    # Trailing "City, ST" / country pieces are the place.
    trailing: list[str] = []
    while len(pieces) > 1 and _fragment_kind(pieces[-1]) == "location":
        trailing.insert(0, pieces.pop())
    if trailing and len(pieces) > 2 and _fragment_kind(pieces[-1]) == "unknown":
        trailing.insert(0, pieces.pop())
    locations.extend([", ".join(trailing)] if trailing else [])
    if any(_fragment_kind(p) == "employer" and _split_run(p) == [p] for p in pieces) and len(pieces) > 1:
        return pieces, locations
    split: list[str] = []
    for piece in pieces:
        split.extend(
            _split_run(piece) if _fragment_kind(piece) in ("unknown", "position?", "employer") else [piece]
        )
    return split, locations


def _assign(fragments: list[str]) -> tuple[str, str]:
    """(employer, position) from the header pieces."""
    kinds = [_fragment_kind(f) for f in fragments]
    position = next((f for f, k in zip(fragments, kinds, strict=True) if k == "position"), "")
    employer = next((f for f, k in zip(fragments, kinds, strict=True) if k == "employer"), "")
    rest = [f for f in fragments if f not in (position, employer)]
    if not position and rest:
        guess = next((f for f in rest if _fragment_kind(f) == "position?"), rest[0])
        position = guess
        rest.remove(guess)
    if not employer and rest:
        employer = ", ".join(rest) if len(rest) <= 2 else rest[0]
    return employer, position


@dataclass
class _Role:
    span: dates.DateSpan | None
    header: list[str] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    # Title or employer lines standing above the dates ("ABC Company" / "Engineer" / "May 2023 – …").
    above: list[str] = field(default_factory=list)
    # "### Position — Employer": a heading that says which is which.
    titled: tuple[str, str] | None = None


def _is_plain_short_line(line: Line) -> bool:
    text = line.text
    return (
        not line.bullet
        and len(text.split()) <= 10
        and not text.endswith((".", ",", ";", ":"))
        and dates.date_range_find(text) is None
    )


def _adopt_lines_above(roles: list["_Role"], before: list[Line]) -> None:
    """A role whose header lacks its title or employer takes them from the short lines just above it."""
    for index, role in enumerate(roles):
        if role.titled is not None:
            continue
        employer, position = _assign(_header_fragments(_header_text(role))[0])
        wanted = (not employer or employer == role.header[0]) + (not position)
        above = roles[index - 1].body if index else before
        while wanted and above and _is_plain_short_line(above[-1]):
            role.above.insert(0, above.pop().text)
            wanted -= 1


def _roles(lines: list[Line]) -> tuple[list[_Role], list[Line]]:
    """Group the section's lines into roles; the lines before the first role are returned apart."""
    roles: list[_Role] = []
    before: list[Line] = []
    for line in lines:
        span = _is_role_anchor(line)
        current = roles[-1] if roles else None
        if line.heading >= 3 and span is None:
            position, dash, employer = line.text.partition(" — ")
            titled = (position.strip(), employer.strip()) if dash else None
            roles.append(_Role(None, header=[] if titled else [line.text], titled=titled))
            continue
        if (
            current is not None
            and current.span is None
            and not current.body
            and len(line.text.split()) <= MAX_HEADER_WORDS
            and dates.date_range_find(line.text) is not None
        ):
            current.span = dates.date_range_find(line.text)  # the heading's "City · Jun 2019 – Present"
            current.header.append(line.text)
            continue
        if span is not None:
            if (
                current is not None
                and not current.body
                and current.span is not None
                and ((current.span.start, current.span.end) == (span.start, span.end))
            ):
                continue  # the same dates again under the role's title: nothing new
            roles.append(_Role(span, header=[line.text]))
            continue
        if current is not None and not current.body and _needs_header(current):
            line = _header_then_text(line, current)
        if current is None:
            before.append(line)
        elif (
            not current.body
            and len(current.header) < 3
            and not line.bullet
            and (
                (_is_header_line(line) and (_header_incomplete(current) or _looks_like_location(line.text)))
                or (_needs_header(current) and _is_plain_short_line(line))
            )
        ):
            current.header.append(line.text)
        elif not line.bullet and _LABEL_ONLY_LINE.match(line.text):
            continue  # "Responsibilities:"
        else:
            current.body.append(line)
    _adopt_lines_above(roles, before)
    return roles, before


def _header_then_text(line: Line, role: _Role) -> Line:
    """'Assistant Company Name - City , State Established working…': header, then a highlight."""
    place = CITY_STATE_RE.search(line.text)
    if place is None or len(line.text[place.end() :].split()) < 5:
        return line
    role.header.append(line.text[: place.end()])
    return Line(line.text[place.end() :].strip(), bullet=line.bullet)


def _header_incomplete(role: _Role) -> bool:
    if role.titled is not None:
        return False
    employer, position = _assign(_header_fragments(_header_text(role))[0])
    return not employer or not position


def _needs_header(role: _Role) -> bool:
    """A role whose dates stood alone still waits for its title and employer line."""
    if role.span is None:
        return False
    joined = " ".join(role.header)
    return dates.is_date_only(joined)


def _sentences(text: str) -> list[str]:
    if len(text) < 160:
        return [text]
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def _header_text(role: _Role) -> str:
    header = " | ".join(role.header)
    if role.span is not None and header:
        if dates.RANGE_RE.search(header):
            return dates.RANGE_RE.sub(" | ", header, count=1)
        return dates.DATE_RE.sub(" | ", header, count=1)
    return header


def _role_entry(role: _Role, number: int) -> dict:
    fragments, locations = _header_fragments(_header_text(role))
    if role.titled is not None:
        position, employer = role.titled
        locations = [_strip_piece(_header_text(role).replace(" | ", " "))]
    else:
        employer, position = _assign(fragments)
    for line in role.above:
        # Lines above the dates: the one naming a job is the title, the other the employer.
        if not position and (_head_word_is_title(line) or employer):
            position = line
        elif not employer or (employer not in fragments[:1] and not _head_word_is_title(line)):
            employer = line if not employer or employer == position else employer
        elif not position:
            position = line
    entry_id = f"w{number}"
    highlights: list[dict] = []
    for line in role.body:
        for sentence in _sentences(line.text):
            highlights.append({"id": f"{entry_id}h{len(highlights) + 1}", "text": sentence})
    return {
        "id": entry_id,
        "name": employer,
        "position": position,
        "location": locations[0] if locations else "",
        "startDate": role.span.start if role.span else "",
        "endDate": role.span.end if role.span else "",
        "highlights": highlights,
    }


def _work(block: _Block, offset: int, warnings: list[str]) -> list[dict]:
    roles, before = _roles(block.lines)
    entries = [_role_entry(role, offset + index) for index, role in enumerate(roles, start=1)]
    for line in before:
        warnings.append(f"Not placed under a role in “{block.heading}”: “{_short(line.text)}”.")
    warnings.extend(role_warnings(entries))
    return entries


def role_warnings(work: list[dict]) -> list[str]:
    """A role without its employer, title or dates cannot be kept faithfully: ask the user."""
    warnings = []
    for entry in work:
        missing = [
            label
            for label, key in (("employer", "name"), ("job title", "position"), ("dates", "startDate"))
            if not entry.get(key)
        ]
        if missing:
            what = entry.get("position") or entry.get("name") or "a role"
            warnings.append(f"No {' or '.join(missing)} found for “{_short(what)}”: please check.")
    return warnings


# --- the other sections -------------------------------------------------------------------


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _education(block: _Block, offset: int, warnings: list[str]) -> list[dict]:
    entries, unread = education_entries([line.text for line in block.lines], offset)
    warnings.extend(
        f"Not read as a school or a degree in “{block.heading}”: “{_short(text)}”." for text in unread
    )
    return entries


def _skills(block: _Block, offset: int) -> list[dict]:
    """'Languages: Python, Go' lines become named groups; the rest one group of keywords.

    A comma-separated list wrapped over lines is joined first ("Google Cloud" / "Platform"),
    while a list with one skill a line keeps each line as a keyword.
    """
    groups: list[dict] = []
    loose: list[str] = []
    for line in block.lines:
        label, colon, rest = line.text.partition(":")
        if colon and 0 < len(label.split()) <= 4 and rest.strip():
            groups.append({"name": label.strip(), "keywords": _keywords(rest)})
        else:
            loose.append(line.text)
    if loose:
        listed = any("," in line for line in loose)
        keywords = _keywords(" ".join(loose)) if listed else [k for line in loose for k in _keywords(line)]
        groups.insert(0, {"name": block.heading or "Skills", "keywords": keywords})
    return [
        {"id": f"s{offset + index}", "name": group["name"], "keywords": group["keywords"]}
        for index, group in enumerate(groups, start=1)
    ]


def _keywords(text: str) -> list[str]:
    parts = re.split(r"\s*(?:,|;|\||•|·)\s*", text)
    return [part.strip(" .") for part in parts if part.strip(" .")]


def _certificates(block: _Block, offset: int) -> list[dict]:
    entries = []
    for line in block.lines:
        span = dates.date_range_find(line.text)
        name = line.text
        if span is not None:
            name = (line.text[: span.begin] + line.text[span.stop :]).strip(" ,;-–—()")
        issuer = ""
        for dash in (" – ", " — ", " - "):
            if dash in name:
                name, _, issuer = name.partition(dash)
                break
        entries.append(
            {
                "id": f"c{offset + len(entries) + 1}",
                "name": name.strip(),
                "issuer": issuer.strip(),
                "date": span.start if span else "",
            }
        )
    return entries


def _projects(block: _Block, offset: int) -> list[dict]:
    projects: list[dict] = []
    for line in block.lines:
        is_title = (
            not line.bullet and (line.heading or len(line.text.split()) <= 8) and not line.text.endswith(".")
        )
        if is_title or not projects:
            span = dates.date_range_find(line.text)
            name = line.text
            if span is not None and is_title:
                name = (line.text[: span.begin] + line.text[span.stop :]).strip(" ,;:-–—()")
            project_id = f"p{offset + len(projects) + 1}"
            projects.append(
                {"id": project_id, "name": name if is_title else "", "description": "", "highlights": []}
            )
            if is_title:
                continue
        project = projects[-1]
        for sentence in _sentences(line.text):
            project["highlights"].append(
                {"id": f"{project['id']}h{len(project['highlights']) + 1}", "text": sentence}
            )
    return projects


# --- the whole --------------------------------------------------------------------------------


def resume_structure_parse(text: str) -> dict:
    """The structure of a resume's text (Markdown or plain), with warnings for what was not placed."""
    warnings: list[str] = []
    blocks = _sections(logical_lines(text))
    basics, header_summary = _basics(blocks[0], warnings)
    structure: dict = {
        "basics": basics,
        "summary": "",
        "work": [],
        "education": [],
        "skills": [],
        "certificates": [],
        "projects": [],
        "other": [],
        "warnings": warnings,
    }
    summary = list(header_summary)
    for block in blocks[1:]:
        if block.kind == "summary":
            summary.extend(line.text for line in block.lines)
        elif block.kind == "work":
            structure["work"].extend(_work(block, len(structure["work"]), warnings))
        elif block.kind == "education":
            structure["education"].extend(_education(block, len(structure["education"]), warnings))
        elif block.kind == "skills":
            structure["skills"].extend(_skills(block, len(structure["skills"])))
        elif block.kind == "certificates":
            structure["certificates"].extend(_certificates(block, len(structure["certificates"])))
        elif block.kind == "projects":
            structure["projects"].extend(_projects(block, len(structure["projects"])))
        elif block.lines:
            structure["other"].append(
                {"heading": block.heading, "lines": [line.text for line in block.lines]}
            )
    structure["summary"] = " ".join(summary).strip()
    if not structure["work"]:
        warnings.append("No work experience was found. Add a section titled “Experience” with your roles.")
    return structure
