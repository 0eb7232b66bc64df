"""PDF memory benchmark: the process's resident memory over many PDF renders.

Not a test: run it with `.venv/bin/python bench/pdf_memory.py [--renders 500]`. It sets up
Django itself, touches no database, renders the two-page resume of the round-trip tests
`--warm-up` times (default 20: fonts, templates, caches), then `--renders` times, and prints
the resident set size (VmRSS) every 100 renders and the growth after the warm-up.
`--fresh-fonts` makes a new WeasyPrint font configuration for every render, as the export
did before it kept one per thread, to compare in one run.
"""

import argparse
import os
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TWO_PAGE_RESUME = (ROOT / "tests" / "documents" / "samples" / "two_page_resume.md").read_text(
    encoding="utf-8"
)


def rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=500)
    parser.add_argument("--fresh-fonts", action="store_true", help="a new font configuration per render")
    parser.add_argument("--warm-up", type=int, default=20, help="renders before the first reading")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobforge.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    import django

    django.setup()
    from weasyprint.text.fonts import FontConfiguration

    from documents.export import ExportContext, document_pdf, pdf

    if args.fresh_fonts:
        pdf.font_configuration = FontConfiguration
    context = ExportContext(
        document_type="optimized_resume",
        author="Morgan Ellis-Park",
        author_email="morgan.ellis@example.org",
        company="Acme Robotics",
        role="Senior Backend Engineer",
        date=date(2025, 7, 1),
        page_size="A4",
    )
    for _ in range(args.warm_up):
        document_pdf(markdown=TWO_PAGE_RESUME, context=context)
    start = rss_mib()
    print(f"font configuration: {'new per render' if args.fresh_fonts else 'one per thread'}")
    print(f"after {args.warm_up} warm-up renders: {start:.1f} MiB")
    for n in range(1, args.renders + 1):
        document_pdf(markdown=TWO_PAGE_RESUME, context=context)
        if n % 100 == 0 or n == args.renders:
            now = rss_mib()
            print(f"after {n:4} renders: {now:.1f} MiB (+{now - start:.1f})")


if __name__ == "__main__":
    main()
