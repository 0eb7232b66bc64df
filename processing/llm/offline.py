"""The offline provider: the `processing.offline` writer behind the provider interface.

No network and deterministic; the default provider. The writer itself is Django-free; this
adapter only maps a phase to the document it writes and the writer's errors to `LlmError`.
"""

from collections.abc import Callable
from datetime import date

from processing.offline import (
    COVER_LETTER,
    RESEARCH_REPORT,
    TAILORED_RESUME,
    OfflineError,
    PostingText,
    document_write,
)

from .base import LlmResult, Phase, PhaseInput, ProgressCallback
from .errors import LlmError

_DOCUMENTS = {
    Phase.RESEARCH: RESEARCH_REPORT,
    Phase.RESUME: TAILORED_RESUME,
    Phase.COVER_LETTER: COVER_LETTER,
}


class OfflineProvider:
    name = "offline"
    model = "offline-v1"

    def __init__(self, *, today: Callable[[], date] | None = None) -> None:
        self._today = today or date.today

    def generate(
        self, phase_input: PhaseInput, *, timeout: float, on_progress: ProgressCallback
    ) -> LlmResult:
        document = _DOCUMENTS.get(phase_input.phase)
        if document is None:
            raise LlmError("Unknown phase.", transient=False, code="PROCESSING_ERROR")
        try:
            written = document_write(
                document,
                posting=PostingText(
                    description=phase_input.job_description,
                    role=phase_input.role_title,
                    company=phase_input.company_name,
                    location=phase_input.location,
                    url=phase_input.job_url,
                ),
                resume=phase_input.resume,
                tailored_resume=phase_input.optimized_resume,
                research_report=phase_input.research_report,
                additional_context=phase_input.additional_context,
                applicant_name=phase_input.applicant_name,
                today=self._today(),
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
