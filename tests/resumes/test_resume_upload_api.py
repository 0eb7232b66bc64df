"""`POST /api/v1/resumes/upload` (SPEC §6): real PDF and DOCX files, and every refusal."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from resumes.models import Resume
from tests.factories import RESUME_MARKDOWN, ResumeFactory
from tests.resumes import files

pytestmark = pytest.mark.django_db

URL = "/api/v1/resumes/upload"
MAX = 5 * 1024 * 1024


def upload(client, data: bytes, filename: str, content_type="application/octet-stream", **fields):
    return client.post(
        URL, {"file": SimpleUploadedFile(filename, data, content_type), **fields}, format="multipart"
    )


def assert_error(response, status, code):
    assert response.status_code == status, response.content
    assert response.json()["error"]["code"] == code
    return response.json()["error"]


BRUCE = """BRUCE WAYNE
Software Engineer
bruce@wayne.example | Gotham

Experience

Senior Engineer, Wayne Enterprises, 2019 - 2024
- Built the payment service in Python and PostgreSQL for 2 million customers.
- Led a team of 5 engineers through the move to Kubernetes.
"""


class TestNamed:
    def test_an_upload_is_named_after_the_person_and_headline(self, alice_client):
        response = upload(alice_client, BRUCE.encode(), "bruce wayne resume.txt", "text/plain")
        assert response.status_code == 201, response.content
        assert response.json()["name"] == "Bruce Wayne — Software Engineer"

    def test_a_name_given_with_the_upload_wins(self, alice_client):
        response = upload(alice_client, BRUCE.encode(), "bruce.txt", "text/plain", name="For backend roles")
        assert response.json()["name"] == "For backend roles"

    def test_a_resume_naming_no_one_is_named_after_the_file_as_a_title(self, alice_client):
        nameless = BRUCE.split("\n", 3)[3]
        response = upload(alice_client, nameless.encode(), "bruce wayne resume.txt", "text/plain")
        assert response.status_code == 201, response.content
        assert response.json()["name"] == "Bruce Wayne Resume"


class TestAccepted:
    def test_a_real_docx_becomes_a_markdown_resume(self, alice_client, alice):
        response = upload(alice_client, files.docx_resume(), "Jordan_Rivera-Resume.docx")
        assert response.status_code == 201, response.content
        data = response.json()
        assert data["name"] == "Jordan Rivera"  # the person the resume names, not the file
        assert data["focus_area"] == "other"
        assert data["is_primary"] is True  # the first resume
        assert data["content"].startswith("# Jordan Rivera\n")
        assert "\n## Experience\n" in data["content"]
        assert f"\n- {files.BULLETS[0]}" in data["content"]
        assert Resume.objects.get(pk=data["id"]).user == alice

    @pytest.mark.parametrize("build", [files.weasyprint_pdf_resume, files.minimal_pdf_resume])
    def test_a_real_pdf_becomes_a_markdown_resume(self, alice_client, build):
        response = upload(alice_client, build(), "resume.pdf", "application/pdf", name="From PDF")
        assert response.status_code == 201, response.content
        data = response.json()
        assert data["name"] == "From PDF"
        assert "\n## Education\n" in data["content"]
        assert f"\n- {files.BULLETS[1]}" in data["content"]

    def test_text_and_markdown_files(self, alice_client):
        response = upload(
            alice_client, RESUME_MARKDOWN.encode(), "resume.md", "text/markdown", focus_area="management"
        )
        assert response.status_code == 201, response.content
        assert response.json()["content"] == RESUME_MARKDOWN.strip()
        assert response.json()["focus_area"] == "management"
        plain = RESUME_MARKDOWN.replace("## ", "").replace("# ", "").encode("utf-16")
        response = upload(alice_client, plain, "resume.txt", "text/plain")
        assert response.status_code == 201, response.content
        assert "\n## Experience\n" in response.json()["content"]

    def test_the_content_decides_not_the_name(self, alice_client):
        response = upload(alice_client, files.minimal_pdf_resume(), "resume.txt", "text/plain")
        assert response.status_code == 201, response.content
        assert "Jordan Rivera" in response.json()["content"]

    def test_a_later_upload_is_not_primary(self, alice_client, alice):
        ResumeFactory(user=alice, is_primary=True)
        assert upload(alice_client, files.docx_resume(), "cv.docx").json()["is_primary"] is False

    def test_a_pdf_locked_only_for_editing_opens(self, alice_client):
        response = upload(alice_client, files.encrypted_pdf(user_password=""), "resume.pdf")
        assert response.status_code == 201, response.content


class TestRefused:
    @pytest.mark.parametrize("filename", ["photo.png", "resume.pdf", "resume.txt"])
    def test_a_png_is_a_415_whatever_its_name(self, alice_client, filename):
        error = assert_error(
            upload(alice_client, files.PNG_BYTES, filename, "image/png"), 415, "UNSUPPORTED_MEDIA_TYPE"
        )
        assert "PDF, DOCX, TXT or Markdown" in error["message"]
        assert Resume.objects.count() == 0

    def test_a_json_body_is_a_415(self, alice_client):
        response = alice_client.post(URL, {"file": "x"}, format="json")
        assert_error(response, 415, "UNSUPPORTED_MEDIA_TYPE")

    def test_a_file_over_5_mb_is_a_413(self, alice_client):
        error = assert_error(
            upload(alice_client, b"a" * (MAX + 1), "big.txt", "text/plain"), 413, "PAYLOAD_TOO_LARGE"
        )
        assert "5 MB" in error["message"]
        assert Resume.objects.count() == 0

    def test_a_file_of_exactly_5_mb_is_not_too_large(self, alice_client):
        # Accepted by size; refused only because that much text is no resume (over 50000 characters).
        error = assert_error(
            upload(alice_client, b"a " * (MAX // 2), "big.txt", "text/plain"), 400, "VALIDATION_ERROR"
        )
        assert "at most 50000" in error["details"]["file"][0]

    def test_a_declared_oversized_body_is_refused_before_it_is_read(self, alice_client):
        response = alice_client.post(
            URL,
            {"file": SimpleUploadedFile("small.txt", RESUME_MARKDOWN.encode())},
            format="multipart",
            CONTENT_LENGTH=str(50 * 1024 * 1024),
        )
        assert_error(response, 413, "PAYLOAD_TOO_LARGE")
        assert Resume.objects.count() == 0

    def test_the_upload_limit_follows_the_setting(self, alice_client, settings):
        settings.JOBFORGE_UPLOAD_MAX_BYTES = 1000
        assert_error(upload(alice_client, b"a" * 1001, "resume.txt"), 413, "PAYLOAD_TOO_LARGE")

    @pytest.mark.parametrize("data", [b"", b"   \n\n  "])
    def test_an_empty_text_file_is_a_400(self, alice_client, data):
        response = upload(alice_client, data, "empty.txt", "text/plain")
        error = assert_error(response, 400, "VALIDATION_ERROR")
        assert list(error["details"]) == ["file"]

    def test_too_little_text_is_a_400(self, alice_client):
        error = assert_error(
            upload(alice_client, b"Jordan Rivera, engineer.", "short.txt"), 400, "VALIDATION_ERROR"
        )
        assert "at least 100" in error["details"]["file"][0]

    def test_a_malformed_pdf_is_a_400(self, alice_client):
        response = upload(alice_client, b"%PDF-1.4\n1 0 obj\n<< /Pages 9 0 R >>\ngarbage", "resume.pdf")
        error = assert_error(response, 400, "VALIDATION_ERROR")
        assert "could not be read" in error["message"]

    def test_an_encrypted_pdf_is_a_400(self, alice_client):
        response = upload(alice_client, files.encrypted_pdf(user_password="s3cret"), "resume.pdf")
        error = assert_error(response, 400, "VALIDATION_ERROR")
        assert "password" in error["message"]

    def test_a_damaged_docx_is_a_400(self, alice_client):
        assert_error(
            upload(alice_client, b"PK\x03\x04" + b"\x00" * 64, "resume.docx"), 400, "VALIDATION_ERROR"
        )

    def test_a_missing_file_is_a_400(self, alice_client):
        error = assert_error(
            alice_client.post(URL, {"name": "x"}, format="multipart"), 400, "VALIDATION_ERROR"
        )
        assert list(error["details"]) == ["file"]

    @pytest.mark.parametrize(("field", "bad"), [("name", "x" * 256), ("focus_area", "astrology")])
    def test_invalid_fields_are_a_400(self, alice_client, field, bad):
        error = assert_error(
            upload(alice_client, files.docx_resume(), "cv.docx", **{field: bad}), 400, "VALIDATION_ERROR"
        )
        assert list(error["details"]) == [field]
        assert Resume.objects.count() == 0


class TestThrottle:
    def test_uploads_past_the_limit_are_a_429_and_parse_nothing(self, alice_client, alice, settings):
        settings.JOBFORGE_THROTTLE_UPLOAD = "2/min"
        text = RESUME_MARKDOWN.encode()
        assert upload(alice_client, text, "one.md").status_code == 201
        assert upload(alice_client, text, "two.md").status_code == 201
        response = upload(alice_client, text, "three.md")
        assert_error(response, 429, "RATE_LIMITED")
        assert int(response["Retry-After"]) >= 1
        assert Resume.objects.filter(user=alice).count() == 2
