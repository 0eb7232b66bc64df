"""Every regular expression in `documents/` that sees user text runs in linear time.

Each case calls the code on an adversarial 50,000-character input in a child process with
a deadline. A backtracking pattern takes minutes on such input (the letter sign-off pattern
took 6 s at 8,000 characters and four times that at each doubling); a linear one takes
milliseconds, so the generous deadline tells them apart on a busy machine too.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEADLINE_SECONDS = 30
LONG = 49_000

SETUP = "import django; django.setup()\n"
CASES = {
    "sign-off after a run of spaces": (
        "from documents.export.letter import has_sign_off\n"
        f"assert not has_sign_off('Dear team,\\n\\nHello.\\n\\nSincerely' + ' ' * {LONG} + 'x')"
    ),
    "sign-off with a long name": (
        "from documents.export.letter import has_sign_off\n"
        f"has_sign_off('Dear team,\\n\\nBest, ' + '.' * {LONG} + ' x y z w v')"
    ),
    "letter heading date and salutation": (
        "from datetime import date\n"
        "from documents.export.context import ExportContext\n"
        "from documents.export.letter import letter_parts\n"
        "context = ExportContext('cover_letter', 'A', 'a@example.com', 'C', 'R', date(2025, 7, 1))\n"
        f"heading = 'A\\n\\n1 January 2025' + '.' * {LONG} + 'x\\n\\n' + ' ' * {LONG} + 'x\\n\\nDear team,'\n"
        "letter_parts(markdown=heading + '\\n\\nHello there.', context=context)"
    ),
    "ordered list start in the PDF's HTML": (
        "from documents.export.pdf import _list_numbers_kept\n"
        f"_list_numbers_kept('<ol start=\"1' * {LONG // 10})"
    ),
    "inline image data URL": (
        "from documents.export.pdf import FetchRefused, StaticAssetFetcher\n"
        "try:\n"
        f"    StaticAssetFetcher().fetch('data:image/png' + ';a=b' * {LONG // 4})\n"
        "except FetchRefused:\n"
        "    pass"
    ),
    "file name from the application name": (
        "from documents.export.filenames import export_filename\n"
        f"export_filename(person='-' * {LONG} + '!', company='é-' * {LONG}, document_type='cover_letter')\n"
        "from jobforge.downloads import ascii_filename\n"
        f"ascii_filename('_é' * {LONG} + '.pdf')"
    ),
    "layout budget counts": (
        "from documents.export.budget import layout_cost\n"
        f"layout_cost('東[' * {LONG // 2})\n"
        f"layout_cost('x' * {LONG})"
    ),
    "characters Word cannot store": (
        f"from documents.export.docx import _xml_text\n_xml_text('\\x01a' * {LONG // 2})"
    ),
}


@pytest.mark.parametrize("code", list(CASES.values()), ids=list(CASES))
def test_it_runs_in_linear_time(code):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "jobforge.settings", "DJANGO_DEBUG": "1"}
    result = subprocess.run(
        [sys.executable, "-c", SETUP + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=DEADLINE_SECONDS,
        check=False,
    )
    assert result.returncode == 0, result.stderr
