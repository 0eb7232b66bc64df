"""Export benchmark: render time of a normal document and of the worst documents the
layout budget accepts, to PDF and to DOCX.

Not a test: run it with `.venv/bin/python bench/export.py` (or `make bench`). It sets up
Django itself, touches no database, and prints the median and 95th percentile (nearest
rank) of the renders' CPU time after one warm-up render each (which loads fonts and
templates), with the wall-clock median beside it:

- a two-page resume, 20 runs;
- one adversarial document per cost driver (hard line breaks, paragraphs, list items,
  headings, table cells, emphasis, links, code lines, quotes, Latin and CJK prose, and the
  parser's expensive characters and lines), each grown to the largest size that
  `documents.export.budget` still accepts, 5 runs (`--runs N` to change; `--only NAME,...`
  to pick drivers).

A render here is what an export does: the budget check, the parse, the layout.
"""

import argparse
import io
import math
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

NORMAL_RUNS = 20
MAX_CHARS = 50_000

# A fictional two-page resume (the one the round-trip tests use).
TWO_PAGE_RESUME = (
    Path(__file__).resolve().parent.parent / "tests" / "documents" / "samples" / "two_page_resume.md"
).read_text(encoding="utf-8")

# Each cost driver as a document of size n.
ADVERSARIAL = {
    "hard line breaks": lambda n: "x  \n" * n,
    "paragraphs": lambda n: "x\n\n" * n,
    "list items": lambda n: "- x\n" * n,
    "nested lists": lambda n: "".join("  " * (i % 10) + "- x\n" for i in range(n)),
    "headings": lambda n: "## x\n" * n,
    "table cells": lambda n: "|a|b|c|d|\n|-|-|-|-|\n" + "|x|y|z|w|\n" * (n // 4),
    "emphasis": lambda n: "*a* " * n,
    "links": lambda n: "".join(f"[a](https://e.org/{i}) " for i in range(n)),
    "code lines": lambda n: "```\n" + "x\n" * n + "```\n",
    "quotes": lambda n: "> x\n>\n" * n,
    "latin prose": lambda n: "word " * n,
    "cjk prose": lambda n: "東京" * n,
    "brackets": lambda n: "[" * n,
    "underscores": lambda n: "_a" * n,
    "entities": lambda n: "&amp;" * n,
    "link definitions": lambda n: "".join(f"[a{i}]: http://x\n" for i in range(n)),
}


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


def timed(render, runs: int) -> tuple[list[float], list[float], bytes]:
    """CPU and wall-clock milliseconds of each render. CPU time is the figure to compare: on a
    machine shared with other work, wall-clock time measures the neighbours too."""
    content = render()  # warm-up
    cpu, wall = [], []
    for _ in range(runs):
        started_cpu, started = time.process_time(), time.perf_counter()
        content = render()
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
    return cpu, wall, content


def largest_accepted(make) -> tuple[str, int]:
    """The biggest document `make(n)` (at most 50,000 characters) within the layout budget."""
    from documents.export.budget import layout_cost

    def fits(n: int) -> bool:
        markdown = make(n)
        return len(markdown) <= MAX_CHARS and layout_cost(markdown)[0].within_budget

    low, high = 1, MAX_CHARS
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if fits(middle) else (low, middle - 1)
    return make(low), low


def report(name: str, cpu: list[float], wall: list[float], extra: str) -> None:
    print(
        f"  {name:<5} CPU median {statistics.median(cpu):6.0f} ms   p95 {percentile(cpu, 0.95):6.0f} ms"
        f"   (wall median {statistics.median(wall):6.0f} ms)   {extra}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per adversarial document")
    parser.add_argument("--only", default="", help="comma-separated adversarial drivers (default all)")
    parser.add_argument("--normal-only", action="store_true", help="only the two-page resume")
    args = parser.parse_args()
    setup_django()
    from pypdf import PdfReader

    from documents.export import ExportContext, document_docx, document_pdf
    from documents.export.budget import MAX_LAYOUT_UNITS, MAX_MARKUP_CHARS, MAX_SOURCE_LINES, layout_cost

    context = ExportContext(
        document_type="research_report",
        author="Morgan Ellis-Park",
        author_email="morgan.ellis@example.org",
        company="Acme Robotics",
        role="Senior Backend Engineer",
        date=date(2025, 7, 1),
        page_size="A4",
    )
    renders = {
        "PDF": lambda markdown: document_pdf(markdown=markdown, context=context),
        "DOCX": lambda markdown: document_docx(markdown=markdown, context=context),
    }
    print(
        f"Layout budget: {MAX_LAYOUT_UNITS} units, {MAX_SOURCE_LINES} source lines, "
        f"{MAX_MARKUP_CHARS} markup characters."
    )
    resume_context = ExportContext(**{**context.__dict__, "document_type": "optimized_resume"})
    resume = {
        "PDF": lambda: document_pdf(markdown=TWO_PAGE_RESUME, context=resume_context),
        "DOCX": lambda: document_docx(markdown=TWO_PAGE_RESUME, context=resume_context),
    }
    units = layout_cost(TWO_PAGE_RESUME)[0].units
    results = {name: timed(render, NORMAL_RUNS) for name, render in resume.items()}
    pages = len(PdfReader(io.BytesIO(results["PDF"][2])).pages)
    print(
        f"Two-page resume ({len(TWO_PAGE_RESUME)} characters, {units} units, {pages} PDF pages), "
        f"{NORMAL_RUNS} runs each:"
    )
    for name, (cpu, wall, content) in results.items():
        report(name, cpu, wall, f"({len(content) / 1024:.0f} KiB)")
    if args.normal_only:
        return

    only = {name.strip() for name in args.only.split(",") if name.strip()}
    worst: dict[str, tuple[float, str]] = {}
    print(f"Largest accepted adversarial documents, {args.runs} runs each:")
    for driver, make in ADVERSARIAL.items():
        if only and driver not in only:
            continue
        markdown, size = largest_accepted(make)
        cost = layout_cost(markdown)[0]
        print(
            f"{driver}: n={size}, {len(markdown)} characters, {cost.units} units, "
            f"{cost.source_lines} lines, {cost.markup_chars} markup characters",
            flush=True,
        )
        for name, render in renders.items():
            cpu, wall, content = timed(lambda render=render, markdown=markdown: render(markdown), args.runs)
            report(name, cpu, wall, f"({len(content) / 1024:.0f} KiB)")
            p95 = percentile(cpu, 0.95)
            if p95 > worst.get(name, (0.0, ""))[0]:
                worst[name] = (p95, driver)
    for name, (p95, driver) in worst.items():
        print(f"Worst accepted {name}: {driver}, CPU p95 {p95:.0f} ms")


if __name__ == "__main__":
    main()
