"""The DOCX export (python-docx): the document's blocks in named Word styles a recruiter
can restyle (Title, Heading 1–3, List Bullet, List Number, Quote, Code, Hyperlink)."""

import io
import re
from dataclasses import dataclass

import docx
from django.utils import timezone
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Mm, Pt, RGBColor

from documents.export.budget import layout_check
from documents.export.context import ExportContext
from documents.export.letter import has_sign_off, letter_parts
from documents.models import Document
from documents.rendering import Block, Run, markdown_to_blocks

_BODY_FONT = "Calibri"
_CODE_FONT = "Consolas"
_INK = RGBColor(0x1F, 0x29, 0x37)
_ACCENT = RGBColor(0x1E, 0x3A, 0x5F)
_MUTED = RGBColor(0x4B, 0x55, 0x63)


@dataclass(frozen=True)
class DocxLook:
    """What a layout (`ExportContext.template`) changes in the Word styles."""

    body_size: float
    title_size: float
    accent: RGBColor
    rule: str  # hex colour of the accent rule under section headings ("" for none)
    band: str  # hex fill behind the name (Title, Letter Sender) ("" for none)
    heading_caps: bool


DOCX_LOOKS = {
    "classic": DocxLook(body_size=10.5, title_size=22, accent=_ACCENT, rule="", band="", heading_caps=False),
    "modern": DocxLook(
        body_size=10,
        title_size=24,
        accent=RGBColor(0x0F, 0x4C, 0x5C),
        rule="14B8A6",
        band="0F4C5C",
        heading_caps=True,
    ),
}
_ON_BAND = RGBColor(0xFF, 0xFF, 0xFF)
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


def _bottom_border(properties, *, size: int, color: str) -> None:
    """A rule under a paragraph, or every paragraph of a style (a border, not a drawing)."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", str(size)), ("w:space", "1"), ("w:color", color)):
        bottom.set(qn(key), value)
    borders.append(bottom)
    properties.append(borders)


def _style_band(style, *, fill: str) -> None:
    """A coloured band behind every paragraph of the style (paragraph shading)."""
    shading = OxmlElement("w:shd")
    for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)):
        shading.set(qn(key), value)
    style.element.get_or_add_pPr().append(shading)
    style.font.color.rgb = _ON_BAND


def _docx_styles(document, *, look: DocxLook) -> None:
    """Named styles a recruiter can restyle in Word: Normal, Title, Heading 1–3, lists, Quote, Code."""
    styles = document.styles
    normal = styles["Normal"]
    _set_font(normal, name=_BODY_FONT, size=look.body_size, color=_INK)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.1

    title = styles["Title"]
    _set_font(title, name=_BODY_FONT, size=look.title_size, bold=True, color=look.accent)
    title.paragraph_format.space_after = Pt(4)
    if look.band:
        _style_band(title, fill=look.band)
    for size, name in ((12.5, "Heading 1"), (11, "Heading 2"), (10.5, "Heading 3")):
        heading = styles[name]
        _set_font(heading, name=_BODY_FONT, size=size, bold=True, italic=False, color=look.accent)
        heading.paragraph_format.space_before = Pt(10 if name == "Heading 1" else 6)
        heading.paragraph_format.space_after = Pt(2)
        heading.paragraph_format.keep_with_next = True
    if look.heading_caps:
        # Capitals by formatting: the text itself stays as written.
        styles["Heading 1"].font.all_caps = True
        styles["Heading 1"].font.size = Pt(10.5)
    if look.rule:
        _bottom_border(styles["Heading 1"].element.get_or_add_pPr(), size=12, color=look.rule)
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
    if look.band:
        styles["Letter Sender"].font.size = Pt(18)
        _style_band(styles["Letter Sender"], fill=look.band)


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


def _add_hyperlink(body: "_DocxBody", paragraph, run: Run) -> None:
    relation = paragraph.part.relate_to(run.href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), relation)
    element = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), body.style_id("Hyperlink"))
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


def _add_runs(body: "_DocxBody", paragraph, runs: list[Run], *, bold: bool = False) -> None:
    for run in runs:
        if run.text == "\n":
            paragraph.add_run().add_break(WD_BREAK.LINE)
            continue
        if run.href:
            _add_hyperlink(body, paragraph, run)
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
    _bottom_border(paragraph._p.get_or_add_pPr(), size=6, color="9CA3AF")


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

    def style_id(self, style_name: str) -> str:
        if style_name not in self.style_ids:
            self.style_ids[style_name] = self.document.styles[style_name].style_id
        return self.style_ids[style_name]

    def paragraph(self, style_name: str = "Normal", text: str = ""):
        paragraph = self.document.add_paragraph(_xml_text(text))
        if style_name != "Normal":
            paragraph._p.style = self.style_id(style_name)
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
        _add_runs(body, body.paragraph(style), block.runs)
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
                _add_runs(body, cell.paragraphs[0], runs, bold=is_header)
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
    _add_runs(body, paragraph, block.runs)


def document_docx(*, markdown: str, context: ExportContext) -> bytes:
    """A Word document with the same structure as the Markdown, in editable named styles;
    `LayoutTooLarge` over the layout budget."""
    letter = None
    if context.document_type == Document.Type.COVER_LETTER:
        letter = letter_parts(markdown=markdown, context=context)
        markdown = letter.body
    tokens = layout_check(markdown)
    document = docx.Document()
    _docx_page(document, page_size=context.page_size)
    _docx_styles(document, look=DOCX_LOOKS.get(context.template, DOCX_LOOKS["classic"]))
    _docx_properties(document, context=context)
    body = _DocxBody(document)
    if letter is not None:
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
    elif context.document_type != Document.Type.OPTIMIZED_RESUME:
        body.paragraph(
            "Letter Meta", f"{context.kind} · {context.role} at {context.company} · {context.date_text}"
        )
    for block in markdown_to_blocks(markdown, tokens=tokens):
        _docx_block(body, block)
    if letter is not None and not has_sign_off(markdown):
        closing = body.paragraph("Normal", "Sincerely,")
        closing.paragraph_format.space_before = Pt(12)
        closing.paragraph_format.keep_with_next = True
        body.paragraph("Normal", context.author)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
