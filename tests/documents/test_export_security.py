"""No document content can make a PDF export read a local file, call the network or embed a file.

Two layers are tested on their own and together: the Markdown sanitizer (which drops
images, links to files, raw HTML) and the PDF URL fetcher (which serves only the
app's static files). Raw HTML goes straight to `pdf_from_html` to test the fetcher
without the sanitizer. A control test shows that the checks do catch a leak when
WeasyPrint's default fetcher is used.
"""

import base64
import io
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from pypdf import PdfReader
from pypdf.generic import StreamObject
from weasyprint import HTML

from documents.export import (
    PDF_BASE_URL,
    ExportContext,
    FetchRefused,
    StaticAssetFetcher,
    document_pdf,
    pdf_from_html,
)

SECRET = b"JOBFORGE-SECRET-7f3a9c"
# A 1x1 transparent PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


class Listener:
    """An HTTP server on a loopback port that counts every request it gets."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        listener = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                listener.requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()
                self.wfile.write(PNG)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


@pytest.fixture
def secret_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_bytes(SECRET + b"\n")
    return path


def pdf_objects(content: bytes) -> list[bytes]:
    """Every object of the PDF, streams decompressed (object streams included)."""
    reader = PdfReader(io.BytesIO(content))
    found = [content]
    for number in range(1, int(reader.trailer["/Size"])):
        obj = reader.get_object(number)
        if obj is None:  # a free entry in the cross-reference table
            continue
        if isinstance(obj, StreamObject):
            found.append(obj.get_data())
        found.append(repr(obj).encode())
    return found


def assert_leak_free(content: bytes, *secrets: bytes) -> None:
    objects = pdf_objects(content)
    for secret in secrets:
        assert not any(secret in obj for obj in objects), secret
    assert not any(b"/EmbeddedFiles" in obj or b"/FileAttachment" in obj for obj in objects)
    assert "/Names" not in PdfReader(io.BytesIO(content)).trailer["/Root"]


def passwd_sample() -> bytes:
    with open("/etc/passwd", "rb") as handle:
        return handle.readline().strip()


def payloads(secret_url: str, listener_url: str) -> list[str]:
    """Ways to point a renderer at a local file or the network, in Markdown and raw HTML."""
    return [
        f"![photo]({secret_url})",
        "![photo](file:///etc/passwd)",
        f"[cv]({secret_url})",
        "[cv](file:///etc/passwd)",
        f'<img src="{secret_url}">',
        '<img src="file:///etc/passwd">',
        f'<link rel="attachment" href="{secret_url}">',
        '<link rel="attachment" href="file:///etc/passwd">',
        f'<a rel="attachment" href="{secret_url}">attached</a>',
        '<a rel="attachment" href="file:///etc/passwd">attached</a>',
        f'<iframe src="{secret_url}"></iframe>',
        f'<object data="{secret_url}" type="text/plain"></object>',
        f'<embed src="{secret_url}">',
        '<img src="../../../../../../etc/passwd">',
        '<img src="/static/../../../../etc/passwd">',
        '<img src="%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd">',
        '<a rel="attachment" href="../../../../../../etc/passwd">attached</a>',
        f'<div style="background: url({secret_url})">styled</div>',
        f"<style>@import url({secret_url}); body {{ background: url({listener_url}/bg.png); }}</style>",
        f"<style>@font-face {{ font-family: X; src: url({listener_url}/font.ttf); }}"
        " p { font-family: X; }</style>",
        f'<link rel="stylesheet" href="{listener_url}/style.css">',
        f'<img src="{listener_url}/pixel.png">',
        f"![pixel]({listener_url}/pixel.png)",
        f'<a rel="attachment" href="{listener_url}/file.txt">attached</a>',
        f'<svg><image href="{secret_url}" width="10" height="10"/></svg>',
        f'<svg><image href="{listener_url}/svg.png" width="10" height="10"/></svg>',
        f'<img src="data:text/plain;base64,{base64.b64encode(SECRET).decode()}">',
        f'<a rel="attachment" href="data:text/plain;base64,{base64.b64encode(SECRET).decode()}">att</a>',
        '<img src="ftp://127.0.0.1/file.png">',
    ]


def context() -> ExportContext:
    return ExportContext(
        document_type="optimized_resume",
        author="Alice Archer",
        author_email="alice@example.com",
        company="Acme Robotics",
        role="Senior Backend Engineer",
        date=date(2025, 7, 1),
    )


class TestControl:
    def test_the_checks_catch_weasyprints_default_fetcher(self, secret_file, listener):
        # Without our fetcher, an attachment embeds the file and an image calls the listener.
        html = f'<a rel="attachment" href="{secret_file.as_uri()}">cv</a><img src="{listener.url}/pixel.png">'
        content = HTML(string=html).write_pdf()
        with pytest.raises(AssertionError):
            assert_leak_free(content, SECRET)
        assert listener.requests == ["/pixel.png"]


class TestThroughTheExport:
    def test_no_payload_reads_a_file_or_calls_the_network(self, secret_file, listener):
        markdown = "# Alice Archer\n\n" + "\n\n".join(payloads(secret_file.as_uri(), listener.url))
        content = document_pdf(markdown=markdown, context=context())
        assert_leak_free(content, SECRET, passwd_sample())
        assert listener.requests == []
        # The document itself still rendered.
        assert "Alice Archer" in PdfReader(io.BytesIO(content)).pages[0].extract_text()


class TestFetcherAlone:
    """Raw HTML, as if the sanitizer had let everything through."""

    @pytest.mark.parametrize("index", range(len(payloads("file:///x", "http://x"))))
    def test_each_payload_is_refused(self, index, secret_file, listener):
        payload = payloads(secret_file.as_uri(), listener.url)[index]
        content = pdf_from_html(f"<html><body><p>Resume</p>{payload}</body></html>")
        assert_leak_free(content, SECRET, passwd_sample())
        assert listener.requests == []

    def test_an_attachment_to_a_static_file_is_not_embedded_either(self):
        # The fetcher would serve this file; attachments are dropped after layout anyway.
        content = pdf_from_html('<p>x</p><link rel="attachment" href="css/pdf/base.css">')
        assert_leak_free(content, b"Print styles shared by every exported PDF")


class TestFetcher:
    @pytest.fixture
    def fetcher(self):
        return StaticAssetFetcher()

    def test_it_serves_the_apps_own_stylesheet_from_disk(self, fetcher):
        response = fetcher(PDF_BASE_URL + "css/pdf/base.css")
        assert response.content_type == "text/css"
        assert b"@page" in response.read()

    def test_it_serves_a_small_inline_image(self, fetcher):
        response = fetcher("data:image/png;base64," + base64.b64encode(PNG).decode())
        assert (response.content_type, response.read()) == ("image/png", PNG)

    @pytest.mark.parametrize(
        "url",
        [
            "file:///etc/passwd",
            "FILE:///etc/passwd",
            "file://localhost/etc/passwd",
            "http://127.0.0.1/",
            "https://example.com/static/css/pdf/base.css",
            "http://jobforge.invalid/static/css/pdf/base.css",
            "ftp://127.0.0.1/file",
            "gopher://127.0.0.1:6379/_INFO",
            "javascript:alert(1)",
            PDF_BASE_URL + "../../etc/passwd",
            PDF_BASE_URL + "%2e%2e/%2e%2e/etc/passwd",
            PDF_BASE_URL + "css/../../settings.py",
            PDF_BASE_URL + "/etc/passwd",
            PDF_BASE_URL + "css\\pdf\\base.css",
            PDF_BASE_URL + "css/pdf/base.css%00.png",
            "https://jobforge.invalid/etc/passwd",
            "https://jobforge.invalid/static/",
            PDF_BASE_URL + "css/pdf/missing.css",
            PDF_BASE_URL + "css/app.js",
            "https://user@jobforge.invalid.example.com/static/css/pdf/base.css",
            "data:text/plain;base64," + base64.b64encode(SECRET).decode(),
            "data:text/html,<script>alert(1)</script>",
            "data:image/svg+xml;base64," + base64.b64encode(b"<svg/>").decode(),
            "data:image/png,notbase64",
            "data:image/png;base64," + "A" * 200_000,
        ],
    )
    def test_it_refuses_everything_else(self, fetcher, url):
        with pytest.raises(FetchRefused):
            fetcher(url)

    def test_it_refuses_the_listener_without_calling_it(self, fetcher, listener):
        with pytest.raises(FetchRefused):
            fetcher(listener.url + "/pixel.png")
        assert listener.requests == []
