"""From resume text (Markdown or the plain text a PDF gives) to clean logical lines.

Page markers ("1/2", "Page 2 of 3") go; a date split over lines ("April 2015" / "to" /
"Current") is put back together; the end date a two-column PDF pushes onto the next
line ("June 2022 –" / "Present Developing…") goes back to its range; text wrapped at
the page edge is joined to the line it continues. Bullets and headings are remembered.
"""

import re
from dataclasses import dataclass

from resumes.structure import dates, vocabulary

# The anonymised resumes' placeholder for a place ("City , State", "City, State, USA"): the
# role header reader and the education reader both take it out.
CITY_STATE_RE = re.compile(r"\bCity ?, ?State\b(?: ?, ?[A-Z][A-Za-z]{1,20})?")
_HEADING = re.compile(r"^(#{1,6})[ \t]")
_BULLET = re.compile(r"^(?:[-*+•·●▪◦‣⁃∙–]|\d{1,2}[.)])[ \t]+")
_INLINE_BULLET = re.compile(r" [*•] ")
_PAGE_MARKER = re.compile(r"^(?:page[ ]?)?\d{1,3}[ ]?(?:/|of)[ ]?\d{1,3}$", re.IGNORECASE)
_MARKDOWN_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)\*(?!\s)|(?<!\s)\*(?!\w)|`")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u2028\u2029]+")
# A line this long was probably wrapped by the PDF, not ended by the writer.
WRAP_WIDTH = 75


@dataclass
class Line:
    text: str
    heading: int = 0  # Markdown heading level, 0 when not a heading
    bullet: bool = False
    blank_before: bool = False


def _clean(text: str) -> str:
    text = _ESCAPE.sub(r"\1", text)
    text = _MARKDOWN_EMPHASIS.sub("", text)
    return _SPACES.sub(" ", text).strip()


def _split(text: str) -> list[Line]:
    lines: list[Line] = []
    blank = False
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = raw.strip()
        if not stripped or stripped in ("---", "***", "___"):
            blank = True
            continue
        heading = 0
        match = _HEADING.match(stripped)
        if match:
            heading = len(match.group(1))
            stripped = stripped[match.end() :].rstrip("#").strip()
        bullet = False
        match = _BULLET.match(stripped)
        if match and not heading:
            bullet = True
            stripped = stripped[match.end() :]
        # "Role line * first duty * second duty": bullets a PDF ran into one line.
        for number, piece in enumerate(_INLINE_BULLET.split(stripped)):
            text_ = _clean(piece)
            if not text_ or _PAGE_MARKER.match(text_):
                continue
            lines.append(Line(text_, heading=heading, bullet=bullet or number > 0, blank_before=blank))
            blank = False
    return lines


def _join_split_dates(lines: list[Line]) -> list[Line]:
    """'April 2015' / 'to' / 'Current' → 'April 2015 to Current'."""
    out: list[Line] = []
    for line in lines:
        previous = out[-1] if out else None
        if (
            previous is not None
            and not line.heading
            and not previous.heading
            and dates.is_date_only(previous.text)
            and (dates.is_date_only(line.text) or line.text.lower() in ("to", "-", "–", "—"))
            and len(previous.text) < 40
        ):
            previous.text = f"{previous.text} {line.text}"
            continue
        out.append(line)
    return out


def _reattach_end_dates(lines: list[Line]) -> None:
    """'June 2022 – Engineer, Google' / 'Present Built…' → the range on the first line."""
    for index in range(len(lines) - 1):
        line, following = lines[index], lines[index + 1]
        if dates.RANGE_RE.search(line.text):
            continue
        start = dates.START_DASH_RE.match(line.text)
        if start is None:
            continue
        end = dates.LEADING_END_RE.match(following.text)
        if end is None:
            continue
        line.text = f"{line.text[: start.end()]}{end.group('end')} {line.text[start.end() :]}"
        following.text = following.text[end.end() :].strip()
    lines[:] = [line for line in lines if line.text]


def _is_section_title(text: str) -> bool:
    return text.strip().rstrip(":").strip().lower() in vocabulary.section_names()


def _wrap_width(lines: list[Line]) -> int:
    """The width a PDF wrapped this document's lines at (its long lines' typical length)."""
    lengths = sorted(len(line.text) for line in lines)
    if len(lengths) < 5:
        return WRAP_WIDTH
    return max(WRAP_WIDTH, int(lengths[int(len(lengths) * 0.9)] * 0.85))


def _continues(previous: Line, line: Line, *, wrap_width: int) -> bool:
    """Is `line` the rest of `previous`, wrapped at the page edge?"""
    if line.heading or previous.heading or line.bullet or line.blank_before:
        return False
    if _is_section_title(line.text) or _is_section_title(previous.text):
        return False
    if dates.date_range_find(line.text) and dates.is_date_only(line.text):
        return False
    if "@" in line.text.split(" ", 1)[0] or line.text.startswith(("http", "www.")):
        return False  # an email or a link starts a contact line of its own
    first = line.text[0]
    ends_sentence = previous.text.endswith((".", "!", "?", ":"))
    wrapped = len(previous.text) >= wrap_width
    if first.islower() and (wrapped or not ends_sentence):
        return True
    if previous.text.endswith((",", "-", "&", "/", "(")) or previous.text.endswith(
        (" and", " or", " of", " the")
    ):
        return True
    # Prose wrapped at the page edge: a long line with a full stop inside it that does not
    # end with one goes on on the next line, whatever its first letter.
    return wrapped and not ends_sentence and ". " in previous.text and not dates.RANGE_RE.search(line.text)


def logical_lines(text: str) -> list[Line]:
    lines = _join_split_dates(_split(text))
    _reattach_end_dates(lines)
    wrap_width = _wrap_width(lines)
    out: list[Line] = []
    for line in lines:
        if out and _continues(out[-1], line, wrap_width=wrap_width):
            out[-1].text = f"{out[-1].text} {line.text}"
            continue
        out.append(line)
    return out
