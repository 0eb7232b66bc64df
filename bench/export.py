"""Export benchmark: time to render a two-page resume to PDF and to DOCX.

Not a test: run it with `.venv/bin/python bench/export.py` (or `make bench`). It sets
up Django itself, touches no database, and prints the median and 95th percentile of
20 renders (after one warm-up render each, which loads fonts and templates).
"""

import io
import math
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

RUNS = 20

# A fictional two-page resume (the one the round-trip tests use).
TWO_PAGE_RESUME = (
    Path(__file__).resolve().parent.parent / "tests" / "documents" / "samples" / "two_page_resume.md"
).read_text(encoding="utf-8")


def setup_django() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobforge.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    import django

    django.setup()


def percentile(samples: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def timed(render, runs: int) -> tuple[list[float], bytes]:
    content = render()  # warm-up
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        content = render()
        samples.append((time.perf_counter() - started) * 1000)
    return samples, content


def main() -> None:
    setup_django()
    from pypdf import PdfReader

    from documents.export import ExportContext, document_docx, document_pdf

    context = ExportContext(
        document_type="optimized_resume",
        author="Morgan Ellis-Park",
        author_email="morgan.ellis@example.org",
        company="Acme Robotics",
        role="Senior Backend Engineer",
        date=date(2025, 7, 1),
        page_size="A4",
    )
    pdf_samples, pdf = timed(lambda: document_pdf(markdown=TWO_PAGE_RESUME, context=context), RUNS)
    docx_samples, docx = timed(lambda: document_docx(markdown=TWO_PAGE_RESUME, context=context), RUNS)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(f"Two-page resume ({len(TWO_PAGE_RESUME)} characters, {pages} PDF pages), {RUNS} runs each:")
    for name, samples, content in (("PDF", pdf_samples, pdf), ("DOCX", docx_samples, docx)):
        print(
            f"  {name:<5} median {statistics.median(samples):6.0f} ms   "
            f"p95 {percentile(samples, 0.95):6.0f} ms   ({len(content) / 1024:.0f} KiB)"
        )


if __name__ == "__main__":
    main()
