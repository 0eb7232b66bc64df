"""Parse every resume of the shared corpus into its structure and report the roles found.

    .venv/bin/python bench/resume_structure.py [../shared/data/resumes] [--verbose]

For each resume: the roles parsed, and how many have an employer, a title and dates;
a resume counts as complete when every role has all three and the roles found match
the date ranges in its experience section. Prints the warnings with --verbose.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from resumes.importing import text_to_markdown
from resumes.structure import resume_structure_parse

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "resumes"


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    verbose = "--verbose" in sys.argv
    show = "--show" in sys.argv
    corpus = Path(args[0]) if args else DEFAULT_CORPUS
    files = sorted(p for p in corpus.iterdir() if p.suffix in (".txt", ".md") and p.name != "sources.txt")
    complete = 0
    seconds = []
    for path in files:
        # Parsed as the product stores it: the importer's Markdown.
        text = text_to_markdown(path.read_text(encoding="utf-8", errors="replace"))
        began = time.perf_counter()
        structure = resume_structure_parse(text)
        seconds.append(time.perf_counter() - began)
        work = structure["work"]
        full = [w for w in work if w["name"] and w["position"] and w["startDate"]]
        ok = bool(work) and len(full) == len(work)
        complete += ok
        print(f"{'OK ' if ok else '-- '} {path.name:55} roles {len(work):2}  complete {len(full):2}")
        if show or (verbose and not ok):
            for w in work:
                print(
                    f"      [{w['startDate']}–{w['endDate']}] {w['position']!r} @ {w['name']!r} ({w['location']}) {len(w['highlights'])}h"
                )
        if verbose:
            for warning in structure["warnings"]:
                print(f"      ! {warning}")
    seconds.sort()
    print(f"\n{complete} of {len(files)} resumes: every role has employer, title and dates.")
    print(f"parse time: median {seconds[len(seconds) // 2] * 1000:.1f} ms, max {seconds[-1] * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
