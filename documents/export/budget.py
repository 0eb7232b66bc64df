"""The layout budget: how much work one PDF or Word export, or one live preview, may ask for.

A render's time grows with the document's structure, not its length in characters
(`bench/export.py` measures it): every line the page layout breaks, every block (paragraph,
heading, list item, table cell, quote) and every inline piece (emphasis, link, code span,
line break) costs on the order of a millisecond of CPU in the PDF layout, while 50,000
characters of plain prose are only some 500 lines. Parsing the Markdown costs per source line and per
markup character. So the budget counts three things, each bounded:

- before parsing, the source's lines and markup characters (what the parser's time grows
  with), so a refused document costs no parse;
- after parsing, the layout units: blocks + inline pieces + units of text, one per
  `LINE_WIDTH` characters (East Asian wide characters count `WIDE_WIDTH`), a hard line
  break closing one, each code line at least one; pieces, links and list items weigh more
  (see their weights below).

Within all three bounds the slowest document the bench knows takes under two seconds of
CPU to render on a 2-vCPU machine; a two-page resume uses about a sixth of the budget.
Beyond them PDF and DOCX are refused (Markdown and plain text always work) and the
preview says the text is too large to preview.
"""

import re
from dataclasses import dataclass

from markdown_it.token import Token

from documents.rendering import markdown_tokens
from jobforge.errors import ValidationFailed

MAX_LAYOUT_UNITS = 1_200
MAX_SOURCE_LINES = 3_000
MAX_MARKUP_CHARS = 12_000
# A unit of text: half a printed line (about 100 characters at 10.5 pt on A4 or Letter),
# because a line of prose, with a break opportunity at every space, costs the layout about
# two blocks. East Asian wide characters take two columns of it.
LINE_WIDTH = 50
WIDE_WIDTH = 2
# Weights that make one unit cost about the same everywhere (1 ms of CPU or so, measured
# by bench/export.py): an inline piece (emphasis, code span, line break) lays out like two
# blocks, a link like three (it also carries an annotation), a list item like two (its
# marker is generated text).
PIECE_UNITS = 2
LINK_UNITS = 3
LIST_ITEM_UNITS = 2

# What the Markdown parser does work for: the characters that open inline syntax.
_MARKUP = re.compile(r"[\[\]*_`<>&\\!~]")
# East Asian wide and fullwidth letters (Hangul, CJK, kana, fullwidth forms): one class, linear.
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)
_PIECES = frozenset({"em_open", "strong_open", "s_open", "code_inline", "image", "hardbreak"})
_CODE = frozenset({"fence", "code_block"})


@dataclass(frozen=True)
class LayoutCost:
    """The counts the budget bounds; `units` is None when the source counts already refuse."""

    source_lines: int
    markup_chars: int
    units: int | None

    @property
    def within_budget(self) -> bool:
        return (
            self.source_lines <= MAX_SOURCE_LINES
            and self.markup_chars <= MAX_MARKUP_CHARS
            and self.units is not None
            and self.units <= MAX_LAYOUT_UNITS
        )


class LayoutTooLarge(ValidationFailed):
    def __init__(self) -> None:
        super().__init__(
            "This document has too many paragraphs, list items, lines or table cells to lay out "
            "as a PDF or Word file. Shorten it, or export it as Markdown or plain text.",
            details={"format": ["Too long for PDF or DOCX; md and txt are available."]},
        )


def _lines(width: int) -> int:
    return max(1, -(-width // LINE_WIDTH))


def _width(text: str) -> int:
    return len(text) + (WIDE_WIDTH - 1) * len(_WIDE.findall(text))


def _inline_units(children: list[Token]) -> int:
    units = lines = width = 0
    for child in children:
        kind = child.type
        if kind in {"text", "code_inline"}:
            width += _width(child.content)
        elif kind == "softbreak":
            width += 1
        if kind in _PIECES:
            units += PIECE_UNITS
        elif kind == "link_open":
            units += LINK_UNITS
        if kind == "hardbreak":
            lines += _lines(width)
            width = 0
    return units + lines + _lines(width)


def layout_units(tokens: list[Token]) -> int:
    """Blocks + inline pieces + lines of text of a parsed document (see the module's doc)."""
    units = 0
    for token in tokens:
        if token.type == "inline":
            units += _inline_units(token.children or [])
        elif token.type in _CODE:
            units += 1 + sum(_lines(_width(line)) for line in token.content.splitlines())
        elif token.type == "list_item_open":
            units += LIST_ITEM_UNITS
        elif token.nesting == 1 or token.type == "hr":
            units += 1
    return units


def layout_cost(markdown: str) -> tuple[LayoutCost, list[Token] | None]:
    """The document's counts, and its tokens when it was parsed (the source counts allowed it)."""
    source_lines = markdown.count("\n") + 1
    markup_chars = len(_MARKUP.findall(markdown))
    if source_lines > MAX_SOURCE_LINES or markup_chars > MAX_MARKUP_CHARS:
        return LayoutCost(source_lines, markup_chars, None), None
    tokens = markdown_tokens(markdown)
    return LayoutCost(source_lines, markup_chars, layout_units(tokens)), tokens


def layout_check(markdown: str) -> list[Token]:
    """The parsed document, or `LayoutTooLarge` (a ValidationFailed) when it is over the budget."""
    cost, tokens = layout_cost(markdown)
    if not cost.within_budget:
        raise LayoutTooLarge
    return tokens
