"""The PDF export (WeasyPrint), printed from the sanitized HTML of the document.

The PDF renderer reads nothing but the app's own static assets: `StaticAssetFetcher`
refuses files, the network, redirects and all but small inline images, so even HTML that
got past the sanitizer cannot make the server read a local file or call anyone.
"""

import atexit
import base64
import binascii
import logging
import re
import threading
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from documents.export.budget import layout_check
from documents.export.context import ExportContext
from documents.export.letter import has_sign_off, letter_parts
from documents.models import Document
from documents.rendering import markdown_to_safe_html


class _MissingGlyphFilter(logging.Filter):
    """WeasyPrint warns once per character that no installed font can draw: for a page of
    an unsupported script that is thousands of log lines. Refused URLs still log."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(".notdef glyph")


logging.getLogger("weasyprint").addFilter(_MissingGlyphFilter())

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


_render_state = threading.local()


def font_configuration() -> FontConfiguration:
    """This thread's WeasyPrint font configuration, made on its first render and kept.

    A new one per render loads the system fonts again and never gives all of that memory
    back (a worker grew by about 0.3 MiB per PDF). Fontconfig is not safe to share across
    threads, so each thread has its own: one per process in a synchronous worker. The PDF
    stylesheets declare no `@font-face`, so a render adds nothing to it.
    """
    config = getattr(_render_state, "font_config", None)
    if config is None:
        config = _render_state.font_config = FontConfiguration()
    return config


@atexit.register
def _font_configuration_released() -> None:
    # Released while the interpreter still runs, as after a render: left to the interpreter's
    # final teardown, WeasyPrint's font map is freed after what it refers to (a crash at exit).
    _render_state.__dict__.pop("font_config", None)


def pdf_from_html(html: str, *, page_size: str = "A4") -> bytes:
    """Render a full HTML page to PDF with only the app's static assets reachable.

    File attachments (`<link rel="attachment">`, `<a rel="attachment">`) are dropped
    after layout, whatever their source: a document export never embeds a file.
    """
    fetcher = StaticAssetFetcher()
    font_config = font_configuration()
    page_css = CSS(
        string=f"@page {{ size: {'A4' if page_size == 'A4' else 'Letter'}; }}",
        url_fetcher=fetcher,
        font_config=font_config,
    )
    rendered = HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=fetcher).render(
        stylesheets=[page_css], font_config=font_config
    )
    rendered.metadata.attachments = []
    for page in rendered.pages:
        page.links = [link for link in page.links if link[0] != "attachment"]
    return rendered.write_pdf()


_PDF_TEMPLATES = {
    Document.Type.OPTIMIZED_RESUME: "resume",
    Document.Type.COVER_LETTER: "cover_letter",
    Document.Type.RESEARCH_REPORT: "research_report",
    # The emails and the prep sheet print as a brief like the report, headed by their kind.
    Document.Type.FOLLOW_UP_EMAIL: "research_report",
    Document.Type.THANK_YOU_NOTE: "research_report",
    Document.Type.INTERVIEW_PREP: "research_report",
}


def document_html(*, markdown: str, context: ExportContext) -> str:
    """The full HTML page that the PDF is printed from; `LayoutTooLarge` over the layout budget."""
    template = f"documents/pdf/{_PDF_TEMPLATES[context.document_type]}.html"
    letter = None
    if context.document_type == Document.Type.COVER_LETTER:
        letter = letter_parts(markdown=markdown, context=context)
        markdown = letter.body
    tokens = layout_check(markdown)
    return render_to_string(
        template,
        {
            "context": context,
            "letter": letter,
            "body_html": mark_safe(_list_numbers_kept(markdown_to_safe_html(markdown, tokens=tokens))),  # noqa: S308  (sanitized by nh3)
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


def document_pdf(*, markdown: str, context: ExportContext) -> bytes:
    """The document as a PDF with real text; `LayoutTooLarge` over the layout budget."""
    return pdf_from_html(document_html(markdown=markdown, context=context), page_size=context.page_size)
