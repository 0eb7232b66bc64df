"""Resume files to tidy Markdown: PDF (pypdf), DOCX (python-docx), plain text and Markdown.

The file type is read from the content (magic bytes, the ZIP's parts, UTF-8 decodability),
never from the file name alone: a PNG called `resume.pdf` is refused, a PDF called
`resume.txt` is read as a PDF. Extracted text becomes Markdown with a `#` title for the
name, `##` headings for section titles (Experience, Education, Skills, ...) and `-` bullets.

Errors are domain errors: 415 for an unsupported type, 400 for a damaged, encrypted or
empty file. Nothing a user uploads can make this raise anything else.

Every parse runs under hard limits (the `_..._MAX` constants below), checked while the
file is read rather than trusted from what the file declares: a ZIP member is inflated in
chunks up to a byte cap, Word XML is counted element by element (no DTDs, no entities)
before python-docx builds a tree, and each PDF page's content stream is measured and its
operators counted before pypdf interprets it. A file over any limit is a 400 saying it is
too complex to read. `resumes.sandbox` adds a CPU-time and memory limit around all of it.
"""

import copy
import io
import logging
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PureWindowsPath
from xml.parsers import expat

from jobforge.errors import DomainError, UnsupportedMediaType, ValidationFailed

logger = logging.getLogger(__name__)

PDF = "pdf"
DOCX = "docx"
TEXT = "text"

ALLOWED_TYPES_MESSAGE = "Upload a PDF, DOCX, TXT or Markdown file."
TOO_COMPLEX_MESSAGE = (
    "This file is too complex to read. Save it again as a simple PDF or Word file, or paste the text instead."
)
# Stop extracting past this many characters: the resume limit (50,000) is far below it.
_TEXT_CEILING = 200_000

# Limits on the work a file may ask for. A real resume stays far below each: a Word
# resume is ~20,000 XML elements (most of them its styles) and a few hundred paragraphs,
# a dense PDF page under 1,000 operators and 15 KB of content.
_PDF_MAX_PAGES = 50
# Decoded content-stream bytes and operators, per page and over the whole file. pypdf
# interprets a text operator in ~20 µs, so the totals keep a file near a second of work.
_PDF_PAGE_CONTENT_MAX_BYTES = 1024 * 1024
_PDF_CONTENT_MAX_BYTES = 4 * 1024 * 1024
_PDF_PAGE_OPERATORS_MAX = 30_000
_PDF_OPERATORS_MAX = 60_000
# Any one PDF stream, decompressed (fonts and images included).
_PDF_STREAM_MAX_BYTES = 16 * 1024 * 1024
# A DOCX is a ZIP: members, and bytes once inflated (counted while inflating, since a
# member's declared size may lie), per member and in total.
_DOCX_MAX_MEMBERS = 1_000
_DOCX_MEMBER_MAX_BYTES = 20 * 1024 * 1024
_DOCX_MAX_UNPACKED_BYTES = 40 * 1024 * 1024
# Elements over all XML parts, nesting depth, and paragraphs (python-docx spends ~50 µs on each).
_DOCX_XML_MAX_ELEMENTS = 200_000
_DOCX_XML_MAX_DEPTH = 100
_DOCX_MAX_PARAGRAPHS = 10_000
_ZIP_CHUNK_BYTES = 64 * 1024

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


def file_too_complex() -> ValidationFailed:
    """The refusal for a file over a parsing limit (or a parse stopped by the sandbox)."""
    return ValidationFailed(TOO_COMPLEX_MESSAGE, details={"file": [TOO_COMPLEX_MESSAGE]})


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


# One PDF content-stream token: strings, names and comments are skipped whole, so only
# operators are counted (an unbalanced string ends at the next parenthesis: still linear).
_PDF_TOKEN = re.compile(
    rb"\((?:[^()\\]|\\.)*\)"
    rb"|<[0-9A-Fa-f\s]*>"
    rb"|/[^\s/\[\]()<>{}%]*"
    rb"|%[^\r\n]*"
    rb"|(?P<operator>[A-Za-z'\"][^\s/\[\]()<>{}%]*)",
    re.DOTALL,
)


def _pdf_operator_count(content: bytes, *, stop_after: int) -> int:
    """Operators in a content stream, counting no further than `stop_after` + 1."""
    count = 0
    for token in _PDF_TOKEN.finditer(content):
        if token.lastgroup == "operator":
            count += 1
            if count > stop_after:
                break
    return count


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import LimitReachedError, PdfReadError

    limits = {
        "maximum_declared_stream_length": _PDF_STREAM_MAX_BYTES,
        "zlib_maximum_output_length": _PDF_STREAM_MAX_BYTES,
        "lzw_maximum_output_length": _PDF_STREAM_MAX_BYTES,
        "run_length_maximum_output_length": _PDF_STREAM_MAX_BYTES,
        "array_based_stream_maximum_output_length": _PDF_STREAM_MAX_BYTES,
        "brotli_maximum_output_length": _PDF_STREAM_MAX_BYTES,
        # pypdf's own budget per stream (operands count too), for the form XObjects a page draws.
        "stream_parsing_work_maximum_count": 4 * _PDF_PAGE_OPERATORS_MAX,
        "page_tree_maximum_entries": 20 * _PDF_MAX_PAGES,
    }
    try:
        with apply_configuration(**limits):
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                try:
                    # Many "protected" PDFs only restrict printing and open with an empty password.
                    opened = reader.decrypt("")
                except Exception:  # unsupported cipher, broken encryption dictionary
                    opened = 0
                if not opened:
                    raise _unreadable(
                        "PDF", "it is password-protected. Remove the password and upload it again."
                    )
            if len(reader.pages) > _PDF_MAX_PAGES:
                raise _unreadable(
                    "PDF", f"it has more than {_PDF_MAX_PAGES} pages, which is too long for a resume."
                )
            pages = []
            total = content_bytes = operators = 0
            for page in reader.pages:
                # Measure the page's drawing instructions before pypdf interprets them: pages
                # may share one stream, so each page counts it again.
                contents = page.get_contents()
                content = contents.get_data() if contents is not None else b""
                content_bytes += len(content)
                if len(content) > _PDF_PAGE_CONTENT_MAX_BYTES or content_bytes > _PDF_CONTENT_MAX_BYTES:
                    raise file_too_complex()
                page_operators = _pdf_operator_count(content, stop_after=_PDF_PAGE_OPERATORS_MAX)
                operators += page_operators
                if page_operators > _PDF_PAGE_OPERATORS_MAX or operators > _PDF_OPERATORS_MAX:
                    raise file_too_complex()
                text = page.extract_text() or ""
                pages.append(text)
                total += len(text)
                if total > _TEXT_CEILING:
                    break
    except DomainError:
        raise
    except (LimitReachedError, MemoryError, RecursionError):
        raise file_too_complex() from None
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


_WORD_PARAGRAPH = "http://schemas.openxmlformats.org/wordprocessingml/2006/main p"


class _TooComplex(Exception):
    """A parsing limit was passed (raised from inside expat's callbacks)."""


class _WordXmlCounter:
    """Counts elements, nesting depth and paragraphs over a DOCX's XML parts as they
    stream in, refusing DTDs (and with them every entity trick)."""

    def __init__(self) -> None:
        self.elements = 0
        self.paragraphs = 0
        self.depth = 0

    def parser(self):
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.StartDoctypeDeclHandler = self._doctype
        parser.EntityDeclHandler = self._doctype
        self.depth = 0
        return parser

    def _start(self, name, attributes) -> None:
        self.elements += 1
        self.depth += 1
        if name == _WORD_PARAGRAPH:
            self.paragraphs += 1
        if (
            self.elements > _DOCX_XML_MAX_ELEMENTS
            or self.depth > _DOCX_XML_MAX_DEPTH
            or self.paragraphs > _DOCX_MAX_PARAGRAPHS
        ):
            raise _TooComplex

    def _end(self, name) -> None:
        self.depth -= 1

    def _doctype(self, *args) -> None:
        raise _TooComplex


def _xml_feed(parser, chunk: bytes, *, final: bool = False):
    """Feed one chunk to expat; the parser, or None once the part proves not well-formed
    (counting stops there: python-docx refuses the part if it is one it reads)."""
    if parser is None:
        return None
    try:
        parser.Parse(chunk, final)
    except expat.ExpatError:
        return None
    return parser


def _docx_unpacked(data: bytes) -> bytes:
    """The DOCX inflated under the limits and packed again without compression.

    Each member is inflated in chunks to the true end of its data, whatever size the ZIP
    directory declares, and refused past the byte caps; XML parts are counted as they
    come. python-docx then reads only the checked copy, so it never inflates anything.
    """
    members: dict[str, bytes] = {}
    counter = _WordXmlCounter()
    unpacked = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        if len(infos) > _DOCX_MAX_MEMBERS:
            raise _TooComplex
        for info in infos:
            if info.is_dir():
                continue
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise zipfile.BadZipFile(f"unexpected compression {info.compress_type}")
            # zipfile stops at the declared size; read on past it so a lie is seen, not trusted.
            unbounded = copy.copy(info)
            unbounded.file_size = 1 << 62
            parser = counter.parser() if info.filename.lower().endswith((".xml", ".rels")) else None
            chunks = []
            size = 0
            with archive.open(unbounded) as stream:
                while chunk := stream.read(_ZIP_CHUNK_BYTES):
                    size += len(chunk)
                    unpacked += len(chunk)
                    if size > _DOCX_MEMBER_MAX_BYTES or unpacked > _DOCX_MAX_UNPACKED_BYTES:
                        raise _TooComplex
                    chunks.append(chunk)
                    parser = _xml_feed(parser, chunk)
            if size != info.file_size:
                raise zipfile.BadZipFile(f"{info.filename}: declared {info.file_size} bytes, holds {size}")
            _xml_feed(parser, b"", final=True)
            members[info.filename] = b"".join(chunks)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as stored:
        for name, content in members.items():
            stored.writestr(name, content)
    return out.getvalue()


def _docx_blocks(data: bytes) -> list[_Block]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(_docx_unpacked(data)))
        blocks: list[_Block] = []
        seen_cells: set[int] = set()
        style_names: dict[str | None, str] = {}
        extracted = 0

        def walk(container) -> None:
            nonlocal extracted
            for item in container.iter_inner_content():
                if extracted > _TEXT_CEILING:
                    return
                if isinstance(item, Paragraph):
                    paragraph_blocks = _docx_paragraph_blocks(item, style_names)
                    extracted += sum(len(block.text) for block in paragraph_blocks)
                    blocks.extend(paragraph_blocks)
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
    except (_TooComplex, MemoryError, RecursionError):
        raise file_too_complex() from None
    except Exception as exc:  # zip, XML and python-docx errors on damaged files
        logger.info("Unreadable DOCX upload: %r", exc)
        raise _unreadable("DOCX", "the file is damaged or not a valid Word document.") from None
    return blocks


def _docx_style_name(paragraph, style_names: dict[str | None, str]) -> str:
    # python-docx looks a style up by searching the styles part each time: once per id is enough.
    style_id = paragraph._p.style
    if style_id not in style_names:
        try:
            style = paragraph.style
            style_names[style_id] = (style.name or "") if style is not None else ""
        except Exception:  # a style reference to a missing definition
            style_names[style_id] = ""
    return style_names[style_id]


def _docx_paragraph_blocks(paragraph, style_names: dict[str | None, str]) -> list[_Block]:
    text = _normalise(paragraph.text)
    if not text.strip():
        return [_Block("blank")]
    style = _docx_style_name(paragraph, style_names)
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
# Unicode's own line and paragraph separators end a line like a newline does.
_LINE_SEPARATORS = dict.fromkeys(map(ord, "\u2028\u2029\u0085"), "\n")
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
# Wrapped lines are joined into one bullet or paragraph up to this many characters.
_JOINED_LINE_MAX = 5_000
_CONNECTORS = {"and", "or", "of", "the", "to", "with", "for", "in", "on", "a", "an", "at", "by", "as"}


def _normalise(text: str) -> str:
    for ligature, plain in _LIGATURES.items():
        text = text.replace(ligature, plain)
    text = text.translate(_INVISIBLE).translate(_LINE_SEPARATORS)
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


def _atx_heading(line: str) -> tuple[int, str] | None:
    """`## Title ##` → (2, "Title"): a Markdown heading's level and text, or None.

    Plain string steps, no regular expression: a pattern for this backtracks for minutes
    on a long run of `#` or spaces.
    """
    text = line.lstrip("#")
    level = len(line) - len(text)
    if not 1 <= level <= 6 or not text[:1].isspace():
        return None
    text = text.strip()
    # A closing run of `#` goes when a space sets it apart: `## C#` keeps its `#`.
    unclosed = text.rstrip("#")
    if not unclosed or unclosed[-1].isspace():
        text = unclosed.rstrip()
    return level, text


def _classify(raw: str) -> _Block:
    expanded = raw.rstrip().expandtabs(4)
    stripped = _SPACES.sub(" ", expanded).strip()
    if not stripped:
        return _Block("blank")
    indent = len(expanded) - len(expanded.lstrip())
    line = " " * indent + stripped
    atx = _atx_heading(stripped)
    if atx and atx[1] and not _CONTACT.search(atx[1]):
        return _Block(f"h{min(atx[0], 4)}", atx[1])
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
    ending = previous.text[-2:]
    return (
        previous.kind in ("text", "bullet", "number")
        and line.kind == "text"
        and len(ending) == 2
        and ending[1] == "-"
        and ending[0].isalnum()
        and not ending[0].isdecimal()
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
        # A line is joined on while the joined text stays paragraph-sized: past that, copying
        # the growing text for every further line would cost the square of the file.
        joinable = merged and len(merged[-1].text) < _JOINED_LINE_MAX
        if joinable and _hyphen_wrapped(merged[-1], block):
            merged[-1].text += block.text  # "customer-" + "visible downtime"
            continue
        if joinable and _joins_previous(merged[-1], block):
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
        # Past the ceiling the text is refused as too long anyway: tidy no more of it.
        markdown = text_to_markdown(_decode_text(data, filename=filename)[:_TEXT_CEILING])
    if not markdown.strip():
        raise _no_text()
    return markdown


def _cased(text: str) -> str:
    """Words written all in one case (`bruce wayne`, `BRUCE WAYNE`) as a name is written."""
    return text.title() if text.islower() or text.isupper() else text


def resume_name_from_filename(filename: str) -> str:
    """`Jordan_Rivera-Resume.pdf` → `Jordan Rivera Resume`; a fallback for nameless files."""
    stem = PureWindowsPath(filename or "").name  # browsers may send C:\fakepath\...
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    stem = re.sub(r"[_\-\s]+", " ", _normalise(stem)).strip()
    return _cased(stem)[:255] or "Imported resume"


def resume_name_for_import(*, structure: dict, filename: str) -> str:
    """The person's name and headline as the resume states them (`Bruce Wayne — Software
    Engineer`), or a name made from the file's when the resume names no one."""
    basics = (structure or {}).get("basics") or {}
    person = _cased(" ".join(str(basics.get("name") or "").split()))
    headline = " ".join(str(basics.get("label") or "").split())
    if not person:
        return resume_name_from_filename(filename)
    return (f"{person} — {_cased(headline)}" if headline else person)[:255]
