"""The one interface every AI provider implements: a phase's inputs in, Markdown out."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from processing.phases import Phase

__all__ = ["LlmProvider", "LlmResult", "Phase", "PhaseInput", "ProgressCallback"]


@dataclass(frozen=True)
class PhaseInput:
    """Everything a phase may use. All text fields are untrusted user data."""

    phase: str
    company_name: str
    role_title: str
    job_description: str
    location: str = ""
    job_url: str = ""
    applicant_name: str = ""
    resume: str = ""  # the library resume being tailored (Markdown)
    research_report: str = ""  # for the resume and cover-letter phases
    optimized_resume: str = ""  # for the cover-letter phase
    additional_context: str = ""  # the user's notes for the cover letter
    # The source resume read into its structure (ids, roles, facts): what a tailored
    # resume is drafted from and what the fact guard checks documents against.
    resume_structure: dict = field(default_factory=dict)
    # After a draft the fact guard refused: what it stated that the resume does not.
    review_notes: str = ""
    # A letter's or an email's tone (`formal|warm|concise`) and length (`short|standard`).
    tone: str = "formal"
    length: str = "standard"
    # The recorded interview a thank-you note or a prep sheet is about, if any:
    # {"kind": "Technical interview", "weekday": "Tuesday", "when": "past"|"next", "notes": ...}.
    interview: dict = field(default_factory=dict)


@dataclass
class LlmResult:
    text: str  # the finished document, Markdown
    model: str
    input_tokens: int = 0
    output_tokens: int = 0
    extra: dict = field(default_factory=dict)


ProgressCallback = Callable[[float], None]


class LlmProvider(Protocol):
    name: str  # "offline", "anthropic", "openai"
    model: str

    def generate(
        self, phase_input: PhaseInput, *, timeout: float, on_progress: ProgressCallback
    ) -> LlmResult:
        """Produce the phase's document.

        `timeout` is the seconds left for this one attempt: the provider must give up
        (raise a transient `LlmError`) rather than run past it. `on_progress(fraction)`
        is called as output arrives with the fraction of this attempt's work done, in
        [0, 1] (the pipeline maps it onto the run's progress); it may raise to abort.
        Raises `processing.llm.errors.LlmError` on failure, never an SDK exception.
        """
        ...
