"""`GET /api/v1/applications/{id}/documents/{type}/export?format=...` (SPEC §4)."""

import io
import uuid

import docx
import pytest
from pypdf import PdfReader

from tests.factories import RESUME_MARKDOWN, ApplicationFactory, document_write

pytestmark = pytest.mark.django_db

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
}


@pytest.fixture
def app(alice):
    application = ApplicationFactory(user=alice)
    document_write(application, "optimized_resume", RESUME_MARKDOWN)
    return application


def url(app, document_type="optimized_resume", **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"/api/v1/applications/{app.pk}/documents/{document_type}/export" + (f"?{query}" if query else "")


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def assert_error(response, status, code):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["error"]["code"] == code
    assert data["path"] == response.wsgi_request.path
    return data["error"]


def filename(app, label):
    return f"Alice_Archer_{label}_Acme_Robotics"


def attachment(name: str) -> str:
    return f"attachment; filename=\"{name}\"; filename*=UTF-8''{name}"


class TestFormats:
    @pytest.mark.parametrize("export_format", ["pdf", "docx", "md", "txt"])
    def test_it_downloads_each_format(self, alice_client, app, export_format):
        response = alice_client.get(url(app, format=export_format))
        assert response.status_code == 200
        assert response["Content-Type"] == CONTENT_TYPES[export_format]
        assert response["Content-Disposition"] == attachment(f"{filename(app, 'Resume')}.{export_format}")
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Length"] == str(len(body(response)))
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Content-Type-Options"] == "nosniff"

    def test_the_pdf_holds_the_resume(self, alice_client, app):
        content = body(alice_client.get(url(app, format="pdf")))
        text = PdfReader(io.BytesIO(content)).pages[0].extract_text()
        assert "Jordan Rivera" in text and "Northwind Logistics" in text

    def test_the_docx_holds_the_resume(self, alice_client, app):
        content = body(alice_client.get(url(app, format="docx")))
        assert docx.Document(io.BytesIO(content)).paragraphs[0].text == "Jordan Rivera"

    def test_the_md_is_the_stored_markdown(self, alice_client, app):
        assert body(alice_client.get(url(app, format="md"))).decode() == RESUME_MARKDOWN

    def test_the_txt_is_plain_text(self, alice_client, app):
        text = body(alice_client.get(url(app, format="txt"))).decode()
        assert text.startswith("Jordan Rivera\n=============\n") and "**" not in text

    def test_an_accept_header_changes_nothing(self, alice_client, app):
        response = alice_client.get(url(app, format="md"), HTTP_ACCEPT="application/json")
        assert response.status_code == 200
        assert response["Content-Type"] == CONTENT_TYPES["md"]

    def test_it_runs_a_fixed_number_of_queries(self, alice_client, app, django_assert_num_queries):
        # The token's user, the application, the document, the application's owner (their
        # name and export settings) and their resume (the name on it, for the file name).
        with django_assert_num_queries(5):
            assert alice_client.get(url(app, format="md")).status_code == 200


class TestErrors:
    @pytest.mark.parametrize("export_format", ["html", "PDF", "doc", ""])
    def test_an_unknown_format_is_a_400_naming_the_allowed_ones(self, alice_client, app, export_format):
        error = assert_error(alice_client.get(url(app, format=export_format)), 400, "VALIDATION_ERROR")
        assert "pdf, docx, md, txt" in error["message"]
        assert error["details"] == {"format": ["Must be one of: pdf, docx, md, txt."]}

    def test_a_missing_format_is_a_400(self, alice_client, app):
        error = assert_error(alice_client.get(url(app)), 400, "VALIDATION_ERROR")
        assert "format" in error["details"]

    def test_an_unknown_document_type_is_a_400(self, alice_client, app):
        error = assert_error(alice_client.get(url(app, "essay", format="pdf")), 400, "VALIDATION_ERROR")
        assert "research_report, optimized_resume, cover_letter" in error["message"]

    def test_a_document_not_generated_yet_is_a_404(self, alice_client, app):
        assert_error(alice_client.get(url(app, "cover_letter", format="pdf")), 404, "NOT_FOUND")

    def test_an_unknown_application_is_a_404(self, alice_client):
        response = alice_client.get(
            f"/api/v1/applications/{uuid.uuid4()}/documents/cover_letter/export?format=md"
        )
        assert_error(response, 404, "NOT_FOUND")

    @pytest.mark.parametrize("export_format", ["pdf", "md", "html"])
    def test_a_stranger_gets_a_404(self, charlie_client, app, export_format):
        response = charlie_client.get(url(app, format=export_format))
        error = assert_error(response, 404, "NOT_FOUND")
        assert "Jordan" not in str(error)

    def test_a_stranger_gets_a_404_for_a_version_too(self, charlie_client, app):
        assert_error(charlie_client.get(url(app, format="md", version=1)), 404, "NOT_FOUND")

    def test_it_needs_authentication(self, api_client, app):
        assert_error(api_client.get(url(app, format="md")), 401, "AUTHENTICATION_ERROR")

    @pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
    def test_other_methods_are_a_405(self, alice_client, app, method):
        assert_error(getattr(alice_client, method)(url(app, format="md")), 405, "METHOD_NOT_ALLOWED")

    def test_a_document_too_long_to_lay_out_is_a_400(self, alice_client, app):
        document_write(app, "research_report", "- x\n" * 12000)
        error = assert_error(
            alice_client.get(url(app, "research_report", format="pdf")), 400, "VALIDATION_ERROR"
        )
        assert "Markdown or plain text" in error["message"]
        assert alice_client.get(url(app, "research_report", format="txt")).status_code == 200

    def test_pdf_and_docx_exports_are_rate_limited_per_user(
        self, alice_client, charlie_client, charlie, app, settings
    ):
        settings.JOBFORGE_THROTTLE_EXPORT = "2/min"
        assert alice_client.get(url(app, format="pdf")).status_code == 200
        assert alice_client.get(url(app, format="docx")).status_code == 200
        response = alice_client.get(url(app, format="pdf"))
        error = assert_error(response, 429, "RATE_LIMITED")
        assert "Try again in" in error["message"]
        assert 1 <= int(response["Retry-After"]) <= 61
        # Markdown and text cost no render and stay available; other users are not affected.
        assert alice_client.get(url(app, format="md")).status_code == 200
        assert alice_client.get(url(app, format="txt")).status_code == 200
        other = ApplicationFactory(user=charlie)
        document_write(other, "optimized_resume", RESUME_MARKDOWN)
        assert charlie_client.get(url(other, format="pdf")).status_code == 200


class TestVersions:
    def test_it_exports_an_earlier_version(self, alice_client, app):
        document_write(app, "optimized_resume", "# Newer\n\nRewritten resume text.")
        response = alice_client.get(url(app, format="md", version=1))
        assert response.status_code == 200
        assert body(response).decode() == RESUME_MARKDOWN
        assert response["Content-Disposition"] == attachment(f"{filename(app, 'Resume')}_v1.md")
        assert body(alice_client.get(url(app, format="md"))).decode() == "# Newer\n\nRewritten resume text."

    def test_a_missing_version_is_a_404(self, alice_client, app):
        error = assert_error(alice_client.get(url(app, format="md", version=7)), 404, "NOT_FOUND")
        assert "7" in error["message"]

    @pytest.mark.parametrize("version", ["abc", "0", "-1", "1.5", "", "9999999999", "%201e3"])
    def test_a_bad_version_is_a_400(self, alice_client, app, version):
        error = assert_error(
            alice_client.get(url(app, format="md", version=version)), 400, "VALIDATION_ERROR"
        )
        assert "version" in error["details"]


class TestFilenames:
    @pytest.mark.parametrize(
        "company, ascii_name, utf8_name",
        [
            (
                "Société Générale",
                "Alice_Archer_Cover_Letter_Societe_Generale.pdf",
                "Alice_Archer_Cover_Letter_Soci%C3%A9t%C3%A9_G%C3%A9n%C3%A9rale.pdf",
            ),
            ("東京", "Alice_Archer_Cover_Letter.pdf", "Alice_Archer_Cover_Letter_%E6%9D%B1%E4%BA%AC.pdf"),
        ],
    )
    def test_non_ascii_company_names_give_a_valid_header(
        self, alice, alice_client, company, ascii_name, utf8_name
    ):
        application = ApplicationFactory(user=alice, company_name=company)
        document_write(application, "cover_letter", f"Dear Hiring Team at {company},\n\nHello there.")
        response = alice_client.get(url(application, "cover_letter", format="pdf"))
        assert response.status_code == 200
        disposition = response["Content-Disposition"]
        disposition.encode("ascii")  # a header value any client can read
        assert disposition == f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{utf8_name}"
        # The company's real name is in the letter itself.
        text = PdfReader(io.BytesIO(body(response))).pages[0].extract_text()
        assert company in text


class TestSchema:
    def test_the_version_parameter_is_a_whole_number_from_1(self, api_client):
        schema = api_client.get("/api/schema", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
        operation = schema["paths"]["/api/v1/applications/{application_id}/documents/{document_type}/export"]
        (version,) = [p for p in operation["get"]["parameters"] if p["name"] == "version"]
        assert version["schema"] == {"type": "integer", "minimum": 1, "maximum": 999_999_999}
        assert not version.get("required", False)
