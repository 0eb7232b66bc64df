"""Document export: PDF, DOCX, Markdown and plain text, ready to send to an employer.

All four come from the same Markdown through `documents.rendering`: the PDF from the
sanitized HTML (WeasyPrint), the DOCX and TXT from the same block structure. The PDF
renderer reads nothing but the app's own static assets: `StaticAssetFetcher` refuses
files, the network, redirects and all but small inline images, so even HTML that got
past the sanitizer cannot make the server read a local file or call anyone.
"""

import base64
import binascii
import io
import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

import docx
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Mm, Pt, RGBColor
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from applications.models import Application
from documents.models import Document
from documents.rendering import (
    Block,
    Run,
    markdown_layout_units,
    markdown_to_blocks,
    markdown_to_plain_text,
    markdown_to_safe_html,
)
from documents.services import document_get
from jobforge.errors import NotFound, ValidationFailed
from jobforge.ratelimit import ratelimit_consume


class _MissingGlyphFilter(logging.Filter):
    """WeasyPrint warns once per character that no installed font can draw: for a page of
    an unsupported script that is thousands of log lines. Refused URLs still log."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(".notdef glyph")


logging.getLogger("weasyprint").addFilter(_MissingGlyphFilter())

EXPORT_FORMATS = ("pdf", "docx", "md", "txt")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
}


@dataclass(frozen=True)
class ExportedFile:
    content: bytes
    content_type: str
    filename: str


@dataclass(frozen=True)
class ExportContext:
    """What the templates need besides the Markdown: who wrote it, for which job, when."""

    document_type: str
    author: str
    author_email: str
    company: str
    role: str
    date: date
    page_size: str = "A4"

    @property
    def title(self) -> str:
        if self.document_type == Document.Type.OPTIMIZED_RESUME:
            return f"{self.author} – Resume"
        if self.document_type == Document.Type.COVER_LETTER:
            return f"{self.author} – Cover letter – {self.role} at {self.company}"
        return f"Research report – {self.role} at {self.company}"

    @property
    def date_text(self) -> str:
        # US Letter users write "July 1, 2025"; A4 users "1 July 2025".
        if self.page_size == "Letter":
            return f"{self.date:%B} {self.date.day}, {self.date.year}"
        return f"{self.date.day} {self.date:%B %Y}"


def document_export(
    *, application: Application, document_type: str, export_format: str, version: int | None = None
) -> ExportedFile:
    """The document (its current version, or `version`) as a file in `export_format`.

    Unknown formats and bad version numbers are a ValidationFailed naming what is
    allowed; a missing document or version is NotFound; PDF and DOCX renders past the
    user's JOBFORGE_THROTTLE_EXPORT are RateLimited. The caller scopes the application
    to the user (`application_get_for_user`).
    """
    if export_format not in EXPORT_FORMATS:
        raise ValidationFailed(
            f"Unknown export format {export_format!r}. Allowed: {', '.join(EXPORT_FORMATS)}.",
            details={"format": [f"Must be one of: {', '.join(EXPORT_FORMATS)}."]},
        )
    if version is not None and (isinstance(version, bool) or not isinstance(version, int) or version < 1):
        raise ValidationFailed(
            "The version must be a positive whole number.",
            details={"version": ["Must be a positive whole number."]},
        )
    document = document_get(application=application, document_type=document_type)
    content = document.content
    if version is not None:
        stored = document.versions.filter(number=version).values_list("content", flat=True).first()
        if stored is None:
            raise NotFound(f"Version {version} does not exist.")
        content = stored

    filename = export_filename(application=application, document_type=document_type, version=version)
    extension = export_format
    if export_format == "md":
        body = content.encode("utf-8")
    elif export_format == "txt":
        body = markdown_to_plain_text(content).encode("utf-8")
    else:
        # A PDF or Word file costs a real render: bounded per user, like the AI phases.
        ratelimit_consume(
            scope="export", ident=str(application.user_id), rate=settings.JOBFORGE_THROTTLE_EXPORT
        )
        context = export_context(application=application, document_type=document_type)
        if export_format == "pdf":
            body = document_pdf(markdown=content, context=context)
        else:
            body = document_docx(markdown=content, context=context)
    return ExportedFile(
        content=body, content_type=CONTENT_TYPES[export_format], filename=f"{filename}.{extension}"
    )


def export_filename(*, application: Application, document_type: str, version: int | None = None) -> str:
    """`acme_robotics_senior_backend_engineer_2025_07_01-optimized_resume` (ASCII, no extension)."""
    ascii_name = unicodedata.normalize("NFKD", application.name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^A-Za-z0-9_-]+", "_", ascii_name).strip("_-")[:150] or "application"
    suffix = f"-v{version}" if version is not None else ""
    return f"{base}-{document_type}{suffix}"


def export_context(*, application: Application, document_type: str) -> ExportContext:
    user = application.user
    return ExportContext(
        document_type=document_type,
        author=user.full_name or user.email,
        author_email=user.email,
        company=application.company_name,
        role=application.role_title,
        date=timezone.localdate(),
        page_size=settings.JOBFORGE_PDF_PAGE_SIZE,
    )


# --- Letter furniture --------------------------------------------------------------

_SIGN_OFF = re.compile(
    r"^\W*(sincerely|yours (sincerely|truly|faithfully)|(kind|best|warm|warmest) regards|regards|"
    r"best wishes|respectfully|with (thanks|gratitude|appreciation)|thank you|many thanks|best|cheers)"
    # The phrase alone ("Sincerely,"), or followed by a comma and a name on the same line;
    # "Thank you for your time." is a closing sentence, not a sign-off.
    r"\s*(,(\s+[^\s,]+){0,4})?\W*$",
    re.IGNORECASE,
)


def has_sign_off(markdown: str) -> bool:
    """Whether the letter already closes with "Sincerely," or the like (then none is added)."""
    lines = [line.strip() for line in markdown.strip().splitlines() if line.strip()]
    return any(_SIGN_OFF.match(line) and len(line) <= 40 for line in lines[-4:])


_SALUTATION = re.compile(r"^\W*(dear|hello|hi|greetings|to whom it may concern)\b", re.IGNORECASE)
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_DATE_LINE = re.compile(
    rf"^(\d{{1,2}}(st|nd|rd|th)?\s+({_MONTHS})\s+\d{{4}}"
    rf"|({_MONTHS})\s+\d{{1,2}}(st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})\W*$",
    re.IGNORECASE,
)
# A letter heading is a few lines (name, contact details, date); more is body text.
MAX_HEADING_LINES = 6


@dataclass(frozen=True)
class LetterParts:
    """A cover letter split into its heading (sender, contact lines, date) and its body."""

    sender: str
    contact: tuple[str, ...]
    date_text: str
    body: str


def letter_parts(*, markdown: str, context: ExportContext) -> LetterParts:
    """The letter's own heading if it has one, else the account's name and e-mail and today.

    Letters written by the offline provider (and many edited by hand) start with the
    sender's name, contact details and a date before "Dear ...". Those lines become the
    letterhead instead of being printed twice; the addressee block is always added.
    """
    default_contact = (context.author_email,) if context.author_email != context.author else ()
    default = LetterParts(context.author, default_contact, context.date_text, markdown)
    lines = markdown.splitlines()
    salutation = next(
        (index for index, line in enumerate(lines[: MAX_HEADING_LINES * 2 + 1]) if _SALUTATION.match(line)),
        None,
    )
    if not salutation:  # none, or the letter opens with it: no heading of its own
        return default
    heading = [
        line.strip()
        for line in markdown_to_plain_text("\n".join(lines[:salutation])).splitlines()
        if line.strip() and set(line.strip()) - {"=", "-"}
    ]
    if not heading or len(heading) > MAX_HEADING_LINES:
        return default
    date_text = next((line for line in heading if _DATE_LINE.match(line)), None)
    if date_text:
        heading.remove(date_text)
    sender = context.author
    if heading and heading[0].casefold() == context.author.casefold():
        sender = heading.pop(0)
    return LetterParts(
        sender=sender,
        contact=tuple(heading) or default_contact,
        date_text=date_text or context.date_text,
        body="\n".join(lines[salutation:]),
    )


# --- PDF ---------------------------------------------------------------------------------

# The PDF's base URL. It is never resolved: `StaticAssetFetcher` maps it to the static
# files on disk (".invalid" is a reserved name that no DNS server answers).
PDF_BASE_URL = "https://jobforge.invalid/static/"
_STATIC_PREFIX = urlsplit(PDF_BASE_URL).path
_ASSET_TYPES = {
    ".css": "text/css",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
}
_DATA_IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif"}
MAX_ASSET_BYTES = 2 * 1024 * 1024
# About 8 seconds of PDF layout at the very worst (one-line paragraphs of line breaks);
# 25 times the size of a two-page resume.
MAX_LAYOUT_UNITS = 10_000
MAX_DATA_URL_BYTES = 64 * 1024
_DATA_URL = re.compile(
    r"^data:([a-z]+/[a-z0-9.+-]+)(;[a-z0-9=-]+)*?(;base64)?,(.*)$", re.IGNORECASE | re.DOTALL
)


class FetchRefused(ValueError):
    """A resource the PDF renderer may not load (WeasyPrint skips it with a warning)."""


class StaticAssetFetcher(URLFetcher):
    """WeasyPrint URL fetcher that serves only the app's own static assets, from disk.

    Allowed: `PDF_BASE_URL` + a static path (CSS, fonts, raster images) found by
    Django's staticfiles finders, and `data:` PNG/JPEG/GIF images up to 64 KiB.
    Everything else, `file:`, `http(s):` to anywhere, FTP, other schemes, paths
    outside the static files, is refused without any I/O. Nothing is ever fetched
    over the network, so there is no redirect to follow.
    """

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("https", "data"), allow_redirects=False, fail_on_errors=False)

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        if url[:5].lower() == "data:":
            return self._data_image(url)
        return self._static_asset(url)

    def _data_image(self, url: str) -> URLFetcherResponse:
        if len(url) > MAX_DATA_URL_BYTES * 4 // 3 + 100:
            raise FetchRefused("Inline data is too large.")
        match = _DATA_URL.match(url)
        if match is None or match[1].lower() not in _DATA_IMAGE_TYPES or not match[3]:
            raise FetchRefused("Only base64 PNG, JPEG or GIF images may be inlined.")
        try:
            body = base64.b64decode(match[4], validate=False)
        except (binascii.Error, ValueError):
            raise FetchRefused("Malformed inline image.") from None
        if len(body) > MAX_DATA_URL_BYTES:
            raise FetchRefused("Inline image is too large.")
        return URLFetcherResponse("data:", body, {"Content-Type": match[1].lower()})

    def _static_asset(self, url: str) -> URLFetcherResponse:
        try:
            parts = urlsplit(url)
        except ValueError:
            raise FetchRefused("Malformed URL.") from None
        base = urlsplit(PDF_BASE_URL)
        if (parts.scheme.lower(), parts.netloc.lower()) != (base.scheme, base.netloc):
            raise FetchRefused(f"Only the app's own static files may be loaded, not {parts.scheme}: URLs.")
        path = unquote(parts.path)
        if not path.startswith(_STATIC_PREFIX):
            raise FetchRefused("Not a static file.")
        relative = path.removeprefix(_STATIC_PREFIX)
        pure = PurePosixPath(relative)
        if (
            not relative
            or pure.is_absolute()
            or any(part in {"", ".", ".."} for part in relative.split("/"))
            or "\\" in relative
            or "\x00" in relative
        ):
            raise FetchRefused("Not a static file.")
        content_type = _ASSET_TYPES.get(pure.suffix.lower())
        if content_type is None:
            raise FetchRefused("This kind of file is not a PDF asset.")
        found = finders.find(relative)
        if not found:
            raise FetchRefused("No such static file.")
        with open(found, "rb") as handle:
            body = handle.read(MAX_ASSET_BYTES + 1)
        if len(body) > MAX_ASSET_BYTES:
            raise FetchRefused("Static file too large.")
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


def pdf_from_html(html: str, *, page_size: str = "A4") -> bytes:
    """Render a full HTML page to PDF with only the app's static assets reachable.

    File attachments (`<link rel="attachment">`, `<a rel="attachment">`) are dropped
    after layout, whatever their source: a document export never embeds a file.
    """
    fetcher = StaticAssetFetcher()
    page_css = CSS(
        string=f"@page {{ size: {'A4' if page_size == 'A4' else 'Letter'}; }}", url_fetcher=fetcher
    )
    rendered = HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=fetcher).render(stylesheets=[page_css])
    rendered.metadata.attachments = []
    for page in rendered.pages:
        page.links = [link for link in page.links if link[0] != "attachment"]
    return rendered.write_pdf()


_PDF_TEMPLATES = {
    Document.Type.OPTIMIZED_RESUME: "resume",
    Document.Type.COVER_LETTER: "cover_letter",
    Document.Type.RESEARCH_REPORT: "research_report",
}


def document_html(*, markdown: str, context: ExportContext) -> str:
    """The full HTML page that the PDF is printed from."""
    template = f"documents/pdf/{_PDF_TEMPLATES[context.document_type]}.html"
    letter = None
    if context.document_type == Document.Type.COVER_LETTER:
        letter = letter_parts(markdown=markdown, context=context)
        markdown = letter.body
    return render_to_string(
        template,
        {
            "context": context,
            "letter": letter,
            "body_html": mark_safe(_list_numbers_kept(markdown_to_safe_html(markdown))),  # noqa: S308  (sanitized by nh3)
            "add_sign_off": not has_sign_off(markdown),
            "created": timezone.now(),
        },
    )


_ORDERED_LIST_START = re.compile(r'<ol start="(\d{1,6})">')


def _list_numbers_kept(html: str) -> str:
    """Carry `<ol start="N">` over to the list counter, which WeasyPrint does not read from `start`.

    The PDF stylesheet writes list markers as inline text (so they extract in reading
    order), numbered from the `list-item` counter.
    """
    return _ORDERED_LIST_START.sub(
        lambda match: f'<ol start="{match[1]}" style="counter-reset: list-item {int(match[1]) - 1}">', html
    )


def layout_check(markdown: str) -> None:
    """ValidationFailed when the document asks for more layout than an export may take.

    Real documents stay far below the bound (a two-page resume is about 300 units);
    50000 characters of one-line list items or line breaks would take a minute.
    """
    if markdown_layout_units(markdown) > MAX_LAYOUT_UNITS:
        raise ValidationFailed(
            "This document has too many paragraphs, list items, lines or table cells to lay out "
            "as a PDF or Word file. Shorten it, or export it as Markdown or plain text.",
            details={"format": ["Too long for PDF or DOCX; md and txt are available."]},
        )


def document_pdf(*, markdown: str, context: ExportContext) -> bytes:
    layout_check(markdown)
    return pdf_from_html(document_html(markdown=markdown, context=context), page_size=context.page_size)


# --- DOCX --------------------------------------------------------------------------------

_BODY_FONT = "Calibri"
_CODE_FONT = "Consolas"
_INK = RGBColor(0x1F, 0x29, 0x37)
_ACCENT = RGBColor(0x1E, 0x3A, 0x5F)
_MUTED = RGBColor(0x4B, 0x55, 0x63)
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _XML_UNSAFE.sub("", text)


def _set_font(style, *, name: str, size: float | None = None, bold=None, italic=None, color=None) -> None:
    font = style.font
    font.name = name
    # Built-in heading styles name theme fonts, which win over an explicit name in Word.
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)
        fonts.set(qn("w:eastAsia"), name)
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    if color is not None:
        font.color.rgb = color


def _docx_styles(document) -> None:
    """Named styles a recruiter can restyle in Word: Normal, Title, Heading 1–3, lists, Quote, Code."""
    styles = document.styles
    normal = styles["Normal"]
    _set_font(normal, name=_BODY_FONT, size=10.5, color=_INK)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.1

    title = styles["Title"]
    _set_font(title, name=_BODY_FONT, size=22, bold=True, color=_ACCENT)
    title.paragraph_format.space_after = Pt(4)
    for size, name in ((12.5, "Heading 1"), (11, "Heading 2"), (10.5, "Heading 3")):
        heading = styles[name]
        _set_font(heading, name=_BODY_FONT, size=size, bold=True, italic=False, color=_ACCENT)
        heading.paragraph_format.space_before = Pt(10 if name == "Heading 1" else 6)
        heading.paragraph_format.space_after = Pt(2)
        heading.paragraph_format.keep_with_next = True
    for name in ("Heading 4", "Heading 5", "Heading 6"):
        _set_font(styles[name], name=_BODY_FONT, size=10.5, bold=True, color=_INK)
    for name in ("List Bullet", "List Bullet 2", "List Bullet 3", "List Number", "List Number 2"):
        styles[name].paragraph_format.space_after = Pt(2)
    _set_font(styles["Quote"], name=_BODY_FONT, italic=True, color=_MUTED)

    if "Code" not in [style.name for style in styles]:
        code = styles.add_style("Code", WD_STYLE_TYPE.PARAGRAPH)
        code.base_style = normal
        _set_font(code, name=_CODE_FONT, size=9)
    if "Hyperlink" not in [style.name for style in styles]:
        link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
        link.font.color.rgb = RGBColor(0x1D, 0x4E, 0xD8)
        link.font.underline = True
    for name in ("Letter Sender", "Letter Meta"):
        if name not in [style.name for style in styles]:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = normal
            style.paragraph_format.space_after = Pt(0)
    styles["Letter Sender"].font.bold = True
    styles["Letter Sender"].font.size = Pt(14)
    styles["Letter Meta"].font.color.rgb = _MUTED


def _docx_page(document, *, page_size: str) -> None:
    section = document.sections[0]
    if page_size == "Letter":
        section.page_width, section.page_height = Inches(8.5), Inches(11)
        margin = Inches(0.75)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
        margin = Mm(18)
    section.left_margin = section.right_margin = margin
    section.top_margin = section.bottom_margin = margin


def _docx_properties(document, *, context: ExportContext) -> None:
    props = document.core_properties
    now = timezone.now().replace(microsecond=0)
    props.title = _xml_text(context.title)[:255]
    props.author = props.last_modified_by = _xml_text(context.author)[:255]
    props.subject = Document.Type(context.document_type).label
    props.comments = props.keywords = props.category = ""
    props.created = props.modified = now
    props.revision = 1


def _add_hyperlink(paragraph, run: Run) -> None:
    relation = paragraph.part.relate_to(run.href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), relation)
    element = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), paragraph.part.document.styles["Hyperlink"].style_id)
    properties.append(style)
    for flag, tag in ((run.bold, "w:b"), (run.italic, "w:i"), (run.strike, "w:strike")):
        if flag:
            properties.append(OxmlElement(tag))
    element.append(properties)
    text = OxmlElement("w:t")
    text.text = _xml_text(run.text)
    text.set(qn("xml:space"), "preserve")
    element.append(text)
    hyperlink.append(element)
    paragraph._p.append(hyperlink)


def _add_runs(paragraph, runs: list[Run], *, bold: bool = False) -> None:
    for run in runs:
        if run.text == "\n":
            paragraph.add_run().add_break(WD_BREAK.LINE)
            continue
        if run.href:
            _add_hyperlink(paragraph, run)
            continue
        for index, piece in enumerate(run.text.split("\n")):
            if index:
                paragraph.add_run().add_break(WD_BREAK.LINE)
            if not piece:
                continue
            added = paragraph.add_run(_xml_text(piece))
            added.bold = run.bold or bold or None
            added.italic = run.italic or None
            added.font.strike = run.strike or None
            if run.code:
                added.font.name = _CODE_FONT


def _add_rule(document) -> None:
    paragraph = document.add_paragraph()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "9CA3AF")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


class _DocxBody:
    """Adds paragraphs in named styles and gives each numbered list its own numbering.

    Style ids are looked up once: python-docx resolves a style name on every paragraph
    by scanning all styles, which made long documents take seconds. Each numbered list
    restarts at its own first number (Word would otherwise continue the previous list).
    """

    def __init__(self, document) -> None:
        self.document = document
        self.style_ids: dict[str, str] = {}
        self.num_ids: dict[int, int] = {}

    def paragraph(self, style_name: str = "Normal", text: str = ""):
        paragraph = self.document.add_paragraph(_xml_text(text))
        if style_name != "Normal":
            if style_name not in self.style_ids:
                self.style_ids[style_name] = self.document.styles[style_name].style_id
            paragraph._p.style = self.style_ids[style_name]
        return paragraph

    def number(self, paragraph, *, style_name: str, list_id: int, start: int) -> None:
        if list_id not in self.num_ids:
            numbering = self.document.part.numbering_part.element
            style_num = self.document.styles[style_name].element.pPr.numPr.numId.val
            abstract_id = next(num.abstractNumId.val for num in numbering.num_lst if num.numId == style_num)
            num = numbering.add_num(abstract_id)
            num.add_lvlOverride(ilvl=0).add_startOverride(start)
            self.num_ids[list_id] = num.numId
        number = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        number.get_or_add_ilvl().val = 0
        number.get_or_add_numId().val = self.num_ids[list_id]


def _docx_block(body: _DocxBody, block: Block) -> None:
    if block.kind == "heading":
        style = "Title" if block.level == 1 else f"Heading {min(block.level - 1, 6)}"
        _add_runs(body.paragraph(style), block.runs)
        return
    if block.kind == "rule":
        _add_rule(body.document)
        return
    if block.kind == "table":
        columns = max((len(cells) for _, cells in block.rows), default=0)
        if not columns:
            return
        table = body.document.add_table(rows=len(block.rows), cols=columns)
        table.style = body.document.styles["Table Grid"]
        # Row by row: `table.cell(r, c)` recomputes the whole grid on every call.
        for row, (is_header, cells) in zip(table.rows, block.rows, strict=True):
            for cell, runs in zip(row.cells, cells[:columns], strict=False):
                _add_runs(cell.paragraphs[0], runs, bold=is_header)
        return
    depth = min(block.list_depth, 3)
    suffix = "" if depth <= 1 else f" {depth}"
    if block.kind == "code":
        style = "Code"
    elif block.marker == "bullet":
        style = f"List Bullet{suffix}"
    elif block.marker == "number":
        style = f"List Number{suffix}"
    elif block.list_depth:
        style = f"List Continue{suffix}"
    elif block.quote_depth:
        style = "Quote"
    else:
        style = "Normal"
    paragraph = body.paragraph(style)
    if block.marker == "number" and block.list_id is not None:
        body.number(paragraph, style_name=style, list_id=block.list_id, start=block.number or 1)
    _add_runs(paragraph, block.runs)


def document_docx(*, markdown: str, context: ExportContext) -> bytes:
    """A Word document with the same structure as the Markdown, in editable named styles."""
    layout_check(markdown)
    document = docx.Document()
    _docx_page(document, page_size=context.page_size)
    _docx_styles(document)
    _docx_properties(document, context=context)
    body = _DocxBody(document)
    if context.document_type == Document.Type.COVER_LETTER:
        letter = letter_parts(markdown=markdown, context=context)
        markdown = letter.body
        body.paragraph("Letter Sender", letter.sender)
        for line in letter.contact:
            body.paragraph("Letter Meta", line)
        body.paragraph()
        body.paragraph("Normal", letter.date_text)
        body.paragraph()
        recipient = body.paragraph("Letter Meta", "Hiring Team")
        recipient.add_run().add_break(WD_BREAK.LINE)
        recipient.add_run(_xml_text(context.company))
        subject = body.paragraph()
        subject.paragraph_format.space_before = Pt(12)
        subject.add_run(_xml_text(f"Re: {context.role}")).bold = True
    elif context.document_type == Document.Type.RESEARCH_REPORT:
        body.paragraph(
            "Letter Meta", f"Research report · {context.role} at {context.company} · {context.date_text}"
        )
    for block in markdown_to_blocks(markdown):
        _docx_block(body, block)
    if context.document_type == Document.Type.COVER_LETTER and not has_sign_off(markdown):
        closing = body.paragraph("Normal", "Sincerely,")
        closing.paragraph_format.space_before = Pt(12)
        closing.paragraph_format.keep_with_next = True
        body.paragraph("Normal", context.author)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
