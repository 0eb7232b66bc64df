"""A local web server for the importer's tests: it serves our own posting pages and
misbehaving answers, and counts every connection made to it."""

import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGES = Path(__file__).with_name("capture_pages")
DRIP_BYTES = 200  # the slow page sends at most this many bytes, one every DRIP_PAUSE
DRIP_PAUSE = 0.05


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.connections = 0
        self.paths: list[str] = []
        self.routes: dict = {}

    def verify_request(self, request, client_address):
        self.connections += 1
        return True


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):
        self.server.paths.append(self.path)
        self.server.seen_headers = dict(self.headers)
        route = self.server.routes.get(self.path.split("?")[0])
        if route is None:
            self._send(404, "text/html", b"<h1>Not here</h1>")
            return
        route(self)

    def _send(self, status: int, content_type: str, body: bytes, headers: dict | None = None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Set-Cookie", "tracker=1; Path=/")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


def page(name: str, content_type: str = "text/html; charset=utf-8"):
    body = (PAGES / name).read_bytes()
    return lambda handler: handler._send(200, content_type, body)


def redirect(location: str, status: int = 302):
    return lambda handler: handler._send(status, "text/html", b"", {"Location": location})


def drip(handler):
    """Headers at once, then one byte at a time, bounded, until the client gives up."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    try:
        for _ in range(DRIP_BYTES):
            handler.wfile.write(b" ")
            handler.wfile.flush()
            time.sleep(DRIP_PAUSE)
    except OSError:
        pass


def huge(size: int, *, declared: bool):
    def send(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        if declared:
            handler.send_header("Content-Length", str(size))
        handler.end_headers()
        try:
            chunk = b"<p>" + b"x" * 65533
            for _ in range(size // len(chunk) + 1):
                handler.wfile.write(chunk)
        except OSError:
            pass

    return send


@contextmanager
def posting_server(routes: dict | None = None):
    """A server on 127.0.0.1 (a free port) with `routes` (path → handler function)."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.routes = dict(routes or {})
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def base_url(server, host: str = "127.0.0.1") -> str:
    return f"http://{host}:{server.server_address[1]}"
