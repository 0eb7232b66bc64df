"""The AI phases, declared once: what each writes, what it needs, and every word shown about it.

Services, the job, the views, the API, the admin, the prompts and the providers all read
this table; adding a phase is one `PhaseSpec` here plus its writer (a prompt file and the
offline writer). Plain Python only: the offline writer and the providers import it
without Django.
"""

from dataclasses import dataclass, field
from enum import StrEnum

# The resume-presence rule's words: a phase with `needs_resume` cannot start without one.
NEEDS_RESUME_MESSAGE = "Add a resume to your library first."
NEEDS_RESUME_RETRY_MESSAGE = "Add a resume to your library first, then try again."  # it went mid-run
# A phase is "done" until the user asks for it again.
REGENERATE_HINT = "Send regenerate to run it again."


@dataclass(frozen=True)
class PhaseSpec:
    key: str  # stored on `PhaseRun.phase` and used in URLs of the UI
    label: str  # `PhaseRun.Phase` choice label
    api_path: str  # `/api/v1/processing/applications/<id>/<api_path>`
    document_type: str  # the `Document.Type` the phase writes
    # The `Application` boolean set when it completes and the `Application.Status` it moves
    # the application to: set for the pipeline's phases (research → resume → cover letter,
    # what "Generate all" runs); None for a document made on demand, which is done once
    # its document exists.
    application_flag: str | None
    application_status: str | None
    prerequisite: str | None  # the phase that must be completed first
    prerequisite_message: str  # shown when the prerequisite is missing
    needs_resume: bool  # the phase tailors the user's resume, so one must exist
    takes_context: bool  # the user's notes (`additional_context`) go into it
    # The UI: the panel's heading, its one-line description, the document's name in
    # sentences, the start button, and the message when a run completes.
    title: str
    description: str
    document_label: str
    start_label: str
    done_message: str
    already_done_message: str  # refused start of a completed phase (without regenerate)
    started_message: str  # the API's 202 answer
    prompt_file: str  # in `processing/prompts/`
    expected_chars: int  # the rough length of a good answer, for progress
    # Seconds a run typically takes, per provider, before it reports progress.
    typical_seconds: dict[str, int] = field(
        default_factory=lambda: {"offline": 5, "anthropic": 60, "openai": 60}
    )
    # The document states facts about the user: the fact guard checks it against the
    # resume before it is saved (SPEC §9.2).
    checks_facts: bool = False
    # The provider answers with a structured draft that names its source lines, rendered
    # by the pipeline (the tailored resume), not with finished Markdown.
    drafts_structure: bool = False
    # The user picks a tone (`formal|warm|concise`) and a length (`short|standard`).
    takes_tone: bool = False
    # The application's recorded interview (the latest past one, else the next) goes into it.
    uses_interview: bool = False

    @property
    def name(self) -> str:
        return self.key.upper()

    @property
    def in_pipeline(self) -> bool:
        """One of the phases "Generate all" runs, in order."""
        return self.application_flag is not None


PHASES: tuple[PhaseSpec, ...] = (
    PhaseSpec(
        key="research",
        label="Research",
        api_path="research",
        document_type="research_report",
        application_flag="research_completed",
        application_status="research_complete",
        prerequisite=None,
        prerequisite_message="",
        needs_resume=False,
        takes_context=False,
        title="Research the role",
        description="Requirements, keywords an ATS looks for, and how your resume matches.",
        document_label="research report",
        start_label="Start research",
        done_message="The research report is ready.",
        already_done_message="The research is already completed.",
        started_message="Research started.",
        prompt_file="research.md",
        expected_chars=6000,
    ),
    PhaseSpec(
        key="resume",
        label="Tailored resume",
        api_path="resume",
        document_type="optimized_resume",
        application_flag="resume_optimized",
        application_status="resume_complete",
        prerequisite="research",
        prerequisite_message="Run the research first.",
        needs_resume=True,
        takes_context=False,
        title="Tailor your resume",
        description="Your own resume, reordered and reworded for this job. Nothing invented.",
        document_label="tailored resume",
        start_label="Tailor my resume",
        done_message="Your tailored resume is ready.",
        already_done_message="The resume is already tailored.",
        started_message="Resume tailoring started.",
        prompt_file="resume.md",
        expected_chars=2500,
        checks_facts=True,
        drafts_structure=True,
    ),
    PhaseSpec(
        key="cover_letter",
        label="Cover letter",
        api_path="cover-letter",
        document_type="cover_letter",
        application_flag="cover_letter_generated",
        application_status="cover_letter_complete",
        prerequisite="resume",
        prerequisite_message="Tailor the resume first.",
        needs_resume=False,
        takes_context=True,
        title="Write the cover letter",
        description="One page, grounded in your resume and the research.",
        document_label="cover letter",
        start_label="Write the cover letter",
        done_message="Your cover letter is ready.",
        already_done_message="The cover letter is already generated.",
        started_message="Cover letter generation started.",
        prompt_file="cover_letter.md",
        expected_chars=2200,
        checks_facts=True,
        takes_tone=True,
    ),
    # On demand, in any order once the research is done (SPEC §13).
    PhaseSpec(
        key="follow_up_email",
        label="Follow-up email",
        api_path="follow-up-email",
        document_type="follow_up_email",
        application_flag=None,
        application_status=None,
        prerequisite="research",
        prerequisite_message="Run the research first.",
        needs_resume=True,
        takes_context=True,
        title="Follow up",
        description="A short note to send about a week after applying.",
        document_label="follow-up email",
        start_label="Write the follow-up email",
        done_message="Your follow-up email is ready.",
        already_done_message="The follow-up email is already written.",
        started_message="Follow-up email started.",
        prompt_file="follow_up_email.md",
        expected_chars=900,
        checks_facts=True,
        takes_tone=True,
    ),
    PhaseSpec(
        key="thank_you_note",
        label="Thank-you note",
        api_path="thank-you-note",
        document_type="thank_you_note",
        application_flag=None,
        application_status=None,
        prerequisite="research",
        prerequisite_message="Run the research first.",
        needs_resume=True,
        takes_context=True,
        title="Say thank you",
        description="A note after an interview; it names the interview when one is recorded.",
        document_label="thank-you note",
        start_label="Write the thank-you note",
        done_message="Your thank-you note is ready.",
        already_done_message="The thank-you note is already written.",
        started_message="Thank-you note started.",
        prompt_file="thank_you_note.md",
        expected_chars=900,
        checks_facts=True,
        takes_tone=True,
        uses_interview=True,
    ),
    PhaseSpec(
        key="interview_prep",
        label="Interview prep",
        api_path="interview-prep",
        document_type="interview_prep",
        application_flag=None,
        application_status=None,
        prerequisite="research",
        prerequisite_message="Run the research first.",
        needs_resume=True,
        takes_context=False,
        title="Prepare for the interview",
        description="Likely questions with answers from your own experience, questions to ask, your gaps.",
        document_label="interview prep sheet",
        start_label="Prepare me",
        done_message="Your interview prep sheet is ready.",
        already_done_message="The interview prep sheet is already written.",
        started_message="Interview prep started.",
        prompt_file="interview_prep.md",
        expected_chars=4000,
        checks_facts=True,
        uses_interview=True,
    ),
)

_BY_KEY = {spec.key: spec for spec in PHASES}

# The phase keys by name (`Phase.RESEARCH == "research"`), in pipeline order.
Phase = StrEnum("Phase", [(spec.name, spec.key) for spec in PHASES])


# What "Generate all" runs, in order.
PIPELINE: tuple[PhaseSpec, ...] = tuple(spec for spec in PHASES if spec.in_pipeline)
# Tone and length of letters and emails (`PhaseSpec.takes_tone`), each with its label; the
# first is the default.
TONES = (("formal", "Formal"), ("warm", "Warm"), ("concise", "Concise"))
LENGTHS = (("standard", "Standard"), ("short", "Short"))


def phase_get(key: str) -> PhaseSpec:
    """The declaration of phase `key`; KeyError for an unknown phase."""
    return _BY_KEY[key]


def phase_keys() -> tuple[str, ...]:
    return tuple(_BY_KEY)


def pipeline_next(key: str) -> PhaseSpec | None:
    """The pipeline phase after `key`, or None after the last one."""
    keys = [spec.key for spec in PIPELINE]
    index = keys.index(key) if key in keys else len(keys)
    return PIPELINE[index + 1] if index + 1 < len(PIPELINE) else None


def phases_before(key: str) -> tuple[PhaseSpec, ...]:
    """The phases whose documents phase `key` builds on: its prerequisites, nearest last."""
    chain: list[PhaseSpec] = []
    prerequisite = phase_get(key).prerequisite
    while prerequisite is not None:
        chain.insert(0, phase_get(prerequisite))
        prerequisite = chain[0].prerequisite
    return tuple(chain)
