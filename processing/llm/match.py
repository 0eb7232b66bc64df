"""The match analysis a research report is written from (SPEC §11: one source of truth).

The same `matching.analysis` that the match report, its page and its API use, over the
same inputs: the posting, the resume with its structure, and the tailored resume if any.
"""

from matching.analysis import analyse_match
from processing.llm.base import PhaseInput


def phase_match_report(phase_input: PhaseInput) -> dict | None:
    """The analysis as a plain dict (`MatchAnalysis.as_dict()`); None without a resume."""
    if not phase_input.resume.strip():
        return None
    return analyse_match(
        posting_text=phase_input.job_description,
        resume_structure=phase_input.resume_structure or None,
        resume_text=phase_input.resume,
        tailored_text=phase_input.optimized_resume or None,
    ).as_dict()
