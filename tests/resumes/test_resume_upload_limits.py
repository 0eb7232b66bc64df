"""No upload can stall the site: files that ask for huge work are refused with a 400.

Each bomb of `tests.resumes.bombs` goes through `POST /api/v1/resumes/upload` and the
upload page; the limits of the parse itself (`resumes.importing`) and of the child process
that runs it (`resumes.sandbox`) are checked one by one.
"""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jobforge.errors import ValidationFailed
from resumes.importing import TOO_COMPLEX_MESSAGE, resume_file_to_markdown, text_to_markdown
from resumes.models import Resume
from resumes.sandbox import resume_file_to_markdown_sandboxed
from tests.pages import error_next_to, login_client
from tests.resumes import bombs, files

URL = "/api/v1/resumes/upload"
TOO_COMPLEX = "too complex to read"


def upload(client, data: bytes, filename: str):
    return client.post(URL, {"file": SimpleUploadedFile(filename, data)}, format="multipart")


def assert_refused(response) -> dict:
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "VALIDATION_ERROR"
    assert list(error["details"]) == ["file"]
    assert Resume.objects.count() == 0
    return error


@pytest.mark.django_db
class TestTheFourBombs:
    @pytest.mark.parametrize(
        ("build", "filename"),
        [
            (bombs.pdf_shared_content_stream, "resume.pdf"),
            (bombs.docx_empty_paragraphs, "resume.docx"),
            (bombs.docx_lying_size, "resume.docx"),
        ],
    )
    def test_a_file_over_a_parsing_limit_is_too_complex_to_read(self, alice_client, build, filename):
        error = assert_refused(upload(alice_client, build(), filename))
        assert TOO_COMPLEX in error["message"]
        assert error["details"]["file"] == [TOO_COMPLEX_MESSAGE]

    def test_a_heading_with_a_run_of_line_separators_is_read_in_one_pass(self, alice_client):
        # The separators end lines like newlines: what is left is a name, no resume.
        error = assert_refused(upload(alice_client, bombs.text_heading_line_separators(), "cv.txt"))
        assert "at least 100" in error["details"]["file"][0]

    def test_a_heading_of_60000_hashes_is_read_in_one_pass(self, alice_client):
        error = assert_refused(upload(alice_client, bombs.text_heading_hashes(), "cv.md"))
        assert "at most 50000" in error["details"]["file"][0]

    def test_the_upload_page_shows_the_message_next_to_the_file_field(self, alice):
        web = login_client(alice)
        response = web.post(
            "/resumes/upload/",
            {"file": SimpleUploadedFile("cv.pdf", bombs.pdf_shared_content_stream()), "focus_area": "other"},
        )
        assert response.status_code == 200
        assert error_next_to(response, "id_file", TOO_COMPLEX_MESSAGE)
        assert not Resume.objects.exists()


@pytest.mark.django_db
class TestTheSandbox:
    def test_a_child_out_of_memory_is_too_complex_to_read(self, alice_client, settings):
        settings.JOBFORGE_UPLOAD_PARSE_MEMORY_MB = 8
        error = assert_refused(upload(alice_client, files.docx_resume(), "cv.docx"))
        assert TOO_COMPLEX in error["message"]

    def test_a_child_past_its_deadline_is_too_complex_to_read(self):
        with pytest.raises(ValidationFailed, match=TOO_COMPLEX):
            resume_file_to_markdown_sandboxed(
                data=files.docx_resume(),
                filename="cv.docx",
                cpu_seconds=3,
                memory_bytes=512 * 1024 * 1024,
                wall_seconds=0.001,
            )

    def test_it_answers_as_the_parser_does(self):
        limits = {"cpu_seconds": 3, "memory_bytes": 512 * 1024 * 1024, "wall_seconds": 30}
        markdown = resume_file_to_markdown_sandboxed(data=files.docx_resume(), filename="cv.docx", **limits)
        assert markdown == resume_file_to_markdown(data=files.docx_resume(), filename="cv.docx")
        with pytest.raises(ValidationFailed, match="password-protected") as refused:
            resume_file_to_markdown_sandboxed(
                data=files.encrypted_pdf(user_password="s3cret"), filename="cv.pdf", **limits
            )
        assert list(refused.value.details) == ["file"]


def _too_complex(data: bytes, filename: str) -> bool:
    try:
        resume_file_to_markdown(data=data, filename=filename)
    except ValidationFailed as exc:
        return exc.message == TOO_COMPLEX_MESSAGE
    return False


def _docx_with_document_xml(document_xml: bytes) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(files.docx_resume())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info.filename, document_xml if info.filename == "word/document.xml" else content)
    return out.getvalue()


W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


class TestParsingLimits:
    def test_a_pdf_page_over_the_operator_limit(self):
        # 31,000 empty text operators on one page: refused before pypdf interprets them.
        assert _too_complex(bombs.pdf_shared_content_stream(pages=1, stream_bytes=31_000 * 6), "cv.pdf")

    def test_pdf_pages_over_the_total_operator_limit(self):
        assert not _too_complex(bombs.pdf_shared_content_stream(pages=1, stream_bytes=25_000 * 6), "cv.pdf")
        assert _too_complex(bombs.pdf_shared_content_stream(pages=3, stream_bytes=25_000 * 6), "cv.pdf")

    def test_word_xml_with_a_dtd_is_refused_before_any_entity_is_expanded(self):
        laughs = (
            b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            b"<w:document " + W + b"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
        )
        assert _too_complex(_docx_with_document_xml(laughs), "cv.docx")

    def test_word_xml_nested_too_deep(self):
        nested = (
            b"<w:document "
            + W
            + b"><w:body>"
            + b"<w:sdt>" * 150
            + b"</w:sdt>" * 150
            + b"</w:body></w:document>"
        )
        assert _too_complex(_docx_with_document_xml(nested), "cv.docx")

    def test_a_real_docx_is_well_inside_the_limits(self):
        assert resume_file_to_markdown(data=files.docx_resume(), filename="cv.docx").startswith(
            "# Jordan Rivera"
        )


class TestLinearText:
    def test_line_and_paragraph_separators_end_lines(self):
        assert text_to_markdown("Jordan Rivera\u2028WORK EXPERIENCE\u2029Acme\x85OSU") == (
            "# Jordan Rivera\n\n## Work Experience\n\nAcme\nOSU"
        )

    def test_a_closing_run_of_hashes_goes_only_after_a_space(self):
        assert text_to_markdown("## Skills ##\n\n## C#\n\n### Tools   ###  ") == (
            "## Skills\n\n## C#\n\n### Tools"
        )

    @pytest.mark.parametrize("line", ["• Built a-\n", "• Built the,\n"])
    def test_thousands_of_wrapped_lines_join_into_paragraph_sized_pieces(self, line):
        continuation = "b-\n" if line.endswith("-\n") else "b,\n"
        markdown = text_to_markdown(line + continuation * 20_000)
        lines = markdown.split("\n")
        assert lines[0].startswith("- Built")
        assert 5_000 <= len(lines[0]) <= 5_010
        assert max(len(line) for line in lines) <= 5_010
