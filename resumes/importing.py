"""Resume files to tidy Markdown: PDF (pypdf), DOCX (python-docx), plain text and Markdown.

The file type is read from the content (magic bytes, the ZIP's parts, UTF-8 decodability),
never from the file name alone: a PNG called `resume.pdf` is refused, a PDF called
`resume.txt` is read as a PDF. Extracted text becomes Markdown with a `#` title for the
name, `##` headings for section titles (Experience, Education, Skills, ...) and `-` bullets.

Errors are domain errors: 415 for an unsupported type, 400 for a damaged, encrypted or
empty file. Nothing a user uploads can make this raise anything else.
"""

import io
import logging
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PureWindowsPath

from jobforge.errors import DomainError, UnsupportedMediaType, ValidationFailed

logger = logging.getLogger(__name__)

PDF = "pdf"
DOCX = "docx"
TEXT = "text"

ALLOWED_TYPES_MESSAGE = "Upload a PDF, DOCX, TXT or Markdown file."
# Stop extracting past this many characters: the resume limit is far below it.
_TEXT_CEILING = 200_000
_PDF_MAX_PAGES = 50
# A DOCX larger than this once unpacked is refused (a small ZIP can unpack to gigabytes).
_DOCX_MAX_UNPACKED_BYTES = 50 * 1024 * 1024
_TEXT_EXTENSIONS = (".txt", ".text", ".md", ".markdown")

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"


def _no_text() -> ValidationFailed:
    return ValidationFailed(
        "No text could be extracted from this file.",
        details={"file": ["No text could be extracted from this file (is it a scan or an image?)."]},
    )


def _unreadable(kind: str, reason: str) -> ValidationFailed:
    return ValidationFailed(
        f"This {kind} file could not be read: {reason}",
        details={"file": [f"This {kind} file could not be read: {reason}"]},
    )


def _unsupported(hint: str = "") -> UnsupportedMediaType:
    message = f"Unsupported file type. {ALLOWED_TYPES_MESSAGE}"
    if hint:
        message = f"{message} {hint}"
    return UnsupportedMediaType(message, details={"file": [message]})


# --- type detection -------------------------------------------------------------


def resume_file_kind(*, data: bytes, filename: str = "") -> str:
    """`pdf`, `docx` or `text`, decided from the bytes; UnsupportedMediaType otherwise."""
    if not data:
        raise _no_text()
    # The PDF header may follow a little junk (the spec allows up to 1024 bytes).
    if b"%PDF-" in data[:1024]:
        return PDF
    if data.startswith(_ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            if filename.lower().endswith(".docx"):
                raise _unreadable("DOCX", "the file is damaged.") from None
            raise _unsupported() from None
        if "word/document.xml" in names:
            return DOCX
        raise _unsupported("This archive is not a Word document.")
    if data.startswith(_OLE2_MAGIC):
        raise _unsupported("Older Word .doc files are not supported: save it as DOCX or PDF.")
    if data.lstrip()[:5] == b"{\\rtf":
        raise _unsupported("RTF files are not supported: save it as DOCX or PDF.")
    _decode_text(data, filename=filename)
    return TEXT


def _decode_text(data: bytes, *, filename: str) -> str:
    """Decode text bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, or, for a file
    named as text, Windows-1252. Binary content is UnsupportedMediaType."""
    text = None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            text = None
    if text is None:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = None
    if text is None and filename.lower().endswith(_TEXT_EXTENSIONS) and not _has_binary_controls(data):
        # Legacy editors save Windows-1252; every byte but five decodes, so refuse if any fails.
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = None
    if text is None or _looks_binary(text):
        raise _unsupported()
    return text


def _has_binary_controls(data: bytes) -> bool:
    return any(byte < 32 and byte not in (9, 10, 12, 13) for byte in data[:65536])


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if "\x00" in sample:
        return True
    controls = sum(1 for char in sample if ord(char) < 32 and char not in "\t\n\r\f")
    return controls > max(2, len(sample) // 100)


# --- extraction -----------------------------------------------------------------


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                # Many "protected" PDFs only restrict printing and open with an empty password.
                opened = reader.decrypt("")
            except Exception:  # unsupported cipher, broken encryption dictionary
                opened = 0
            if not opened:
                raise _unreadable("PDF", "it is password-protected. Remove the password and upload it again.")
        if len(reader.pages) > _PDF_MAX_PAGES:
            raise _unreadable(
                "PDF", f"it has more than {_PDF_MAX_PAGES} pages, which is too long for a resume."
            )
        pages = []
        total = 0
        for page in reader.pages:
            text = page.extract_text() or ""
            pages.append(text)
            total += len(text)
            if total > _TEXT_CEILING:
                break
    except DomainError:
        raise
    except PdfReadError as exc:
        logger.info("Unreadable PDF upload: %s", exc)
        raise _unreadable("PDF", "the file is damaged or not a valid PDF.") from None
    except Exception as exc:  # pypdf raises many types on malformed input
        logger.info("Unreadable PDF upload: %r", exc)
        raise _unreadable("PDF", "the file is damaged or not a valid PDF.") from None
    return "\n\n".join(pages)


@dataclass
class _Block:
    """One line of the resume: its kind (h1..h4, bullet, number, text, raw, blank) and text."""

    kind: str
    text: str = ""
    depth: int = 0
    marker: str = ""


def _docx_blocks(data: bytes) -> list[_Block]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > _DOCX_MAX_UNPACKED_BYTES:
            raise _unreadable("DOCX", "it is too large once unpacked.")
        document = docx.Document(io.BytesIO(data))
        blocks: list[_Block] = []
        seen_cells: set[int] = set()

        def walk(container) -> None:
            for item in container.iter_inner_content():
                if isinstance(item, Paragraph):
                    blocks.extend(_docx_paragraph_blocks(item))
                elif isinstance(item, Table):
                    for row in item.rows:
                        for cell in row.cells:
                            # Merged cells appear once per grid position: read each once.
                            if id(cell._tc) in seen_cells:
                                continue
                            seen_cells.add(id(cell._tc))
                            walk(cell)
                    blocks.append(_Block("blank"))

        header = document.sections[0].header if document.sections else None
        if header is not None and not header.is_linked_to_previous:
            walk(header)
            blocks.append(_Block("blank"))
        walk(document)
    except DomainError:
        raise
    except Exception as exc:  # zip, XML and python-docx errors on damaged files
        logger.info("Unreadable DOCX upload: %r", exc)
        raise _unreadable("DOCX", "the file is damaged or not a valid Word document.") from None
    return blocks


def _docx_paragraph_blocks(paragraph) -> list[_Block]:
    text = _normalise(paragraph.text)
    if not text.strip():
        return [_Block("blank")]
    try:
        style = (paragraph.style.name or "") if paragraph.style is not None else ""
    except Exception:  # a style reference to a missing definition
        style = ""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    p_pr = paragraph._p.pPr
    numbered = p_pr is not None and p_pr.numPr is not None
    if style == "Title":
        return [_Block("h1", " ".join(lines))]
    heading = re.fullmatch(r"Heading (\d)", style)
    if heading:
        level = min(int(heading.group(1)) + 1, 4)
        return [_Block(f"h{level}", " ".join(lines))]
    if style.startswith("List Number"):
        return [_Block("number", " ".join(lines), marker="1.")]
    if numbered or style.startswith(("List Bullet", "List Paragraph", "List")):
        classified = _classify(lines[0])
        first = classified.text if classified.kind == "bullet" else lines[0]
        return [_Block("bullet", " ".join([first, *lines[1:]]))]
    return [_classify(line) for line in lines]


# --- text to Markdown -----------------------------------------------------------

_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

_BULLET = re.compile(
    r"^(?P<indent>\s*)"
    r"(?:[•●○◦▪▫■□‣⁃∙·◆◇►▶➢➤✓✔❖\uf000-\uf0ff]\s*|[-*+–—]\s+|o\s+(?=[A-Z]))"
    r"(?P<text>\S.*)$"
)
_NUMBERED = re.compile(r"^(?P<indent>\s*)(?P<number>\d{1,2})[.)]\s+(?P<text>\S.*)$")
# A bullet glyph alone on its line: PDF text often puts it apart from the item's text.
_LONE_MARKER = re.compile(r"^[•●○◦▪▫■□‣⁃∙·◆◇►▶➢➤✓✔❖\uf000-\uf0ff]$")
_ATX = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_DECORATION = re.compile(r"^[\s\-_=*~.•·]{3,}$")
_CONTACT = re.compile(r"@|://|www\.|\d{3}\)?[ .-]\d{3}")

# Section titles that become `##` headings in any letter case.
_SECTION_TITLES = {
    "summary",
    "professional summary",
    "career summary",
    "executive summary",
    "summary of qualifications",
    "profile",
    "professional profile",
    "about",
    "about me",
    "objective",
    "career objective",
    "experience",
    "work experience",
    "professional experience",
    "relevant experience",
    "employment",
    "employment history",
    "work history",
    "career history",
    "education",
    "education and training",
    "academic background",
    "skills",
    "technical skills",
    "key skills",
    "core skills",
    "skills and abilities",
    "core competencies",
    "competencies",
    "qualifications",
    "highlights",
    "projects",
    "personal projects",
    "key projects",
    "certifications",
    "certificates",
    "licenses and certifications",
    "awards",
    "honors",
    "honors and awards",
    "achievements",
    "accomplishments",
    "publications",
    "languages",
    "interests",
    "hobbies",
    "volunteer experience",
    "volunteering",
    "volunteer work",
    "leadership",
    "activities",
    "affiliations",
    "professional affiliations",
    "memberships",
    "training",
    "courses",
    "coursework",
    "references",
    "contact",
    "contact information",
    "additional information",
    "tools",
    "technologies",
}
# Words that mark an all-caps or colon-ended short line as a section title.
_SECTION_WORDS = {
    "summary",
    "profile",
    "objective",
    "experience",
    "employment",
    "history",
    "education",
    "skills",
    "competencies",
    "qualifications",
    "projects",
    "certifications",
    "certificates",
    "awards",
    "honors",
    "achievements",
    "accomplishments",
    "publications",
    "languages",
    "interests",
    "volunteer",
    "leadership",
    "activities",
    "affiliations",
    "training",
    "courses",
    "references",
    "proficiencies",
    "expertise",
}
_CONNECTORS = {"and", "or", "of", "the", "to", "with", "for", "in", "on", "a", "an", "at", "by", "as"}


def _normalise(text: str) -> str:
    for ligature, plain in _LIGATURES.items():
        text = text.replace(ligature, plain)
    text = text.translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = _CONTROLS.sub("", text)
    return unicodedata.normalize("NFC", text)


def _section_title(line: str) -> str | None:
    """The heading text if `line` is a section title, else None."""
    bare = line.strip().rstrip(":").strip()
    if not bare or len(bare) > 50 or any(char.isdigit() for char in bare):
        return None
    key = re.sub(r"\s+", " ", bare.lower().replace("&", "and"))
    words = re.findall(r"[a-z]+", key)
    if not words or len(words) > 5:
        return None
    letters = [char for char in bare if char.isalpha()]
    all_caps = len(letters) >= 3 and all(char.isupper() for char in letters)
    if key in _SECTION_TITLES or (
        (all_caps or line.strip().endswith(":")) and _SECTION_WORDS.intersection(words)
    ):
        return bare.title() if all_caps else bare
    return None


def _classify(raw: str) -> _Block:
    expanded = raw.rstrip().expandtabs(4)
    stripped = _SPACES.sub(" ", expanded).strip()
    if not stripped:
        return _Block("blank")
    indent = len(expanded) - len(expanded.lstrip())
    line = " " * indent + stripped
    atx = _ATX.match(stripped)
    if atx and atx.group("text") and not _CONTACT.search(atx.group("text")):
        return _Block(f"h{min(len(atx.group('hashes')), 4)}", atx.group("text"))
    if _LONE_MARKER.match(stripped):
        return _Block("marker")
    if _DECORATION.match(stripped):
        return _Block("blank")
    title = _section_title(stripped)
    if title:
        return _Block("h2", title)
    bullet = _BULLET.match(line)
    if bullet:
        return _Block("bullet", bullet.group("text").strip(), depth=min(indent // 2, 3))
    numbered = _NUMBERED.match(line)
    if numbered:
        return _Block(
            "number",
            numbered.group("text").strip(),
            depth=min(indent // 2, 3),
            marker=f"{numbered['number']}.",
        )
    return _Block("text", stripped)


def _joins_previous(previous: _Block, line: _Block) -> bool:
    """A wrapped bullet line: the continuation starts in lower case or the bullet ends mid-phrase."""
    if previous.kind not in ("bullet", "number") or line.kind != "text":
        return False
    if line.text[:1].islower():
        return True
    last_word = previous.text.rsplit(" ", 1)[-1].lower()
    return previous.text.endswith((",", ";", "&", "/", "-", "–", "(")) or last_word in _CONNECTORS


def _hyphen_wrapped(previous: _Block, line: _Block) -> bool:
    """A line broken after the hyphen of a compound word ("post-" / "mortem"): the hyphen stays."""
    return (
        previous.kind in ("text", "bullet", "number")
        and line.kind == "text"
        and re.search(r"[^\W\d_]-$", previous.text) is not None
        and line.text[:1].islower()
    )


def _is_name_line(block: _Block) -> bool:
    text = block.text
    words = text.split()
    return (
        block.kind == "text"
        and 2 <= len(words) <= 5
        and len(text) <= 50
        and not any(char.isdigit() for char in text)
        and not re.search(r"[@|/:;,.!?()]", text)
    )


def _tidy(blocks: list[_Block]) -> list[_Block]:
    merged: list[_Block] = []
    pending_marker = False
    for block in blocks:
        if block.kind == "marker":
            pending_marker = True
            continue
        if pending_marker and block.kind == "text":
            block.kind = "bullet"
        pending_marker = False
        if merged and _hyphen_wrapped(merged[-1], block):
            merged[-1].text += block.text  # "customer-" + "visible downtime"
            continue
        if merged and _joins_previous(merged[-1], block):
            merged[-1].text = f"{merged[-1].text} {block.text}"
            continue
        merged.append(block)
    if not any(block.kind == "h1" for block in merged):
        first = next((block for block in merged if block.kind != "blank"), None)
        if first is not None and _is_name_line(first):
            first.kind = "h1"
    return merged


def _render(blocks: list[_Block]) -> str:
    out: list[str] = []

    def blank_line() -> None:
        if out and out[-1] != "":
            out.append("")

    previous_kind = "blank"
    for block in blocks:
        kind = block.kind
        if kind == "blank":
            blank_line()
        elif kind.startswith("h"):
            blank_line()
            out.append(f"{'#' * int(kind[1])} {block.text}")
            out.append("")
        elif kind in ("bullet", "number"):
            # A list needs a blank line before it, or Markdown folds it into the paragraph.
            if previous_kind not in ("bullet", "number"):
                blank_line()
            marker = "-" if kind == "bullet" else block.marker or "1."
            out.append(f"{'  ' * block.depth}{marker} {block.text}")
        else:
            # Text right after a list item would become part of it: separate them.
            if previous_kind in ("bullet", "number"):
                blank_line()
            text = block.text
            if kind == "text" and text.startswith("#"):
                text = "\\" + text
            out.append(text)
        previous_kind = kind
    return "\n".join(out).strip()


def text_to_markdown(text: str) -> str:
    """Plain or Markdown text to tidy Markdown (headings, `-` bullets, no stray blank lines).

    Fenced code blocks pass through untouched.
    """
    blocks: list[_Block] = []
    in_fence = False
    for raw in _normalise(text).split("\n"):
        if raw.strip().startswith("```"):
            in_fence = not in_fence
            blocks.append(_Block("raw", raw.rstrip()))
            continue
        if in_fence:
            blocks.append(_Block("raw", raw.rstrip()))
            continue
        blocks.append(_classify(raw))
    return _render(_tidy(blocks))


def resume_file_to_markdown(*, data: bytes, filename: str = "") -> str:
    """Extract the text of a PDF, DOCX, TXT or Markdown file as Markdown.

    Raises UnsupportedMediaType (415) for other types and ValidationFailed (400) for a
    damaged, encrypted or textless file.
    """
    kind = resume_file_kind(data=data, filename=filename)
    if kind == PDF:
        markdown = text_to_markdown(_pdf_text(data))
    elif kind == DOCX:
        markdown = _render(_tidy(_docx_blocks(data)))
    else:
        markdown = text_to_markdown(_decode_text(data, filename=filename))
    if not markdown.strip():
        raise _no_text()
    return markdown


def resume_name_from_filename(filename: str) -> str:
    """`Jordan_Rivera-Resume.pdf` → `Jordan Rivera Resume`; a fallback for nameless files."""
    stem = PureWindowsPath(filename or "").name  # browsers may send C:\fakepath\...
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    stem = re.sub(r"[_\-\s]+", " ", _normalise(stem)).strip()
    return stem[:255] or "Imported resume"
