"""Writing one document offline: deterministic, no network, from the posting and the resume.

The posting and the resume are read as data (never as instructions): the posting is analysed
with `posting_analysis`, the resume with `resume_analysis`, then the document is written
section by section, reporting progress as it goes and giving up once its time is spent.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass

from .posting_analysis import PostingAnalysis, posting_analyse
from .research_report_writer import research_report_sections
from .resume_analysis import ParsedResume, resume_parse
from .skill_vocabulary import skills_cache_clear
from .text_cleanup import tokens_estimate

RESEARCH_REPORT = "research_report"
# The tailored resume and the cover letter are written from the resume's structure
# (`processing.tailoring.offline`); this package writes the research report.
DOCUMENTS = (RESEARCH_REPORT,)


class OfflineError(Exception):
    """The document cannot be written; `transient` when trying again may succeed."""

    def __init__(self, message: str, *, transient: bool) -> None:
        super().__init__(message)
        self.message = message
        self.transient = transient


@dataclass(frozen=True)
class PostingText:
    """The posting as the user entered it. Every field is untrusted text."""

    description: str
    role: str = ""
    company: str = ""
    location: str = ""
    url: str = ""


@dataclass(frozen=True)
class WrittenDocument:
    text: str  # Markdown
    input_tokens: int  # estimated, as a remote model would count them
    output_tokens: int
    must_haves: int  # how many must-have requirements the posting states
    skills: int  # how many vocabulary skills the posting names


@dataclass(frozen=True)
class _Reading:
    """What the writer knows before it writes: the analysed posting and resume."""

    posting: PostingAnalysis
    resume: ParsedResume


class _Clock:
    """Raises a transient `OfflineError` once the time allowed has run out."""

    def __init__(self, timeout: float) -> None:
        self._deadline = time.monotonic() + max(timeout, 0.0)

    def check(self) -> None:
        if time.monotonic() > self._deadline:
            raise OfflineError("The offline writer ran out of time.", transient=True)


class _Progress:
    """Reports strictly increasing fractions of the work, up to 1; the pipeline maps them
    onto the run's own progress span (`processing.jobs`), the one place with a ceiling."""

    def __init__(self, callback: Callable[[float], None]) -> None:
        self._callback = callback
        self._last = 0.0

    def step(self, fraction: float) -> None:
        fraction = round(min(fraction, 1.0), 4)
        if fraction > self._last:
            self._last = fraction
            self._callback(fraction)


def document_write(
    document: str,
    *,
    posting: PostingText,
    resume: str = "",
    match_report: dict | None = None,
    timeout: float,
    on_progress: Callable[[float], None],
) -> WrittenDocument:
    """Write `document` (one of `DOCUMENTS`) within `timeout` seconds.

    `match_report` is the match analysis of the posting and the resume
    (`MatchAnalysis.as_dict()`, computed by the caller): the report's match part is
    written from it, so it says what the match page says. None without a resume.

    Calls `on_progress(fraction)` with increasing fractions up to 1; an exception it
    raises stops the writing. Raises `OfflineError`.
    """
    if document not in DOCUMENTS:
        raise OfflineError(f"Unknown document {document!r}.", transient=False)
    clock = _Clock(timeout)
    progress = _Progress(on_progress)
    try:
        clock.check()
        reading = _read(posting, resume, progress)
        clock.check()
        blocks = research_report_sections(
            posting=reading.posting, resume=reading.resume, match_report=match_report, job_url=posting.url
        )
        text = _assemble(blocks, clock, progress)
    finally:
        skills_cache_clear()
    prompt = " ".join((posting.description, resume))
    return WrittenDocument(
        text=text,
        input_tokens=tokens_estimate(prompt),
        output_tokens=tokens_estimate(text),
        must_haves=len(reading.posting.must_haves),
        skills=len(reading.posting.skills),
    )


def _read(posting: PostingText, resume_text: str, progress: _Progress) -> _Reading:
    analysis = posting_analyse(
        description=posting.description, role=posting.role, company=posting.company, location=posting.location
    )
    progress.step(0.1)
    resume = resume_parse(resume_text)
    progress.step(0.2)
    return _Reading(analysis, resume)


def _assemble(blocks: list[str], clock: _Clock, progress: _Progress) -> str:
    """Join the blocks one by one, reporting progress from 0.2 up to the whole."""
    written: list[str] = []
    for index, block in enumerate(blocks, 1):
        clock.check()
        written.append(block.rstrip("\n"))
        progress.step(0.2 + 0.8 * index / len(blocks))
    return "\n\n".join(written).strip() + "\n"
