"""Quality and speed of the match analysis (matching/analysis), over hand-labelled postings.

    .venv/bin/python bench/match_quality.py [PATH/TO/jobs.jsonl] [--verbose]

Prints the precision and recall of requirement extraction (must-haves of 28 postings of
seven professions, labelled by hand in tests/matching/fixtures/labelled_requirements.json)
and of matching (which must-haves fictional resumes meet, judged by hand; the "held out"
pairs and postings were labelled after the engine was tuned and never tuned on), then the time
one analysis takes: every posting of ../shared/data/jobs.jsonl (or the labelled ones
without it) against every fixture resume, median and 95th percentile.
"""

import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from matching.analysis import analyse_match
from matching.analysis.evaluation import Tally, extraction_tally, matching_tally

ROOT = Path(__file__).resolve().parent.parent

FIXTURES = ROOT / "tests" / "matching" / "fixtures"
# The shared corpus beside the repository; another place can be given as an argument.
CORPUS = ROOT.parent / "shared" / "data" / "jobs.jsonl"


def _sum(tallies: list[Tally]) -> Tally:
    return sum(tallies, Tally())


def _line(name: str, tally: Tally) -> str:
    return (
        f"{name:11} precision {tally.precision:.3f} ({tally.said_right} of {tally.said} said)  "
        f"recall {tally.recall:.3f} ({tally.found} of {tally.labelled} labelled)"
    )


def main() -> int:
    verbose = "--verbose" in sys.argv
    labelled = json.loads((FIXTURES / "labelled_requirements.json").read_text(encoding="utf-8"))
    resumes = {
        path.name: path.read_text(encoding="utf-8") for path in sorted((FIXTURES / "resumes").glob("*.md"))
    }
    extraction = _extraction(labelled["postings"], verbose)
    extraction_held_out = _extraction(labelled["postings_held_out"], verbose)
    postings = {posting["id"]: posting for posting in labelled["postings"]}
    matching = _matching(labelled["matching"], resumes, postings, verbose)
    held_out = _matching(labelled["matching_held_out"], resumes, postings, verbose)
    print(
        f"{len(extraction)} labelled postings, {len(matching)} labelled resume/posting pairs "
        f"(+ {len(held_out)} held out)"
    )
    print(_line("extraction", _sum(extraction)))
    print(_line("held out", _sum(extraction_held_out)) + f" ({len(extraction_held_out)} postings)")
    print(_line("matching", _sum(matching)))
    print(_line("held out", _sum(held_out)) + f" ({len(held_out)} pairs)")
    args = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    _timing(labelled, resumes, Path(args[0]) if args else CORPUS)
    return 0


def _extraction(postings: list[dict], verbose: bool) -> list[Tally]:
    tallies = []
    for posting in postings:
        tally, missed, wrong = extraction_tally(posting["description"], posting["must"])
        tallies.append(tally)
        if verbose and (missed or wrong):
            print(f"-- {posting['id']} {posting['title']}")
            for label in missed:
                print(f"   missed: {label}")
            for text in wrong:
                print(f"   extra:  {text}")
    return tallies


def _matching(pairs: list[dict], resumes: dict[str, str], postings: dict, verbose: bool) -> list[Tally]:
    tallies = []
    for pair in pairs:
        tally, wrong = matching_tally(resumes[pair["resume"]], pair["meets"])
        tallies.append(tally)
        if verbose and wrong:
            print(f"-- {pair['resume']} x {postings[pair['posting_id']]['title']}")
            for label, judged, status in wrong:
                print(f"   {'met' if judged else 'not met'} by hand, {status}: {label}")
    return tallies


def _timing(labelled: dict, resumes: dict[str, str], corpus: Path) -> None:
    if corpus.exists():
        texts = [json.loads(line)["description"] for line in corpus.read_text(encoding="utf-8").splitlines()]
    else:
        texts = [posting["description"] for posting in labelled["postings"]]
    wall, cpu = [], []
    for text in texts:
        for resume in resumes.values():
            began, began_cpu = time.perf_counter(), time.process_time()
            analyse_match(posting_text=text, resume_structure=None, resume_text=resume, tailored_text=resume)
            wall.append(time.perf_counter() - began)
            cpu.append(time.process_time() - began_cpu)
    print(f"time per analysis ({len(texts)} postings x {len(resumes)} resumes, with a tailored resume):")
    # CPU time is what one analysis costs; wall time also counts waiting for a busy machine.
    for name, seconds in (("CPU", cpu), ("wall", wall)):
        seconds.sort()
        p95 = seconds[int(0.95 * (len(seconds) - 1))]
        print(f"  {name:4} median {statistics.median(seconds) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms")


if __name__ == "__main__":
    raise SystemExit(main())
