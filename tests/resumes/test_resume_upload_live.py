"""With the web server running, upload bombs get their 400 while `/health` keeps answering.

The server is pytest-django's `live_server` (a threaded WSGI server in this process): a
parse that held the interpreter, as the old heading regex did, would stall every other
request too. The client timeouts are the bounds: 5 s for each upload, 1 s for each health
check, polled from a second thread for as long as the uploads run.
"""

import json
import threading
import urllib.error
import urllib.request
import uuid

import pytest

from jobforge.accounts.services import tokens_issue
from resumes.importing import TOO_COMPLEX_MESSAGE
from resumes.models import Resume
from tests.resumes import bombs

pytestmark = pytest.mark.django_db(transaction=True)

BOMBS = [
    ("separators.txt", bombs.text_heading_line_separators, "at least 100"),
    ("hashes.md", bombs.text_heading_hashes, "at most 50000"),
    ("shared-stream.pdf", bombs.pdf_shared_content_stream, TOO_COMPLEX_MESSAGE),
    ("empty-paragraphs.docx", bombs.docx_empty_paragraphs, TOO_COMPLEX_MESSAGE),
    ("lying-size.docx", bombs.docx_lying_size, TOO_COMPLEX_MESSAGE),
]


def post_file(url: str, token: str, filename: str, data: bytes, *, timeout: float) -> tuple[int, dict]:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": f"multipart/form-data; boundary={boundary}",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as refused:
        return refused.code, json.load(refused)


def test_each_bomb_is_refused_while_health_keeps_answering(live_server, alice):
    token = tokens_issue(user=alice)["access_token"]
    uploads_done = threading.Event()
    health: list[object] = []

    def poll_health() -> None:
        while not uploads_done.is_set():
            try:
                with urllib.request.urlopen(f"{live_server.url}/health", timeout=1) as response:
                    health.append(response.status)
            except Exception as exc:  # a timeout is the failure this test looks for
                health.append(exc)
            uploads_done.wait(0.05)

    built = [(filename, build(), expected) for filename, build, expected in BOMBS]
    # The server's first requests import the URL configuration and the API under the
    # import lock: take them before the clock runs, with a plain refused upload.
    upload_url = f"{live_server.url}/api/v1/resumes/upload"
    assert post_file(upload_url, token, "empty.txt", b"", timeout=30)[0] == 400
    poller = threading.Thread(target=poll_health)
    poller.start()
    try:
        answers = [
            (filename, expected, *post_file(upload_url, token, filename, data, timeout=5))
            for filename, data, expected in built
        ]
    finally:
        uploads_done.set()
        poller.join()

    for filename, expected, status, body in answers:
        assert status == 400, (filename, body)
        assert body["error"]["code"] == "VALIDATION_ERROR", (filename, body)
        assert expected in body["error"]["details"]["file"][0], (filename, body)
    assert health
    assert all(answer == 200 for answer in health), [a for a in health if a != 200]
    assert not Resume.objects.exists()
