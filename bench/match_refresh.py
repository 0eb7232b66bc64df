"""Match report benchmark: what keeping the reports current costs inside a request.

Not a test: run it with

    .venv/bin/python bench/match_refresh.py [--postings 60] [--rounds 5]

It builds a fresh SQLite database in a temporary directory, gives one user a resume from
the shared corpus (`../shared/data/resumes`, or `JOBFORGE_DATA`) and one application per
corpus posting (`jobs.jsonl`), then times, through the services the pages and the API use:

- creating an application, its report computed when the create commits;
- a refresh whose inputs did not change (the digest check alone);
- the report read (`GET .../match`'s selector) for a current report;
- editing the resume, which refreshes every application tailored from it.

It prints the median and p95 in milliseconds (2-core shared machine: ±30% noise).
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = Path(os.environ.get("JOBFORGE_DATA") or ROOT.parent / "shared" / "data")
RESUME = "livecareer-accountant-11759079.txt"


def _ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"median {1000 * statistics.median(ordered):7.1f} ms   p95 {1000 * p95:7.1f} ms   (n={len(ordered)})"
    )


def _timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postings", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="jf-match-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobforge.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from applications.services import application_create
    from jobforge.accounts.models import User
    from matching.selectors import match_report_get
    from matching.services import match_report_refresh
    from resumes.services import resume_create, resume_update

    call_command("migrate", verbosity=0)
    user = User.objects.create_user(email="bench@example.com", password=None)
    resume_text = (DATA / "resumes" / RESUME).read_text(encoding="utf-8")
    resume = resume_create(user=user, name="Bench", content=resume_text[:50000])
    postings = [json.loads(line) for line in (DATA / "jobs.jsonl").read_text().splitlines() if line.strip()]
    postings = [p for p in postings if 50 <= len(p.get("description", "")) <= 20000][: args.postings]

    creates, applications = [], []
    for posting in postings:
        fields = {
            "company_name": (posting.get("company") or "Company")[:255],
            "role_title": (posting.get("title") or "Role")[:255],
            "job_description": posting["description"],
        }
        creates.append(_timed(lambda f=fields: applications.append(application_create(user=user, **f))))
    unchanged = [
        _timed(lambda a=a: match_report_refresh(application=a))
        for _ in range(args.rounds)
        for a in applications
    ]
    reads = [
        _timed(lambda a=a: match_report_get(application=a)) for _ in range(args.rounds) for a in applications
    ]
    edits = []
    for round_number in range(args.rounds):
        content = f"{resume_text[:49000]}\n\nRevision {round_number}."
        edits.append(_timed(lambda c=content: resume_update(user=user, resume=resume, content=c)))

    print(f"{len(applications)} postings from {DATA / 'jobs.jsonl'}, resume {RESUME}")
    print(f"create with its report        {_ms(creates)}")
    print(f"refresh, inputs unchanged     {_ms(unchanged)}")
    print(f"read a current report         {_ms(reads)}")
    print(f"resume edit ({len(applications)} reports)    {_ms(edits)}")


if __name__ == "__main__":
    main()
