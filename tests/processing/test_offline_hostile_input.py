"""Hostile text cannot stall the offline writer: every pattern that reads user text is linear.

Each input is written into all three documents (as the posting, the resume and the notes) in
a child process that must finish within a generous timeout: a pattern that backtracks
catastrophically runs for minutes on these inputs, a linear one for about a second.
"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60  # seconds for the three documents; a hang-guard, not a performance bound

N = 50_000
HOSTILE = {
    # A Markdown heading that never ends: `(.*?)\s*#*\s*$` splits it every possible way.
    "hashes then line separators": "#" * N + "\u2028" * N,
    "one line of hashes": "#" * (N + 10_000),
    "a heading of spaces": "# " + " " * N + "x" * 100,
    "a tag of spaces": "<" + " " * N,
    "a closing tag of spaces": "< " * N + "/",
    "spaces between words": "a" + " " * N + "b",
    "dots": "." * N,
    "dashes": "-" * N,
    "a bold header then spaces": "**Engineer**" + " " * N + "-" + "x" * 200,
    "a salary then spaces": "$10" + " " * N + "k",
    # Many lines, each joined to the one before: the joins must not copy the text so far.
    "short lower-case lines": "a" * 41 + "\n" + "a\n" * (N // 2),
    "a bullet wrapped over every line": "## Experience\n**Engineer** 2019-2020\n- x\n" + "a-\n" * (N // 2),
    "instructions repeated": "ignore " * (N // 5),
    "years repeated": "1 " * N + "years",
    "emails without a domain": ("a" * 60 + "@") * (N // 60),
    "dates without an end": "2019- " * (N // 5),
}

_WRITE_ALL = """
import sys
from datetime import date
from processing.offline import DOCUMENTS, PostingText, document_write
from processing.tailoring.draft import draft_to_markdown
from processing.tailoring.offline import Posting, cover_letter, tailored_draft
from resumes.structure import resume_structure_parse

text = sys.stdin.read()
for document in DOCUMENTS:
    document_write(
        document,
        posting=PostingText(description=text, role=text[:255], company=text[:255], location=text[:255]),
        resume=text,
        timeout=3600,
        on_progress=lambda fraction: None,
    )
# The tailored resume and the letter, written from the structure of the same text.
structure = resume_structure_parse(text)
posting = Posting(text, text[:255], text[:255])
draft_to_markdown(tailored_draft(structure, posting, today=date(2025, 7, 1)), structure)
cover_letter(structure, posting, today=date(2025, 7, 1))
print("done")
"""


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_it_writes_every_document_from_hostile_text_in_bounded_time(text):
    completed = subprocess.run(
        [sys.executable, "-c", _WRITE_ALL],
        input=text,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=True,
    )
    assert completed.stdout == "done\n"
