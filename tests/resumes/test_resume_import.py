"""Resume files to Markdown: the type from the content, tidy Markdown, clear refusals."""

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest

from documents.export import ExportContext, document_pdf
from documents.rendering import markdown_to_blocks
from jobforge.errors import UnsupportedMediaType, ValidationFailed
from resumes.importing import (
    resume_file_kind,
    resume_file_to_markdown,
    resume_name_from_filename,
    text_to_markdown,
)
from tests.resumes import files


class TestKind:
    @pytest.mark.parametrize(
        ("build", "filename", "kind"),
        [
            (files.minimal_pdf_resume, "resume.pdf", "pdf"),
            (files.minimal_pdf_resume, "resume.txt", "pdf"),  # the content wins over the name
            (files.docx_resume, "resume.docx", "docx"),
            (files.docx_resume, "resume", "docx"),
            (lambda: b"# Jordan\n\n- Python", "resume.md", "text"),
            (lambda: "Jordan Rivera, café".encode("utf-16"), "resume.txt", "text"),
            (lambda: "Jordan Rivera, café".encode("cp1252"), "resume.txt", "text"),
        ],
    )
    def test_it_reads_the_type_from_the_content(self, build, filename, kind):
        assert resume_file_kind(data=build(), filename=filename) == kind

    @pytest.mark.parametrize(
        ("data", "filename"),
        [
            (files.PNG_BYTES, "photo.png"),
            (files.PNG_BYTES, "resume.pdf"),
            (files.PNG_BYTES, "resume.txt"),
            (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "resume.doc"),
            (b"{\\rtf1\\ansi Jordan Rivera}", "resume.rtf"),
            (b"\x00\x01\x02\x03binary\x00" * 50, "resume.txt"),
            ("Jordan Rivera, café".encode("cp1252"), "resume.bin"),
        ],
    )
    def test_other_types_are_unsupported(self, data, filename):
        with pytest.raises(UnsupportedMediaType):
            resume_file_kind(data=data, filename=filename)

    def test_a_zip_that_is_not_a_word_document_is_unsupported(self):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("xl/workbook.xml", "<workbook/>")
        with pytest.raises(UnsupportedMediaType, match="not a Word document"):
            resume_file_kind(data=out.getvalue(), filename="resume.xlsx")


class TestExtraction:
    def test_docx_becomes_markdown_with_headings_and_bullets(self):
        markdown = resume_file_to_markdown(data=files.docx_resume(), filename="resume.docx")
        assert markdown.startswith("# Jordan Rivera\n")
        for heading in ("## Summary", "## Experience", "## Education", "## Skills"):
            assert f"\n{heading}\n" in markdown
        assert f"### {files.JOB}" in markdown
        for bullet in files.BULLETS:
            assert f"\n- {bullet}" in markdown
        assert files.SKILLS in markdown

    @pytest.mark.parametrize("build", [files.weasyprint_pdf_resume, files.minimal_pdf_resume])
    def test_pdf_becomes_markdown_with_headings_and_bullets(self, build):
        markdown = resume_file_to_markdown(data=build(), filename="resume.pdf")
        assert markdown.startswith("# Jordan Rivera\n")
        assert "\n## Education\n" in markdown
        assert "## Experience" in markdown or "## Professional Experience" in markdown
        for bullet in files.BULLETS:
            assert f"\n- {bullet}" in markdown
        assert "•" not in markdown

    def test_a_resume_exported_as_pdf_imports_back_with_its_bullets(self):
        # A user downloads a tailored resume and later adds it to the library.
        source = (Path(__file__).parents[1] / "documents" / "samples" / "two_page_resume.md").read_text()
        context = ExportContext(
            document_type="optimized_resume",
            author="Morgan Ellis-Park",
            author_email="morgan.ellis@example.org",
            company="Acme Robotics",
            role="Senior Backend Engineer",
            date=date(2026, 1, 1),
        )
        markdown = resume_file_to_markdown(
            data=document_pdf(markdown=source, context=context), filename="r.pdf"
        )
        source_items = [" ".join(b.text.split()) for b in markdown_to_blocks(source) if b.marker == "bullet"]
        imported_items = [line.removeprefix("- ") for line in markdown.splitlines() if line.startswith("- ")]
        assert len(source_items) >= 20
        assert imported_items == source_items
        assert "customer-visible downtime" in markdown

    def test_a_pdf_with_an_empty_user_password_opens(self):
        markdown = resume_file_to_markdown(data=files.encrypted_pdf(user_password=""), filename="resume.pdf")
        assert "Jordan Rivera" in markdown

    def test_a_password_protected_pdf_is_a_400(self):
        with pytest.raises(ValidationFailed, match="password-protected"):
            resume_file_to_markdown(data=files.encrypted_pdf(user_password="secret"), filename="resume.pdf")

    @pytest.mark.parametrize(
        "data",
        [
            b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\nendobj\ngarbage",
            b"%PDF-1.7\n" + bytes(range(256)) * 20,
            files.minimal_pdf_resume()[:300],
            b"%PDF-",
        ],
    )
    def test_a_malformed_pdf_is_a_400(self, data):
        with pytest.raises(ValidationFailed):
            resume_file_to_markdown(data=data, filename="resume.pdf")

    def test_a_pdf_without_text_is_a_400(self):
        with pytest.raises(ValidationFailed, match="No text"):
            resume_file_to_markdown(data=files.minimal_pdf([]), filename="scan.pdf")

    @pytest.mark.parametrize(
        "data",
        [
            b"PK\x03\x04" + b"\x00" * 100,
            # A ZIP with the Word part, but no valid Word document inside.
            None,
        ],
    )
    def test_a_damaged_docx_is_a_400(self, data):
        if data is None:
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w") as archive:
                archive.writestr("word/document.xml", "<not-xml")
            data = out.getvalue()
        with pytest.raises(ValidationFailed):
            resume_file_to_markdown(data=data, filename="resume.docx")

    @pytest.mark.parametrize("data", [b"", b"   \n\n\t  \n"])
    def test_empty_text_is_a_400(self, data):
        with pytest.raises(ValidationFailed, match="No text"):
            resume_file_to_markdown(data=data, filename="resume.txt")


class TestTextToMarkdown:
    def test_it_turns_section_titles_into_headings(self):
        markdown = text_to_markdown(
            "Jordan Rivera\nWORK EXPERIENCE\nAcme, Engineer\nEducation:\nOSU\nTechnical Skills\nPython"
        )
        assert markdown.split("\n") == [
            "# Jordan Rivera",
            "",
            "## Work Experience",
            "",
            "Acme, Engineer",
            "",
            "## Education",
            "",
            "OSU",
            "",
            "## Technical Skills",
            "",
            "Python",
        ]

    def test_it_keeps_bullets_of_every_kind_as_dashes(self):
        markdown = text_to_markdown(
            "Skills\n• Python\n● Django\n* Redis\n– Docker\n\uf0b7 AWS\no Git\n1. First\n2) Second"
        )
        assert markdown.split("\n")[2:] == [
            "- Python",
            "- Django",
            "- Redis",
            "- Docker",
            "- AWS",
            "- Git",
            "1. First",
            "2. Second",
        ]

    def test_it_joins_wrapped_bullet_lines(self):
        markdown = text_to_markdown(
            "• Built a platform with Django and\nPostgreSQL for orders\n• Led a team of\nfour engineers"
        )
        assert markdown.split("\n") == [
            "- Built a platform with Django and PostgreSQL for orders",
            "- Led a team of four engineers",
        ]

    def test_it_joins_a_line_broken_after_a_compound_words_hyphen(self):
        markdown = text_to_markdown(
            "• Zero customer-\nvisible downtime\nOwned the post-\nmortem and the follow-\nUp call"
        )
        assert markdown.split("\n") == [
            "- Zero customer-visible downtime",
            "",
            "Owned the post-mortem and the follow-",
            "Up call",
        ]

    def test_a_lone_bullet_glyph_marks_the_next_line(self):
        assert text_to_markdown("Skills\n•\nPython\n•\nDjango") == "## Skills\n\n- Python\n- Django"

    def test_it_separates_text_from_a_preceding_list(self):
        assert text_to_markdown("- Python\nAcme Corp, Engineer") == "- Python\n\nAcme Corp, Engineer"

    def test_markdown_passes_through(self):
        source = "# Jordan Rivera\n\n## Experience\n\n### Engineer — Acme (2019)\n\n- Built things\n  - Nested detail\n\n**Bold** text"
        assert text_to_markdown(source) == source

    def test_it_tidies_whitespace_ligatures_and_decoration(self):
        markdown = text_to_markdown(
            "Jordan   Rivera\r\n\r\n\r\n\r\nProﬁle\u00a0text\u200b here\n__________\nEnd"
        )
        assert markdown == "# Jordan Rivera\n\nProfile text here\n\nEnd"

    def test_a_contact_line_with_a_hash_is_not_a_heading(self):
        assert (
            text_to_markdown("Jordan Rivera\n# jordan@example.com")
            == "# Jordan Rivera\n\n\\# jordan@example.com"
        )


def test_name_from_filename():
    assert resume_name_from_filename("Jordan_Rivera-Resume.pdf") == "Jordan Rivera Resume"
    assert resume_name_from_filename("C:\\fakepath\\cv 2025.docx") == "Cv 2025"
    assert resume_name_from_filename("") == "Imported resume"
    assert len(resume_name_from_filename("x" * 400 + ".pdf")) == 255
