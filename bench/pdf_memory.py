"""PDF memory benchmark: the process's resident memory over many PDF renders.

Not a test: run it with `.venv/bin/python bench/pdf_memory.py [--renders 500]`. It sets up
Django itself, touches no database, renders the two-page resume of the round-trip tests
`--warm-up` times (default 20: fonts, templates, caches), then `--renders` times, and prints
the resident set size (VmRSS) every 100 renders and the growth after the warm-up.
`--fresh-fonts` makes a new WeasyPrint font configuration for every render, as the export
did before it kept one per thread, to compare in one run. `--server` measures a real web
worker instead: gunicorn with one sync worker (DEBUG off, SQLite in a temporary folder),
a user whose research report is exported as PDF through the API, and the worker process's
memory read from /proc.
"""

import argparse
import os
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.servers import rss_mib  # noqa: E402  (after the project is on the path)

TWO_PAGE_RESUME = (ROOT / "tests" / "documents" / "samples" / "two_page_resume.md").read_text(
    encoding="utf-8"
)


def serve_and_measure(args) -> None:
    """The same readings for the worker of a gunicorn server, exporting over HTTP."""
    import json
    import tempfile

    from bench.servers import POSTING, Gunicorn, app_env, call, migrate, register

    with tempfile.TemporaryDirectory() as workdir:
        env = app_env(f"sqlite:///{workdir}/pdf.sqlite3")
        migrate(env)
        with Gunicorn(env=env) as server:
            token = register(server.port, "pdf-memory@bench.invalid")
            status, raw = call(
                server.port, "POST", "/api/v1/resumes", {"name": "Resume", "content": TWO_PAGE_RESUME}, token
            )
            assert status == 201, raw[:300]
            body = {
                "company_name": "Acme Robotics",
                "role_title": "Backend Engineer",
                "job_description": POSTING,
            }
            status, raw = call(server.port, "POST", "/api/v1/applications", body, token)
            assert status == 201, raw[:300]
            base = f"/api/v1/applications/{json.loads(raw)['id']}"
            status, raw = call(
                server.port, "POST", f"/api/v1/processing{base.removeprefix('/api/v1')}/research", {}, token
            )
            assert status == 202, raw[:300]
            export = f"{base}/documents/research_report/export?format=pdf"

            def render() -> None:
                status, raw = call(server.port, "GET", export, token=token)
                assert status == 200 and raw.startswith(b"%PDF"), (status, raw[:300])

            (worker,) = server.worker_pids()
            for _ in range(args.warm_up):
                render()
            start = rss_mib(worker)
            print("gunicorn, one sync worker, PDF exports through the API")
            print(f"after {args.warm_up} warm-up exports: {start:.1f} MiB")
            for n in range(1, args.renders + 1):
                render()
                if n % 100 == 0 or n == args.renders:
                    now = rss_mib(worker)
                    print(f"after {n:4} exports: {now:.1f} MiB (+{now - start:.1f})")
            assert server.worker_pids() == [worker], "the worker was replaced during the run"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=500)
    parser.add_argument("--fresh-fonts", action="store_true", help="a new font configuration per render")
    parser.add_argument("--warm-up", type=int, default=20, help="renders before the first reading")
    parser.add_argument("--server", action="store_true", help="measure a gunicorn worker exporting over HTTP")
    args = parser.parse_args()
    if args.server:
        serve_and_measure(args)
        return
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
    start = rss_mib(os.getpid())
    print(f"font configuration: {'new per render' if args.fresh_fonts else 'one per thread'}")
    print(f"after {args.warm_up} warm-up renders: {start:.1f} MiB")
    for n in range(1, args.renders + 1):
        document_pdf(markdown=TWO_PAGE_RESUME, context=context)
        if n % 100 == 0 or n == args.renders:
            now = rss_mib(os.getpid())
            print(f"after {n:4} renders: {now:.1f} MiB (+{now - start:.1f})")


if __name__ == "__main__":
    main()
