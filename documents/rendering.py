"""Markdown rendering: the one way a document becomes tokens, HTML or structured blocks.

Every place that shows a document (the web UI, the PDF export, the DOCX and TXT
exports) goes through this module, so what one renderer shows the others show too
(the TXT layout of the blocks is `documents.export.text`).
Document content is user- and AI-written, so it is untrusted: Markdown is parsed
with markdown-it-py with raw HTML turned off (any tag shows as the text it is), and
the HTML it produces is still cleaned by nh3 against an allow-list, a second layer.
Only text formatting survives; nothing that can run code, load a resource or change
the page's style does.
"""

from dataclasses import dataclass, field
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

# Documents are at most 50000 characters (SPEC §4); anything longer is cut here so
# that a stray oversized input cannot make a render take minutes.
MAX_INPUT_CHARS = 50_000
# Deeper nesting than this (lists in lists in quotes...) renders as plain paragraphs.
MAX_NESTING = 20

LINK_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener noreferrer"

ALLOWED_TAGS = frozenset(
    {
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "p",
        "br",
        "hr",
        "ul",
        "ol",
        "li",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "s",
        "del",
        "sub",
        "sup",
        "a",
        "code",
        "pre",
        "blockquote",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    }
)
# Dropped together with everything inside them (their content is not document text).
DROPPED_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "iframe",
        "object",
        "embed",
        "noscript",
        "template",
        "svg",
        "math",
        "title",
        "textarea",
        "select",
        "noembed",
        "noframes",
        "xmp",
    }
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"colspan"}, "td": {"colspan"}}
# Table cell alignment comes from markdown-it as a style attribute; it is turned into
# one of these classes before sanitizing, because no style attribute survives.
ALIGN_CLASSES = frozenset({"align-left", "align-center", "align-right"})


def _markdown_input(text: str | None) -> str:
    text = text or ""
    if len(text) > MAX_INPUT_CHARS:
        text = text[:MAX_INPUT_CHARS]
    return text.replace("\x00", "")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # CommonMark plus tables and strikethrough. Raw HTML is not markup here: a document
    # that contains `<script>` shows those characters as text, as the writer typed them.
    return MarkdownIt("commonmark", {"html": False, "maxNesting": MAX_NESTING}).enable(
        ["table", "strikethrough"]
    )


def markdown_tokens(text: str | None) -> list[Token]:
    """The parsed document: what every rendering below walks (parse once, render from it)."""
    return _parser().parse(_markdown_input(text))


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "start":
        return value if value.isdigit() and len(value) <= 6 else None
    if attribute == "colspan":
        return value if value.isdigit() and 0 < int(value) <= 50 else None
    return value


def sanitize_html(html: str) -> str:
    """Clean an HTML fragment down to the document allow-list (links: http, https, mailto)."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_attribute_filter,
        allowed_classes={"th": set(ALIGN_CLASSES), "td": set(ALIGN_CLASSES)},
        url_schemes=set(LINK_SCHEMES),
        url_relative="deny",
        link_rel=LINK_REL,
        strip_comments=True,
    )


def markdown_to_safe_html(text: str | None, *, tokens: list[Token] | None = None) -> str:
    """Markdown → HTML that is safe to put in a page or a PDF.

    Headings, paragraphs, lists, emphasis, links (http/https/mailto, opened with
    `rel="nofollow noopener noreferrer"`), tables, code, blockquotes and rules;
    scripts, event handlers, frames, objects, styles, images and any other URL
    scheme are removed. Input beyond `MAX_INPUT_CHARS` is cut off. `tokens`, when given,
    are `markdown_tokens(text)` already parsed (they are changed in place).
    """
    if tokens is None:
        tokens = markdown_tokens(text)
    for token in tokens:
        if token.type in {"th_open", "td_open"}:
            style = token.attrGet("style") or ""
            token.attrs.pop("style", None)
            if style.startswith("text-align:"):
                token.attrSet("class", f"align-{style.removeprefix('text-align:').strip()}")
    html = _parser().renderer.render(tokens, _parser().options, {})
    return sanitize_html(html)


# --- Structured blocks, for the DOCX and plain-text renderings -----------------------


@dataclass(frozen=True)
class Run:
    """A stretch of inline text with one formatting; `text` may be "\\n" for a line break."""

    text: str
    bold: bool = False
    italic: bool = False
    strike: bool = False
    code: bool = False
    href: str | None = None


@dataclass
class Block:
    """One block of a document, flattened: lists and quotes are depths, not containers.

    kind: "heading" (with `level`), "paragraph", "code", "rule" or "table" (with `rows`).
    A paragraph inside a list has `list_depth` ≥ 1; the first paragraph of an item has
    `marker` "bullet" or "number" (with `number`), later ones continue the item.
    """

    kind: str
    runs: list[Run] = field(default_factory=list)
    level: int = 0
    list_depth: int = 0
    marker: str | None = None
    number: int | None = None
    list_id: int | None = None
    quote_depth: int = 0
    rows: list[tuple[bool, list[list[Run]]]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def safe_link(href: str | None) -> str | None:
    """The link target if its scheme is allowed (http, https, mailto), else None."""
    if not href:
        return None
    scheme, sep, _ = href.strip().partition(":")
    if not sep or scheme.lower() not in LINK_SCHEMES:
        return None
    return href.strip()


def _inline_runs(token: Token | None) -> list[Run]:
    runs: list[Run] = []
    if token is None or not token.children:
        return runs
    bold = italic = strike = 0
    hrefs: list[str | None] = []

    def add(text: str, *, code: bool = False) -> None:
        if not text:
            return
        href = hrefs[-1] if hrefs else None
        run = Run(text, bold=bold > 0, italic=italic > 0, strike=strike > 0, code=code, href=href)
        previous = runs[-1] if runs else None
        if previous and previous.text != "\n" and text != "\n" and _same_format(previous, run):
            runs[-1] = Run(previous.text + text, run.bold, run.italic, run.strike, run.code, run.href)
        else:
            runs.append(run)

    for child in token.children:
        kind = child.type
        if kind == "text":
            add(child.content)
        elif kind == "code_inline":
            add(child.content, code=True)
        elif kind in {"softbreak", "hardbreak"}:
            add("\n")
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "s_open":
            strike += 1
        elif kind == "s_close":
            strike -= 1
        elif kind == "link_open":
            hrefs.append(safe_link(str(child.attrGet("href") or "")))
        elif kind == "link_close":
            if hrefs:
                hrefs.pop()
        elif kind == "image":
            add(child.content)
    return runs


def _same_format(a: Run, b: Run) -> bool:
    return (a.bold, a.italic, a.strike, a.code, a.href) == (b.bold, b.italic, b.strike, b.code, b.href)


def markdown_to_blocks(text: str | None, *, tokens: list[Token] | None = None) -> list[Block]:
    """The document as a flat list of blocks (the structure the DOCX and TXT exports walk)."""
    if tokens is None:
        tokens = markdown_tokens(text)
    blocks: list[Block] = []
    lists: list[dict] = []  # open lists, innermost last: ordered, next number, id
    list_ids = 0
    marker_pending = False
    quote_depth = 0
    table: Block | None = None
    in_header = False
    row: list[list[Run]] | None = None

    def list_block(kind: str, runs: list[Run], **extra) -> Block:
        nonlocal marker_pending
        block = Block(kind, runs, quote_depth=quote_depth, **extra)
        if lists:
            current = lists[-1]
            block.list_depth = len(lists)
            block.list_id = current["id"]
            if marker_pending:
                block.marker = "number" if current["ordered"] else "bullet"
                if current["ordered"]:
                    block.number = current["next"]
                    current["next"] += 1
                marker_pending = False
        return block

    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        inline = tokens[index + 1] if index + 1 < len(tokens) else None
        if kind in {"bullet_list_open", "ordered_list_open"}:
            list_ids += 1
            start = token.attrGet("start")
            lists.append({"ordered": kind == "ordered_list_open", "next": int(start or 1), "id": list_ids})
        elif kind in {"bullet_list_close", "ordered_list_close"}:
            if lists:
                lists.pop()
        elif kind == "list_item_open":
            marker_pending = True
        elif kind == "list_item_close":
            marker_pending = False
        elif kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth = max(0, quote_depth - 1)
        elif kind == "heading_open":
            level = int(token.tag[1]) if token.tag[1:].isdigit() else 1
            blocks.append(Block("heading", _inline_runs(inline), level=level, quote_depth=quote_depth))
            index += 2
        elif kind == "paragraph_open" and table is None:
            runs = _inline_runs(inline)
            if runs or (lists and marker_pending):
                blocks.append(list_block("paragraph", runs))
            index += 2
        elif kind in {"fence", "code_block"}:
            blocks.append(list_block("code", [Run(token.content.rstrip("\n"), code=True)]))
        elif kind == "hr":
            blocks.append(Block("rule", quote_depth=quote_depth))
        elif kind == "table_open":
            table = Block("table", quote_depth=quote_depth)
        elif kind == "table_close" and table is not None:
            blocks.append(table)
            table = None
        elif kind == "thead_open":
            in_header = True
        elif kind == "thead_close":
            in_header = False
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and table is not None and row is not None:
            table.rows.append((in_header, row))
            row = None
        elif kind in {"th_open", "td_open"} and row is not None:
            row.append(_inline_runs(inline))
            index += 2
        index += 1
    return blocks
