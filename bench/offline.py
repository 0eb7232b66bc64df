"""Offline writer benchmark: time to write each document from a posting and a resume.

Not a test: run it with `.venv/bin/python bench/offline.py [RUNS]`. The offline writer
needs no Django, database or network. Two cases: a real posting with a one-page resume,
and the largest input the API accepts (a 10,000-character posting, a 50,000-character
resume). Prints the median and 95th percentile of RUNS writes (default 20) of each
document, after one warm-up write that loads the vocabularies.
"""

import json
import math
import statistics
import sys
import time
from datetime import date
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "processing" / "fixtures"
RUNS = 20


def percentile(samples: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def cases() -> list[tuple[str, dict, str]]:
    """(name, posting row, resume text): fictional resumes and real postings (see SOURCES.md)."""
    rows = {row["id"]: row for row in map(json.loads, (FIXTURES / "postings.jsonl").read_text().splitlines())}
    director = rows["li-3887878862"]  # an engineering director, one of the longer postings
    resume = (FIXTURES / "resumes" / "resume-matcher-john_doe.txt").read_text(encoding="utf-8")
    longest = dict(director, description=((director["description"] + "\n") * 4)[:10_000])
    return [
        ("posting + one-page resume", director, resume),
        ("10k posting + 50k resume", longest, ((resume + "\n") * 30)[:50_000]),
    ]


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from processing.offline import PostingText
    from processing.tailoring.offline import Posting

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else RUNS
    print(f"Offline writer, {runs} runs of each document (ms):")
    print(f"  {'case':<28}{'document':<18}{'median':>8}{'p95':>8}{'words':>8}")
    for name, row, resume in cases():
        posting = PostingText(
            description=row["description"],
            role=row["title"],
            company=row["company"],
            location=row["location"],
        )
        writers = _writers(posting, Posting(row["description"], row["company"], row["title"]), resume)
        for document, write in writers.items():
            text = write()  # warm-up
            samples = timed(write, runs)
            print(
                f"  {name:<28}{document:<18}{statistics.median(samples):8.0f}{percentile(samples, 0.95):8.0f}"
                f"{len(text.split()):8d}"
            )


def _writers(posting, honest, resume: str) -> dict:
    """Each document's writer; the tailored resume and the letter read the structure each time."""
    from processing.offline import DOCUMENTS, document_write
    from processing.tailoring.draft import draft_to_markdown
    from processing.tailoring.messages import follow_up_email, interview_prep, thank_you_note
    from processing.tailoring.offline import cover_letter, tailored_draft
    from resumes.structure import resume_structure_parse

    today = date(2025, 7, 1)

    def report(document: str) -> str:
        return document_write(
            document, posting=posting, resume=resume, timeout=60, on_progress=lambda f: None
        ).text

    def tailored() -> str:
        structure = resume_structure_parse(resume)
        return draft_to_markdown(tailored_draft(structure, honest, today=today), structure)

    def letter() -> str:
        return cover_letter(resume_structure_parse(resume), honest, today=today)

    def message(write) -> str:
        return write(resume_structure_parse(resume), honest, today=today)

    return {
        **{document: partial(report, document) for document in DOCUMENTS},
        "tailored_resume": tailored,
        "cover_letter": letter,
        "follow_up_email": partial(message, follow_up_email),
        "thank_you_note": partial(message, thank_you_note),
        "interview_prep": partial(message, interview_prep),
    }


def timed(write, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        write()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


if __name__ == "__main__":
    main()
