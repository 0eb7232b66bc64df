"""The offline provider: deterministic documents, no network; the default provider.

The research report comes from the `processing.offline` writer (posting analysis), its
match part from the match analysis (`processing.llm.match`). The tailored resume and the cover letter are written from the resume's
structure by `processing.tailoring.offline`, which only selects, orders and lightly
rewords the user's own lines (honest by construction; the pipeline's fact guard checks
them all the same). This adapter maps phases to writers and errors to `LlmError`.
"""

from collections.abc import Callable
from datetime import date

from processing.offline import RESEARCH_REPORT, OfflineError, PostingText, document_write
from processing.tailoring.draft import draft_to_markdown
from processing.tailoring.messages import follow_up_email, interview_prep, thank_you_note
from processing.tailoring.offline import Posting, cover_letter, tailored_draft
from resumes.structure import resume_structure_parse

from .base import LlmResult, Phase, PhaseInput, ProgressCallback
from .errors import LlmError
from .match import phase_match_report


class OfflineProvider:
    name = "offline"
    model = "offline-v1"

    def __init__(self, *, today: Callable[[], date] | None = None) -> None:
        self._today = today or date.today

    def generate(
        self, phase_input: PhaseInput, *, timeout: float, on_progress: ProgressCallback
    ) -> LlmResult:
        if phase_input.phase != Phase.RESEARCH:
            return self._from_structure(phase_input, on_progress=on_progress)
        try:
            written = document_write(
                RESEARCH_REPORT,
                posting=PostingText(
                    description=phase_input.job_description,
                    role=phase_input.role_title,
                    company=phase_input.company_name,
                    location=phase_input.location,
                    url=phase_input.job_url,
                ),
                resume=phase_input.resume,
                match_report=phase_match_report(phase_input),
                timeout=timeout,
                on_progress=on_progress,
            )
        except OfflineError as error:
            raise LlmError(error.message, transient=error.transient, code="PROCESSING_ERROR") from error
        return LlmResult(
            text=written.text,
            model=self.model,
            input_tokens=written.input_tokens,
            output_tokens=written.output_tokens,
            extra={"must_haves": written.must_haves, "skills": written.skills},
        )

    def _from_structure(self, phase_input: PhaseInput, *, on_progress: ProgressCallback) -> LlmResult:
        structure = phase_input.resume_structure or resume_structure_parse(phase_input.resume)
        if not any(structure.get(key) for key in ("work", "summary", "skills", "education", "projects")):
            raise LlmError(
                "Your resume has no roles Job Forge could read. Check it on its page, then try again.",
                transient=False,
                code="PROCESSING_ERROR",
            )
        on_progress(0.2)
        posting = Posting(phase_input.job_description, phase_input.company_name, phase_input.role_title)
        on_progress(0.5)
        today, extra = self._today(), {}
        tone = {"tone": phase_input.tone, "length": phase_input.length}
        if phase_input.phase == Phase.RESUME:
            draft = tailored_draft(structure, posting, today=today)
            text, extra = draft_to_markdown(draft, structure), {"draft": draft}
        elif phase_input.phase == Phase.COVER_LETTER:
            text = cover_letter(structure, posting, today=today, **tone)
        elif phase_input.phase == Phase.FOLLOW_UP_EMAIL:
            text = follow_up_email(structure, posting, today=today, **tone)
        elif phase_input.phase == Phase.THANK_YOU_NOTE:
            text = thank_you_note(structure, posting, today=today, interview=phase_input.interview, **tone)
        elif phase_input.phase == Phase.INTERVIEW_PREP:
            text = interview_prep(
                structure,
                posting,
                today=today,
                research_report=phase_input.research_report,
                interview=phase_input.interview,
            )
        else:
            raise LlmError("Unknown phase.", transient=False, code="PROCESSING_ERROR")
        on_progress(1.0)
        return LlmResult(
            text=text,
            model=self.model,
            input_tokens=len(phase_input.resume + phase_input.job_description) // 4,
            output_tokens=len(text) // 4,
            extra=extra,
        )
