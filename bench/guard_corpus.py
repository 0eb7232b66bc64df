"""The fact guard over the shared corpus: every resume against a spread of postings.

    .venv/bin/python bench/guard_corpus.py [--postings N] [--show K]

For each pair the offline provider writes the tailored resume, the cover letter, the
follow-up email and the thank-you note (each in every tone and length) and the interview
prep sheet; the guard checks each against the resume's structure. Prints violations per 100 documents
(target 0), the share of source roles kept, and the first K violations to read.
"""

import json
import os
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobforge.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django  # noqa: E402

django.setup()

from processing.guard import document_check, facts_from_structure  # noqa: E402
from processing.guard.terms import skill_names  # noqa: E402
from processing.llm.base import PhaseInput  # noqa: E402
from processing.llm.offline import OfflineProvider  # noqa: E402
from resumes.importing import text_to_markdown  # noqa: E402
from resumes.structure import resume_structure_parse  # noqa: E402

# The shared corpus beside the checkout; JOBFORGE_DATA points elsewhere.
DATA = Path(os.environ.get("JOBFORGE_DATA") or ROOT.parent / "shared" / "data")


VARIANTS = [(tone, length) for tone in ("formal", "warm", "concise") for length in ("standard", "short")]
INTERVIEW = {"kind": "technical interview", "weekday": "Tuesday", "when": "past", "notes": ""}


def _write(provider, phase: str, base: dict, tone: str, length: str, extra: dict) -> str:
    phase_input = PhaseInput(phase=phase, tone=tone, length=length, **base, **extra)
    return provider.generate(phase_input, timeout=60, on_progress=lambda f: None).text


def _flag(name: str, default: int) -> int:
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def main() -> int:
    posting_count, show = _flag("--postings", 8), _flag("--show", 10)
    postings = [json.loads(line) for line in (DATA / "jobs.jsonl").read_text().splitlines() if line.strip()]
    step = max(1, len(postings) // posting_count)
    postings = postings[::step][:posting_count]
    resumes = sorted(
        p for p in (DATA / "resumes").iterdir() if p.suffix in (".txt", ".md") and p.name != "sources.txt"
    )
    provider, today = OfflineProvider(), date.today()
    documents = violations = roles_total = roles_kept = supported_total = surfaced_total = 0
    kinds: Counter = Counter()
    examples: list[str] = []
    began = time.perf_counter()
    for resume_path in resumes:
        content = text_to_markdown(resume_path.read_text(errors="replace"))
        structure = resume_structure_parse(content)
        facts = facts_from_structure(structure, today=today, source_text=content)
        for posting in postings:
            base = {
                "company_name": posting["company"],
                "role_title": posting["title"],
                "job_description": posting["description"],
                "location": posting.get("location", ""),
                "applicant_name": "",
                "resume": content,
            }
            tailored = provider.generate(
                PhaseInput(phase="resume", **base), timeout=60, on_progress=lambda f: None
            ).text
            written = [("resume", tailored)]
            # The letter and the emails in every tone and length; the thank-you note with
            # and without an interview; the prep sheet with the research report.
            for phase, label in (
                ("cover_letter", "letter"),
                ("follow_up_email", "follow-up"),
                ("thank_you_note", "thank-you"),
            ):
                for tone, length in VARIANTS:
                    extra = {"interview": INTERVIEW} if phase == "thank_you_note" and tone == "warm" else {}
                    written.append(
                        (f"{label} {tone}/{length}", _write(provider, phase, base, tone, length, extra))
                    )
            research = provider.generate(
                PhaseInput(phase="research", **base), timeout=60, on_progress=lambda f: None
            ).text
            written.append(
                (
                    "interview prep",
                    _write(
                        provider, "interview_prep", base, "formal", "standard", {"research_report": research}
                    ),
                )
            )
            for kind, document in written:
                found = document_check(
                    document=document,
                    facts=facts,
                    today=today,
                    posting=posting["description"],
                    company=posting["company"],
                    role_title=posting["title"],
                )
                documents += 1
                violations += len(found)
                for v in found:
                    kinds[v.kind] += 1
                    if len(examples) < show:
                        examples.append(f"{resume_path.name} × {posting['company']} ({kind}): {v.message}")
            # Posting terms the resume supports, and how many of them the tailored resume shows.
            supported = skill_names(posting["description"]) & skill_names(content)
            supported_total += len(supported)
            surfaced_total += len(supported & skill_names(tailored))
            for role in structure["work"]:
                roles_total += 1
                roles_kept += all((role.get(key) or "") in tailored for key in ("name", "position"))
    seconds = time.perf_counter() - began
    print(f"{len(resumes)} resumes × {len(postings)} postings = {documents} documents in {seconds:.0f} s")
    print(f"violations: {violations} ({violations * 100 / max(documents, 1):.1f} per 100 documents)")
    print("by kind: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    print(f"source roles kept in the tailored resume: {roles_kept}/{roles_total}")
    share = surfaced_total * 100 / max(supported_total, 1)
    print(
        f"posting keywords the resume supports that the tailored resume surfaces: "
        f"{surfaced_total}/{supported_total} ({share:.0f}%)"
    )
    for line in examples:
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
