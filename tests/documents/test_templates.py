"""Resume and letter layouts (SPEC §13): classic and modern, on A4 and Letter, as PDF and
DOCX, chosen per user with a per-export override; both stay what applicant-tracking
systems read: real text in reading order, no text in images, no tables for layout."""

import io
import re
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from documents.export import document_export
from jobforge.errors import ValidationFailed
from tests.documents.test_export_roundtrip import COVER_LETTER, pdf_text, words
from tests.factories import ApplicationFactory, ResumeFactory, document_write
from tests.pages import messages_of

pytestmark = pytest.mark.django_db

TWO_PAGE_RESUME = (Path(__file__).parent / "samples" / "two_page_resume.md").read_text(encoding="utf-8")
# Points: the page boxes of the two paper sizes.
PAGE_BOXES = {"a4": (595, 842), "letter": (612, 792)}
# The modern layout's band colour (#0f4c5c) as the PDF's fill operator.
MODERN_BAND = b"0.058824 0.298039 0.360784 rg"
# What would put text out of the reading flow in a Word file: drawings, text boxes, columns.
DOCX_OUT_OF_FLOW = ("<w:drawing", "<w:pict", "<w:txbxContent", "<v:shape", "<w:cols w:num=")
LAYOUTS = [(template, size) for template in ("classic", "modern") for size in ("a4", "letter")]
DOCUMENTS = [("optimized_resume", TWO_PAGE_RESUME), ("cover_letter", COVER_LETTER)]


@pytest.fixture
def app(alice):
    ResumeFactory(user=alice, is_primary=True, structure={"basics": {"name": "Morgan Ellis-Park"}})
    application = ApplicationFactory(user=alice)
    for document_type, content in DOCUMENTS:
        document_write(application, document_type, content)
    return application


def export(app, document_type, export_format, **options):
    return document_export(
        application=app, document_type=document_type, export_format=export_format, **options
    )


def headings(markdown: str) -> list[str]:
    return [line.lstrip("#").strip() for line in markdown.splitlines() if re.match(r"#{1,3} ", line)]


def reading_order(content: str) -> list[str]:
    """The resume's headings, its name first; a letter's sender (it has no headings)."""
    return headings(content) or ["Morgan Ellis-Park"]


def in_order(expected: list[str], text: str) -> bool:
    """Each expected phrase is found after the previous one (case-folded words)."""
    haystack = " ".join(words(text))
    position = 0
    for phrase in expected:
        found = haystack.find(" ".join(words(phrase)), position)
        if found < 0:
            return False
        position = found + 1
    return True


@pytest.mark.parametrize("template, page_size", LAYOUTS)
@pytest.mark.parametrize("document_type, content", DOCUMENTS, ids=["resume", "letter"])
class TestPdf:
    def test_it_has_the_page_size_and_the_layout(self, app, template, page_size, document_type, content):
        pdf = export(app, document_type, "pdf", template=template, page_size=page_size).content
        reader = PdfReader(io.BytesIO(pdf))
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == PAGE_BOXES[page_size]
        assert (MODERN_BAND in reader.pages[0].get_contents().get_data()) == (template == "modern")

    def test_it_is_real_text_in_reading_order_without_images(
        self, app, template, page_size, document_type, content
    ):
        pdf = export(app, document_type, "pdf", template=template, page_size=page_size).content
        reader = PdfReader(io.BytesIO(pdf))
        assert all(len(page.images) == 0 for page in reader.pages)
        text = pdf_text(pdf)
        assert in_order(reading_order(content), text)
        if document_type == "cover_letter":
            assert in_order(["Hiring Team", "Acme Robotics", "Dear Hiring Team", "Sincerely"], text)


@pytest.mark.parametrize("template, page_size", LAYOUTS)
@pytest.mark.parametrize("document_type, content", DOCUMENTS, ids=["resume", "letter"])
class TestDocx:
    def test_it_has_the_page_size_and_flows_in_one_column(
        self, app, template, page_size, document_type, content
    ):
        document = docx.Document(
            io.BytesIO(export(app, document_type, "docx", template=template, page_size=page_size).content)
        )
        section = document.sections[0]
        width, height = PAGE_BOXES[page_size]
        assert (round(section.page_width.pt), round(section.page_height.pt)) == (width, height)
        assert document.tables == []
        assert len(document.inline_shapes) == 0
        body = document.element.body.xml
        assert not [marker for marker in DOCX_OUT_OF_FLOW if marker in body]

    def test_its_paragraphs_read_in_order(self, app, template, page_size, document_type, content):
        document = docx.Document(
            io.BytesIO(export(app, document_type, "docx", template=template, page_size=page_size).content)
        )
        text = "\n".join(paragraph.text for paragraph in document.paragraphs)
        assert in_order(reading_order(content), text)


class TestModernDocx:
    def test_it_bands_the_name_and_rules_the_headings_in_named_styles(self, app):
        document = docx.Document(
            io.BytesIO(export(app, "optimized_resume", "docx", template="modern").content)
        )
        styles = document.styles
        assert 'w:fill="0F4C5C"' in styles["Title"].element.xml
        assert styles["Heading 1"].font.all_caps  # capitals by formatting: the text is as written
        assert 'w:color="14B8A6"' in styles["Heading 1"].element.xml
        assert any(paragraph.text == "Skills" for paragraph in document.paragraphs)

    def test_the_classic_layout_has_neither(self, app):
        document = docx.Document(
            io.BytesIO(export(app, "optimized_resume", "docx", template="classic").content)
        )
        assert "w:fill" not in document.styles["Title"].element.xml
        assert not document.styles["Heading 1"].font.all_caps


class TestChoice:
    def test_the_users_settings_are_the_default(self, app, alice):
        alice.document_template, alice.page_size = "modern", "letter"
        alice.save()
        reader = PdfReader(io.BytesIO(export(app, "optimized_resume", "pdf").content))
        assert round(float(reader.pages[0].mediabox.height)) == 792
        assert MODERN_BAND in reader.pages[0].get_contents().get_data()

    def test_a_user_without_a_paper_size_gets_the_servers(self, app, settings):
        settings.JOBFORGE_PDF_PAGE_SIZE = "Letter"
        reader = PdfReader(io.BytesIO(export(app, "cover_letter", "pdf").content))
        assert round(float(reader.pages[0].mediabox.height)) == 792

    def test_an_export_overrides_them(self, app, alice):
        alice.document_template, alice.page_size = "modern", "letter"
        alice.save()
        reader = PdfReader(
            io.BytesIO(export(app, "optimized_resume", "pdf", template="classic", page_size="a4").content)
        )
        assert round(float(reader.pages[0].mediabox.height)) == 842
        assert MODERN_BAND not in reader.pages[0].get_contents().get_data()

    @pytest.mark.parametrize(
        "options, field",
        [
            ({"template": "fancy"}, "template"),
            ({"page_size": "A4"}, "page_size"),
            ({"page_size": "legal"}, "page_size"),
        ],
    )
    @pytest.mark.parametrize("export_format", ["pdf", "md"])
    def test_an_unknown_value_is_refused_naming_the_allowed_ones(self, app, options, field, export_format):
        with pytest.raises(ValidationFailed) as refused:
            export(app, "optimized_resume", export_format, **options)
        assert list(refused.value.details) == [field]

    @pytest.mark.parametrize(
        "query, field, allowed",
        [("template=fancy", "template", "classic, modern"), ("page_size=a5", "page_size", "a4, letter")],
    )
    def test_the_api_refuses_an_unknown_value_in_the_envelope(self, alice_client, app, query, field, allowed):
        url = f"/api/v1/applications/{app.pk}/documents/optimized_resume/export?format=pdf&{query}"
        response = alice_client.get(url)
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["code"] == "VALIDATION_ERROR"
        assert error["details"] == {field: [f"Must be one of: {allowed}."]}

    def test_the_api_takes_the_override(self, alice_client, app):
        url = f"/api/v1/applications/{app.pk}/documents/cover_letter/export?format=docx&template=modern&page_size=letter"
        response = alice_client.get(url)
        assert response.status_code == 200
        document = docx.Document(io.BytesIO(response.content))
        assert round(document.sections[0].page_width.pt) == 612
        assert 'w:fill="0F4C5C"' in document.styles["Letter Sender"].element.xml

    def test_the_page_downloads_with_the_chosen_layout(self, web, app):
        base = f"/applications/{app.pk}/documents/optimized_resume/"
        page = web.get(base).content.decode()
        assert '<option value="classic" selected>' in page
        response = web.get(f"{base}export/pdf/", {"template": "modern", "page_size": "letter"})
        assert response.status_code == 200
        reader = PdfReader(io.BytesIO(response.content))
        assert round(float(reader.pages[0].mediabox.height)) == 792
        assert MODERN_BAND in reader.pages[0].get_contents().get_data()

    def test_the_page_explains_an_unknown_layout(self, web, app):
        base = f"/applications/{app.pk}/documents/optimized_resume/"
        response = web.get(f"{base}export/pdf/", {"template": "fancy"}, follow=True)
        assert response.redirect_chain == [(base, 302)]
        assert messages_of(response) == ["Unknown template 'fancy'. Allowed: classic, modern."]


class TestPreviewFonts:
    def test_the_app_serves_the_pdf_font_and_documents_use_it(self):
        css = (Path(__file__).parents[2] / "static" / "css" / "app.css").read_text(encoding="utf-8")
        pdf_css = (Path(__file__).parents[2] / "static" / "css" / "pdf" / "base.css").read_text(
            encoding="utf-8"
        )
        family = '"Carlito", "Calibri", "DejaVu Sans", sans-serif'
        assert f"font-family: {family}" in pdf_css
        assert f"--font-document: {family}" in css
        assert ".prose { font-family: var(--font-document)" in css
        for style in ("Regular", "Bold", "Italic", "BoldItalic"):
            assert f'url("../fonts/Carlito-{style}.woff2")' in css
            font = Path(__file__).parents[2] / "static" / "fonts" / f"Carlito-{style}.woff2"
            assert font.read_bytes()[:4] == b"wOF2"
