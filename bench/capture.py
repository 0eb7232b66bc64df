"""Capture accuracy: how well the importer reads job postings.

Not a test: run it with `.venv/bin/python bench/capture.py [DATA_DIR]` (default
`../shared/data`, beside the repository). Two passes:

1. Every page in `DATA_DIR/jobposting-html/` against its `expected.json`: per field,
   how many pages read right (title, company, locations, employment type, salary,
   date posted, remote), and each miss.
2. The postings of `DATA_DIR/jobs.jsonl` pasted as a page would be copied
   ("Title / Company · Location / text") and as the bare text: how often title,
   company and location read right, and how often pay and work mode are found
   (pay right against the posting's own salary where it has one).

Touches no database and no network.
"""

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from applications.capture.extract import (  # noqa: E402
    employment_type_of,
    extract_from_html,
    extract_from_text,
    salary_period_of,
)

# Where the importer and `expected.json` disagree and the importer is right.
KNOWN = {
    ("constructed-05-no-jsonld-og-meta.html", "salary"): (
        "expected.json has no salary (none in structured data), but the page's text says "
        '"between $70,000-$90,000 USD" and the importer reads it from there'
    ),
}


def _same(a, b) -> bool:
    return (a or "").strip().lower() == (b or "").strip().lower()


def _salary_matches(posting, expected) -> bool:
    if not expected:
        return posting.salary_min is None and posting.salary_max is None
    if "value" in expected:
        low = high = round(float(expected["value"]))
    else:
        low, high = round(expected["min"]), round(expected["max"])
    currency = expected.get("currency", "").split()[0] or None
    period = salary_period_of(expected.get("unit")) if expected.get("unit") else posting.salary_period
    return (posting.salary_min, posting.salary_max, posting.salary_currency, posting.salary_period) == (
        low,
        high,
        currency,
        period,
    )


def html_pass(folder: Path) -> bool:
    expected_all = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    scores: Counter = Counter()
    totals: Counter = Counter()
    misses = []
    unexplained = 0
    for name, expected in sorted(expected_all.items()):
        posting = extract_from_html((folder / name).read_bytes())
        checks = {
            "title": _same(posting.title, expected.get("title")),
            "company": _same(posting.company, expected.get("company")),
            "locations": posting.locations == expected.get("locations", []),
        }
        if "salary" in expected:
            checks["salary"] = _salary_matches(posting, expected["salary"])
        if "employmentType" in expected:
            checks["employment_type"] = posting.employment_type == employment_type_of(
                expected["employmentType"]
            )
        if "datePosted" in expected:
            checks["posted_at"] = str(posting.posted_at) == expected["datePosted"][:10]
        if "remote" in expected:
            checks["remote"] = (posting.work_mode == "remote") == expected["remote"]
        checks["description"] = bool(posting.description) or name.startswith("schemaorg-eg-0251")
        for check, ok in checks.items():
            totals[check] += 1
            scores[check] += ok
            if not ok:
                read = getattr(posting, check, None)
                if check == "salary":
                    read = (
                        posting.salary_min,
                        posting.salary_max,
                        posting.salary_currency,
                        posting.salary_period,
                    )
                note = KNOWN.get((name, check))
                misses.append(f"  {name}: {check} read {read!r}" + (f" ({note})" if note else ""))
                unexplained += note is None
    print(f"JobPosting pages ({len(expected_all)}): per-field accuracy")
    for check in totals:
        print(f"  {check:16} {scores[check]}/{totals[check]}")
    print("\n".join(misses) if misses else "  every page matches")
    return unexplained == 0


def text_pass(path: Path) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    page: Counter = Counter()
    bare: Counter = Counter()
    with_salary = 0
    for row in rows:
        pasted = f"{row['title']}\n{row['company']} · {row['location']}\n\n{row['description']}"
        posting = extract_from_text(pasted)
        page["title"] += _same(posting.title, row["title"])
        page["company"] += _same(posting.company, row["company"])
        page["location"] += _same(posting.location, row["location"])
        text_only = extract_from_text(row["description"])
        bare["pay found"] += text_only.salary_min is not None
        bare["work mode found"] += text_only.work_mode is not None
        bare["employment type found"] += text_only.employment_type is not None
        salary = row.get("salary") or {}
        if salary.get("min") is not None:
            with_salary += 1
            bare["pay right (of postings with pay)"] += (text_only.salary_min, text_only.salary_max) == (
                round(salary["min"]),
                round(salary["max"]),
            )
    print(f"\nPasted postings ({len(rows)}), as copied from a page (title, company · location, text):")
    for key, value in page.items():
        print(f"  {key:34} {value}/{len(rows)} ({value / len(rows):.0%})")
    print("The bare posting text:")
    for key, value in bare.items():
        total = with_salary if key.startswith("pay right") else len(rows)
        print(f"  {key:34} {value}/{total} ({value / max(total, 1):.0%})")


def main() -> int:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
    if not (data / "jobposting-html").is_dir():
        print(f"No sample data at {data}: pass the folder holding jobposting-html/ and jobs.jsonl.")
        return 2
    all_match = html_pass(data / "jobposting-html")
    if (data / "jobs.jsonl").exists():
        text_pass(data / "jobs.jsonl")
    return 0 if all_match else 1


if __name__ == "__main__":
    sys.exit(main())
