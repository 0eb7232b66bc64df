"""A provider's answer → the document that may be saved, or a refusal saying why (SPEC §9.2).

Every phase whose document states facts about the user goes through here, whatever the
provider: a structured draft is checked against the resume's ids and rendered with the
resume's own roles; the text is then checked by the fact guard against the resume's
facts. Nothing unverified comes out: the caller either saves `Verified.text` or gives the
model the refusal's notes once and then fails the run.
"""

import json
import re
from dataclasses import dataclass
from datetime import date

from processing.guard import Violation, document_check, facts_from_structure, violations_summary
from processing.guard.terms import skill_names
from processing.llm.base import LlmResult, PhaseInput
from processing.llm.match import phase_match_report
from processing.offline.match_section import MATCH_HEADING, match_section
from processing.phases import Phase, phase_get
from processing.tailoring.draft import Draft, DraftInvalid, draft_parse, draft_to_markdown
from processing.tailoring.provenance import provenance_build
from resumes.structure import resume_structure_parse

MAX_NOTES = 12


@dataclass(frozen=True)
class Verified:
    text: str
    provenance: dict | None  # for a drafted document: where each line comes from


class DraftRefused(Exception):
    """The draft broke the format or stated what the resume does not; `notes` says which,
    in words a model can act on, and `message` in words a user can read."""

    def __init__(self, *, problems: list[str] | None = None, violations: list[Violation] | None = None):
        self.problems = problems or []
        self.violations = violations or []
        if self.violations:
            message = violations_summary(self.violations)
        else:
            message = "The AI provider's draft could not be read: " + "; ".join(self.problems[:3])
        super().__init__(message)
        self.message = message

    @property
    def notes(self) -> str:
        lines = [f"- {problem}" for problem in self.problems[:MAX_NOTES]]
        lines += [f"- {violation.message}" for violation in self.violations[:MAX_NOTES]]
        return "\n".join(lines)


def source_structure(phase_input: PhaseInput) -> dict:
    """The resume's stored structure, or read from its text when it has none yet."""
    return phase_input.resume_structure or resume_structure_parse(phase_input.resume)


def _draft_of(result: LlmResult, structure: dict) -> Draft:
    draft = result.extra.get("draft")
    if isinstance(draft, Draft):
        return draft
    text = result.text.strip()
    start, end = text.find("{"), text.rfind("}")
    try:
        data = json.loads(text[start : end + 1]) if start != -1 and end > start else None
    except (ValueError, RecursionError):
        data = None
    if data is None:
        raise DraftRefused(problems=["The reply was not one JSON object in the format asked for."])
    try:
        return draft_parse(data, structure)
    except DraftInvalid as exc:
        raise DraftRefused(problems=exc.problems) from None


# The research report's match part, from its heading to the next section of its level.
_MATCH_PART = re.compile(rf"^{re.escape(MATCH_HEADING)}\b.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)


def _match_part_settled(text: str, phase_input: PhaseInput) -> str:
    """The research report's match part is the match analysis's own (SPEC §11: one source of
    truth), whoever wrote the rest: a model's version of it is replaced, a missing one added."""
    section = match_section(phase_match_report(phase_input)).strip() + "\n\n"
    if _MATCH_PART.search(text):
        return _MATCH_PART.sub(lambda _: section, text, count=1).strip() + "\n"
    return f"{text.strip()}\n\n{section}".strip() + "\n"


def document_verify(*, phase_input: PhaseInput, result: LlmResult, today: date, version: int = 0) -> Verified:
    """The document to save for this answer, or `DraftRefused`."""
    spec = phase_get(phase_input.phase)
    if spec.key == Phase.RESEARCH:
        return Verified(_match_part_settled(result.text, phase_input), None)
    if not spec.checks_facts and not spec.drafts_structure:
        return Verified(result.text.strip() + "\n", None)
    structure = source_structure(phase_input)
    draft = _draft_of(result, structure) if spec.drafts_structure else None
    text = draft_to_markdown(draft, structure) if draft is not None else result.text.strip() + "\n"
    violations = document_check(
        document=text,
        facts=facts_from_structure(structure, today=today, source_text=phase_input.resume),
        today=today,
        posting=phase_input.job_description,
        company=phase_input.company_name,
        role_title=phase_input.role_title,
        guidance=phase_input.additional_context,
    )
    if violations:
        raise DraftRefused(violations=violations)
    provenance = None
    if draft is not None:
        provenance = provenance_build(
            draft=draft,
            structure=structure,
            posting_keywords=sorted(skill_names(phase_input.job_description)),
            version=version,
            violations=[],
        )
    return Verified(text, provenance)
