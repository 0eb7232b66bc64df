"""The offline writer as a package: free of Django, its word lists read from data files."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from processing.offline import RESEARCH_REPORT, OfflineError, PostingText, document_write, vocabularies
from processing.offline.skill_vocabulary import skill_names
from tests.factories import JOB_DESCRIPTION, RESUME_MARKDOWN

ROOT = Path(__file__).resolve().parents[2]

# Writes the report, then lists the modules this loaded that are neither the
# package's own nor the standard library's.
_WRITE_AND_LIST_MODULES = """
import json, sys
from datetime import date
before = set(sys.modules)
from processing.offline import DOCUMENTS, PostingText, document_write

posting = PostingText(description=sys.argv[1], role="Senior Backend Engineer", company="Acme Robotics")
for document in DOCUMENTS:
    document_write(document, posting=posting, resume=sys.argv[2], timeout=60, on_progress=lambda fraction: None)
print(json.dumps(sorted(
    name for name in set(sys.modules) - before
    if name.split(".")[0] not in sys.stdlib_module_names and not name.startswith("processing.offline")
)))
"""


def _write(document, **fields):
    progress = []
    written = document_write(
        document,
        posting=PostingText(
            description=JOB_DESCRIPTION, role="Senior Backend Engineer", company="Acme Robotics"
        ),
        timeout=30,
        on_progress=progress.append,
        **fields,
    )
    return written, progress


def test_it_writes_every_document_without_importing_django_or_the_project():
    completed = subprocess.run(
        [sys.executable, "-c", _WRITE_AND_LIST_MODULES, JOB_DESCRIPTION, RESUME_MARKDOWN],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    # `processing` itself is the package's parent: an empty `__init__`.
    assert json.loads(completed.stdout) == ["processing"]


def test_its_modules_import_nothing_outside_the_package_and_the_standard_library():
    package = ROOT / "processing" / "offline"
    for path in package.glob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith(("import ", "from ")) and not line.startswith("from ."):
                module = line.split()[1].split(".")[0]
                assert module in sys.stdlib_module_names, f"{path.name}: {line}"


def test_it_writes_the_research_report_from_plain_text():
    report, progress = _write(RESEARCH_REPORT, resume=RESUME_MARKDOWN)

    assert report.text.startswith("# Research report: Senior Backend Engineer at Acme Robotics\n")
    assert report.must_haves > 0 and report.skills > 0
    assert report.input_tokens > 0 and report.output_tokens > 0
    assert progress == sorted(set(progress)) and progress[0] > 0 and progress[-1] == 1.0


def test_it_refuses_an_unknown_document_for_good():
    for document in ("memo", "tailored_resume", "cover_letter"):
        with pytest.raises(OfflineError) as error:
            _write(document, resume=RESUME_MARKDOWN)
        assert not error.value.transient


def test_it_reads_each_vocabulary_from_its_data_file():
    headings = dict(vocabularies.grouped_list("posting_headings.txt"))
    assert "nice to have" in headings["nice"]
    assert "python" not in vocabularies.word_list("posting_stopwords.txt")
    assert vocabularies.number_words()["seven"] == 7
    assert {"Python", "PostgreSQL", "Kubernetes"} <= skill_names("Python, Postgres and k8s")


def test_it_reports_a_grouped_list_entry_outside_any_group(tmp_path, monkeypatch):
    (tmp_path / "broken.txt").write_text("# a comment\norphan\n## group\nentry\n", encoding="utf-8")
    monkeypatch.setattr(vocabularies, "VOCABULARIES", tmp_path)

    with pytest.raises(ValueError, match="orphan"):
        vocabularies.grouped_list.__wrapped__("broken.txt")
