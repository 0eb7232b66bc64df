"""The offline provider: deterministic documents from the posting and the resume, no network.

It reads the posting and the resume as data (never as instructions), analyses them with
`posting_analysis` and `resume_analysis`, and writes each phase's document section by
section, reporting progress as it goes.
"""

import time
from collections.abc import Callable
from datetime import date

from .base import LlmResult, Phase, PhaseInput, ProgressCallback
from .cover_letter_writer import cover_letter_text
from .errors import LlmError
from .posting_analysis import posting_analyse
from .research_report_writer import research_report_sections
from .resume_analysis import resume_match, resume_parse
from .resume_tailoring import tailored_resume_sections
from .skill_vocabulary import skills_cache_clear
from .text_cleanup import tokens_estimate

# Progress never reaches 1.0 here: the pipeline marks the run complete when it saves the document.
_PROGRESS_CEILING = 0.95


class OfflineProvider:
    name = "offline"
    model = "offline-v1"

    def __init__(self, *, today: Callable[[], date] | None = None) -> None:
        self._today = today or date.today

    def generate(
        self, phase_input: PhaseInput, *, timeout: float, on_progress: ProgressCallback
    ) -> LlmResult:
        try:
            return self._generate(phase_input, timeout=timeout, on_progress=on_progress)
        finally:
            skills_cache_clear()

    def _generate(
        self, phase_input: PhaseInput, *, timeout: float, on_progress: ProgressCallback
    ) -> LlmResult:
        deadline = time.monotonic() + max(timeout, 0.0)
        progress = _Progress(on_progress)

        def check_time() -> None:
            if time.monotonic() > deadline:
                raise LlmError("The offline writer ran out of time.", transient=True, code="PROCESSING_ERROR")

        check_time()
        posting = posting_analyse(
            description=phase_input.job_description,
            role=phase_input.role_title,
            company=phase_input.company_name,
            location=phase_input.location,
        )
        progress.step(0.1)
        source = phase_input.resume
        if phase_input.phase == Phase.COVER_LETTER and phase_input.optimized_resume.strip():
            source = phase_input.optimized_resume
        resume = resume_parse(source)
        match = None if resume.is_empty else resume_match(resume, posting)
        progress.step(0.2)
        check_time()

        if phase_input.phase == Phase.RESEARCH:
            blocks = research_report_sections(
                posting=posting, resume=resume, match=match, job_url=phase_input.job_url
            )
        elif phase_input.phase == Phase.RESUME:
            if resume.is_empty or match is None:
                raise LlmError("There is no resume to tailor.", transient=False, code="PROCESSING_ERROR")
            blocks = tailored_resume_sections(resume, posting, match)
        elif phase_input.phase == Phase.COVER_LETTER:
            blocks = cover_letter_text(
                posting=posting,
                resume=resume,
                research_report=phase_input.research_report,
                additional_context=phase_input.additional_context,
                applicant_name=phase_input.applicant_name,
                today=self._today(),
            )
        else:
            raise LlmError("Unknown phase.", transient=False, code="PROCESSING_ERROR")

        written: list[str] = []
        for index, block in enumerate(blocks, 1):
            check_time()
            written.append(block.rstrip("\n"))
            progress.step(0.2 + (_PROGRESS_CEILING - 0.2) * index / len(blocks))
        text = "\n\n".join(written).strip() + "\n"
        prompt_text = " ".join(
            (
                phase_input.job_description,
                phase_input.resume,
                phase_input.optimized_resume,
                phase_input.research_report,
                phase_input.additional_context,
            )
        )
        return LlmResult(
            text=text,
            model=self.model,
            input_tokens=tokens_estimate(prompt_text),
            output_tokens=tokens_estimate(text),
            extra={"must_haves": len(posting.must_haves), "skills": len(posting.skills)},
        )


class _Progress:
    """Reports strictly increasing fractions below 1."""

    def __init__(self, callback: ProgressCallback) -> None:
        self._callback = callback
        self._last = 0.0

    def step(self, fraction: float) -> None:
        fraction = round(min(fraction, _PROGRESS_CEILING), 4)
        if fraction > self._last:
            self._last = fraction
            self._callback(fraction)
