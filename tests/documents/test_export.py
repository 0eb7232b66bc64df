"""`document_export`: formats, versions, errors, filenames, PDF and DOCX contents."""

import io

import docx
import pytest
from django.utils import timezone
from docx.opc.constants import RELATIONSHIP_TYPE
from pypdf import PdfReader

from documents.export import (
    EXPORT_FORMATS,
    MAX_LAYOUT_UNITS,
    document_export,
)
from documents.export.text import markdown_to_plain_text
from jobforge.errors import NotFound, ValidationFailed
from tests.factories import RESUME_MARKDOWN, ApplicationFactory, ResumeFactory, document_write

pytestmark = pytest.mark.django_db

LETTER = (
    "Dear Hiring Team at Acme Robotics,\n\nI am applying for the Senior Backend Engineer role "
    "because I have built the kind of services your robots depend on.\n\nThank you for your time."
)
# The shape the offline writer gives a letter: sender lines and a date before the salutation.
LETTER_WITH_HEADING = (
    "Alice Archer  \nalice@example.com · Portland, OR\n\nJune 30, 2025\n\n"
    + LETTER
    + "\n\nSincerely,  \nAlice Archer\n"
)


@pytest.fixture
def app(alice):
    return ApplicationFactory(user=alice)


def export(app, document_type="optimized_resume", export_format="pdf", **kwargs):
    return document_export(
        application=app, document_type=document_type, export_format=export_format, **kwargs
    )


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


class TestFormats:
    def test_md_is_the_markdown_as_stored(self, app):
        document_write(app, "optimized_resume", RESUME_MARKDOWN)
        exported = export(app, export_format="md")
        assert exported.content == RESUME_MARKDOWN.encode("utf-8")
        assert exported.content_type == "text/markdown; charset=utf-8"
        assert exported.filename == "Alice_Archer_Resume_Acme_Robotics.md"

    def test_txt_is_the_plain_text_rendering(self, app):
        document_write(app, "optimized_resume", RESUME_MARKDOWN)
        exported = export(app, export_format="txt")
        assert exported.content.decode("utf-8") == markdown_to_plain_text(RESUME_MARKDOWN)
        assert "#" not in exported.content.decode() and "**" not in exported.content.decode()
        assert exported.content_type == "text/plain; charset=utf-8"

    def test_pdf_is_a_pdf_with_the_documents_text(self, app):
        document_write(app, "optimized_resume", RESUME_MARKDOWN)
        exported = export(app, export_format="pdf")
        assert exported.content.startswith(b"%PDF-")
        assert exported.content_type == "application/pdf"
        text = pdf_text(exported.content)
        assert "Jordan Rivera" in text and "Northwind Logistics" in text

    def test_docx_is_a_word_document_with_the_documents_text(self, app):
        document_write(app, "optimized_resume", RESUME_MARKDOWN)
        exported = export(app, export_format="docx")
        assert exported.content_type == (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        paragraphs = [p.text for p in docx.Document(io.BytesIO(exported.content)).paragraphs]
        assert "Jordan Rivera" in paragraphs

    @pytest.mark.parametrize("export_format", ["PDF", "doc", "html", "", "pdf ", "../pdf"])
    def test_an_unknown_format_is_refused_naming_the_allowed_ones(self, app, export_format):
        document_write(app, "optimized_resume", RESUME_MARKDOWN)
        with pytest.raises(ValidationFailed) as raised:
            export(app, export_format=export_format)
        assert "pdf, docx, md, txt" in raised.value.message
        assert EXPORT_FORMATS == ("pdf", "docx", "md", "txt")

    def test_an_unknown_document_type_is_refused(self, app):
        with pytest.raises(ValidationFailed):
            export(app, document_type="essay")

    def test_a_document_not_generated_yet_is_not_found(self, app):
        with pytest.raises(NotFound):
            export(app, document_type="cover_letter")


class TestVersions:
    def test_it_exports_an_earlier_version(self, app):
        document_write(app, "optimized_resume", "# First version\n\nOld text.")
        document_write(app, "optimized_resume", "# Second version\n\nNew text.")
        assert export(app, export_format="md", version=1).content == b"# First version\n\nOld text."
        assert export(app, export_format="md").content == b"# Second version\n\nNew text."
        assert "First version" in pdf_text(export(app, version=1).content)

    def test_a_version_export_says_so_in_its_filename(self, app):
        document_write(app, "optimized_resume", "# First version\n\nOld text.")
        assert (
            export(app, export_format="md", version=1).filename == "Alice_Archer_Resume_Acme_Robotics_v1.md"
        )

    def test_a_missing_version_is_not_found(self, app):
        document_write(app, "optimized_resume", RESUME_MARKDOWN)
        with pytest.raises(NotFound):
            export(app, export_format="md", version=2)

    @pytest.mark.parametrize("version", [0, -1, True, "1", 1.0])
    def test_a_bad_version_is_refused(self, app, version):
        document_write(app, "optimized_resume", RESUME_MARKDOWN)
        with pytest.raises(ValidationFailed):
            export(app, export_format="md", version=version)

    def test_another_applications_version_is_not_found(self, app, alice):
        other = ApplicationFactory(user=alice, company_name="Other Co")
        document_write(other, "optimized_resume", "# Other\n\nTheir text, three versions.")
        document_write(other, "optimized_resume", "# Other\n\nSecond version.")
        document_write(app, "optimized_resume", RESUME_MARKDOWN)
        with pytest.raises(NotFound):
            export(app, export_format="md", version=2)


class TestPdf:
    def test_it_carries_title_and_author(self, app):
        document_write(app, "optimized_resume", RESUME_MARKDOWN)
        metadata = PdfReader(io.BytesIO(export(app).content)).metadata
        assert metadata.author == "Alice Archer"
        assert metadata.title == "Alice Archer – Resume"

    def test_the_author_is_the_person_the_resume_names_not_the_account(self, app, alice):
        ResumeFactory(user=alice, is_primary=True)  # "# Jordan Rivera"
        document_write(app, "optimized_resume", RESUME_MARKDOWN)
        metadata = PdfReader(io.BytesIO(export(app).content)).metadata
        assert metadata.author == "Jordan Rivera"
        assert metadata.title == "Jordan Rivera – Resume"

    @pytest.mark.parametrize("page_size, box", [("A4", (595, 842)), ("Letter", (612, 792))])
    def test_it_uses_the_configured_page_size(self, app, settings, page_size, box):
        settings.JOBFORGE_PDF_PAGE_SIZE = page_size
        document_write(app, "optimized_resume", RESUME_MARKDOWN)
        page = PdfReader(io.BytesIO(export(app).content)).pages[0]
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == box

    def test_list_markers_are_text_in_reading_order(self, app):
        # Markers drawn as ::marker boxes extract after all the page's text, so an ATS
        # (or our own resume import) would see items without bullets.
        document_write(
            app,
            "optimized_resume",
            "# Alice\n\n## Skills\n\n- Python\n- Django\n  - REST framework\n\n"
            "## Steps\n\n3. Third\n4. Fourth\n\n- Loose item\n\n- Another loose item\n",
        )
        lines = [line.strip() for line in pdf_text(export(app).content).splitlines() if line.strip()]
        assert lines[lines.index("SKILLS") + 1 :] == [
            "• Python",
            "• Django",
            "◦ REST framework",
            "STEPS",
            "3. Third",
            "4. Fourth",
            "• Loose item",
            "• Another loose item",
        ]

    def test_a_cover_letter_is_a_letter(self, app):
        document_write(app, "cover_letter", LETTER)
        text = pdf_text(export(app, document_type="cover_letter").content)
        today = timezone.localdate()
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        # Sender, date, addressee (company), subject (role), then the letter, then the sign-off.
        assert lines[:6] == [
            "Alice Archer",
            "alice@example.com",
            f"{today.day} {today:%B %Y}",
            "Hiring Team",
            "Acme Robotics",
            "Re: Senior Backend Engineer",
        ]
        assert lines[6] == "Dear Hiring Team at Acme Robotics,"
        assert lines[-2:] == ["Sincerely,", "Alice Archer"]

    def test_a_letter_with_its_own_heading_prints_it_once(self, app):
        document_write(app, "cover_letter", LETTER_WITH_HEADING)
        text = pdf_text(export(app, document_type="cover_letter").content)
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert lines[:6] == [
            "Alice Archer",
            "alice@example.com · Portland, OR",
            "June 30, 2025",
            "Hiring Team",
            "Acme Robotics",
            "Re: Senior Backend Engineer",
        ]
        assert text.count("Alice Archer") == 2  # letterhead and signature
        assert text.count("Sincerely") == 1

    def test_a_research_report_is_headed_with_role_and_company(self, app):
        document_write(app, "research_report", "# Research\n\n## Must-haves\n\n- Python")
        text = pdf_text(export(app, document_type="research_report").content)
        assert text.index("Senior Backend Engineer · Acme Robotics") < text.index("Must-haves")

    def test_a_document_too_long_to_lay_out_is_refused_but_md_and_txt_still_work(self, app):
        content = "- x\n" * (MAX_LAYOUT_UNITS // 3 + 1)
        document_write(app, "research_report", content)
        for export_format in ("pdf", "docx"):
            with pytest.raises(ValidationFailed) as raised:
                export(app, document_type="research_report", export_format=export_format)
            assert "Markdown or plain text" in raised.value.message
        assert export(app, document_type="research_report", export_format="md").content == content.encode()
        assert export(app, document_type="research_report", export_format="txt").content

    def test_non_latin_text_is_drawn_and_extractable(self, alice):
        app = ApplicationFactory(user=alice, company_name="東京ロボティクス")
        document_write(app, "cover_letter", "Dear Hiring Team,\n\nJ'ai travaillé à Zürich et à 東京.")
        text = pdf_text(export(app, document_type="cover_letter").content)
        assert "東京ロボティクス" in text and "J'ai travaillé à Zürich et à 東京." in text


class TestDocx:
    @pytest.fixture
    def document(self, app):
        document_write(
            app,
            "optimized_resume",
            "# Jane Doe\n\n## Experience\n\n### Dev — Acme\n\n"
            "Some **bold** and *italic* text with [a link](https://jane.example).\n\n"
            "- first bullet\n  - nested bullet\n- second bullet\n\n1. step one\n2. step two\n\n"
            "Between lists.\n\n5. restart at five\n\n| Skill | Years |\n|---|---|\n| Python | 7 |\n",
        )
        return docx.Document(io.BytesIO(export(app, export_format="docx").content))

    def styled(self, document) -> list[tuple[str, str]]:
        return [(p.style.name, p.text) for p in document.paragraphs if p.text]

    def test_it_uses_named_styles_for_the_structure(self, document):
        assert self.styled(document) == [
            ("Title", "Jane Doe"),
            ("Heading 1", "Experience"),
            ("Heading 2", "Dev — Acme"),
            ("Normal", "Some bold and italic text with a link."),
            ("List Bullet", "first bullet"),
            ("List Bullet 2", "nested bullet"),
            ("List Bullet", "second bullet"),
            ("List Number", "step one"),
            ("List Number", "step two"),
            ("Normal", "Between lists."),
            ("List Number", "restart at five"),
        ]

    def test_it_keeps_bold_and_italic(self, document):
        runs = {run.text: run for run in document.paragraphs[3].runs}
        assert runs["bold"].bold and not runs["bold"].italic
        assert runs["italic"].italic and not runs["italic"].bold

    def test_links_are_real_hyperlinks(self, document):
        targets = [
            rel.target_ref
            for rel in document.part.rels.values()
            if rel.reltype == RELATIONSHIP_TYPE.HYPERLINK
        ]
        assert targets == ["https://jane.example"]
        assert document.paragraphs[3].hyperlinks[0].text == "a link"

    def test_each_numbered_list_restarts_at_its_own_number(self, document):
        numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
        first, second = (p._p.pPr.numPr.numId.val for p in (numbered[0], numbered[2]))
        assert first != second
        assert numbered[1]._p.pPr.numPr.numId.val == first

    def test_tables_are_tables(self, document):
        assert [[cell.text for cell in row.cells] for row in document.tables[0].rows] == [
            ["Skill", "Years"],
            ["Python", "7"],
        ]

    def test_it_carries_title_and_author(self, document):
        assert document.core_properties.author == "Alice Archer"
        assert document.core_properties.title == "Alice Archer – Resume"

    def test_a_cover_letter_has_the_letter_furniture(self, app):
        document_write(app, "cover_letter", LETTER_WITH_HEADING)
        content = export(app, document_type="cover_letter", export_format="docx").content
        paragraphs = [p.text for p in docx.Document(io.BytesIO(content)).paragraphs if p.text]
        assert paragraphs[:5] == [
            "Alice Archer",
            "alice@example.com · Portland, OR",
            "June 30, 2025",
            "Hiring Team\nAcme Robotics",
            "Re: Senior Backend Engineer",
        ]
        assert paragraphs[-1] == "Sincerely,\nAlice Archer"
