"""Exported PDFs and DOCX files read back as the same words in the same order.

An applicant-tracking system reads the text layer of a PDF or the runs of a DOCX:
every word of the source has to come back, in reading order. Recall and order are
measured together as the longest common subsequence of word tokens over the source's
token count, and must be at least 98%, for every layout (classic, modern) and paper
size (A4, Letter).
"""

import io
import re
import unicodedata
from datetime import date
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from documents.export import ExportContext, document_docx, document_export, document_pdf
from documents.export.text import markdown_to_plain_text
from tests.factories import ApplicationFactory, document_write

# A fictional two-page resume, written for these tests and the export benchmark.
TWO_PAGE_RESUME = (Path(__file__).parent / "samples" / "two_page_resume.md").read_text(encoding="utf-8")

COVER_LETTER = """Dear Hiring Team at Acme Robotics,

I am applying for the Senior Backend Engineer role. Your warehouse robots depend on services that
must never lose an order or a reading, and that is the kind of system I have spent nine years
building: at Rhône Freight Systems I designed an invoicing pipeline on Kafka and PostgreSQL that
settles €38 million a month with idempotent consumers and an outbox, and I cut the p95 latency of
our quote API from 1.8 seconds to 240 milliseconds.

Your posting asks for strong PostgreSQL and Redis experience and production Docker and Kubernetes.
I have run partitioned PostgreSQL clusters with logical replication, used Redis for caching and
rate limiting, and deployed everything I own on Kubernetes with Terraform. I also care about the
parts of the job that are not code: I wrote the REST API guidelines twelve teams adopted, and I
have mentored five engineers.

I would welcome the chance to talk about how I could help keep your fleet telemetry pipeline fast
and reliable.

Sincerely,

Morgan Ellis-Park
"""

MIN_SCORE = 0.98


def words(text: str) -> list[str]:
    """Word tokens, case- and accent-folded; Markdown punctuation and bullets are not words."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.findall(r"[^\W_]+", text)


# What a letter starts with: sender, contact, date, addressee, subject, salutation.
LETTER_HEAD = words(
    "Morgan Ellis-Park morgan.ellis@example.org 1 July 2025 Hiring Team Acme Robotics "
    "Re: Senior Backend Engineer Dear Hiring Team"
)
# On Letter paper the date is written the US way.
LETTER_HEADS = {
    "A4": LETTER_HEAD,
    "Letter": words(" ".join(LETTER_HEAD).replace("1 july 2025", "july 1 2025")),
}
TEMPLATES = ["classic", "modern"]
PAGE_SIZES = ["A4", "Letter"]
every_layout = pytest.mark.parametrize(
    "template, page_size", [(template, size) for template in TEMPLATES for size in PAGE_SIZES]
)


def lcs_length(a: list[str], b: list[str]) -> int:
    previous = [0] * (len(b) + 1)
    for token in a:
        current = [0]
        for j, other in enumerate(b, start=1):
            current.append(previous[j - 1] + 1 if token == other else max(previous[j], current[j - 1]))
        previous = current
    return previous[-1]


def recall_in_order(source: str, extracted: str) -> float:
    """Share of the source's words that come back in the source's order (LCS over tokens)."""
    expected = words(source)
    return lcs_length(expected, words(extracted)) / len(expected)


def source_words(markdown: str) -> str:
    # What a reader sees: link targets shown as text in the Markdown are not in the PDF.
    return markdown_to_plain_text(re.sub(r"\]\([^)]*\)", "]", markdown))


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        paragraphs.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(paragraphs)


def context(document_type: str, page_size: str = "A4", template: str = "classic") -> ExportContext:
    return ExportContext(
        document_type=document_type,
        author="Morgan Ellis-Park",
        author_email="morgan.ellis@example.org",
        company="Acme Robotics",
        role="Senior Backend Engineer",
        date=date(2025, 7, 1),
        page_size=page_size,
        template=template,
    )


class TestMeasure:
    def test_it_scores_a_perfect_copy_as_one(self):
        assert recall_in_order("a b c d", "a b c d") == 1.0

    def test_it_penalises_missing_and_reordered_words(self):
        assert recall_in_order("a b c d", "a b d") == 0.75
        assert recall_in_order("a b c d", "d c b a") == 0.25


class TestPdfRoundTrip:
    @every_layout
    def test_it_extracts_a_two_page_resume_in_order(self, template, page_size):
        pdf = document_pdf(markdown=TWO_PAGE_RESUME, context=context("optimized_resume", page_size, template))
        reader = PdfReader(io.BytesIO(pdf))
        assert len(reader.pages) == 2
        score = recall_in_order(source_words(TWO_PAGE_RESUME), pdf_text(pdf))
        assert score >= MIN_SCORE, score

    @every_layout
    def test_it_extracts_a_cover_letter_in_order(self, template, page_size):
        pdf = document_pdf(markdown=COVER_LETTER, context=context("cover_letter", page_size, template))
        text = pdf_text(pdf)
        assert recall_in_order(source_words(COVER_LETTER), text) >= MIN_SCORE
        assert words(text)[: len(LETTER_HEADS[page_size])] == LETTER_HEADS[page_size]
        assert len(PdfReader(io.BytesIO(pdf)).pages) == 1

    def test_it_keeps_words_with_ligature_letters_whole(self):
        # "fi", "fl", "ffi" must extract as letters, not as one ligature glyph.
        pdf = document_pdf(
            markdown="# Profile\n\nEfficient office workflows, fluent in financial filings.",
            context=context("optimized_resume"),
        )
        assert "Efficient office workflows, fluent in financial filings." in pdf_text(pdf)


class TestDocxRoundTrip:
    @every_layout
    def test_it_extracts_a_two_page_resume_in_order(self, template, page_size):
        content = document_docx(
            markdown=TWO_PAGE_RESUME, context=context("optimized_resume", page_size, template)
        )
        score = recall_in_order(source_words(TWO_PAGE_RESUME), docx_text(content))
        assert score >= MIN_SCORE, score

    @every_layout
    def test_it_extracts_a_cover_letter_in_order(self, template, page_size):
        content = document_docx(markdown=COVER_LETTER, context=context("cover_letter", page_size, template))
        text = docx_text(content)
        assert recall_in_order(source_words(COVER_LETTER), text) >= MIN_SCORE
        assert words(text)[: len(LETTER_HEADS[page_size])] == LETTER_HEADS[page_size]


@pytest.mark.django_db
class TestThroughTheService:
    @pytest.mark.parametrize(
        "export_format, template",
        [
            ("pdf", "classic"),
            ("pdf", "modern"),
            ("docx", "classic"),
            ("docx", "modern"),
            ("txt", ""),
            ("md", ""),
        ],
    )
    def test_it_round_trips_every_format(self, alice, export_format, template):
        application = ApplicationFactory(user=alice)
        document_write(application, "optimized_resume", TWO_PAGE_RESUME)
        exported = document_export(
            application=application,
            document_type="optimized_resume",
            export_format=export_format,
            template=template,
        )
        extract = {
            "pdf": pdf_text,
            "docx": docx_text,
            "txt": lambda content: content.decode("utf-8"),
            "md": lambda content: content.decode("utf-8"),
        }[export_format]
        assert recall_in_order(source_words(TWO_PAGE_RESUME), extract(exported.content)) >= MIN_SCORE
