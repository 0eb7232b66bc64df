"""The offline writer's follow-up email, thank-you note and interview prep sheet (SPEC §13).

Honest by construction, as the cover letter: every statement about the user is one of
their own resume lines (in the first person) or one of their own skills; the rest speaks
of the employer, the role or the posting. No date or number is written that the resume
does not hold (an interview is named by its kind and weekday), and the user's guidance
is never quoted.
"""

import re
from datetime import date

from processing.guard.facts import numbers_in
from processing.guard.terms import skill_names, terms_find
from processing.tailoring.offline import (
    Posting,
    _clean,
    _role_phrase,
    display_name,
    matched_skills,
    own_lines,
    tone_words,
)

PREP_QUESTIONS = 5  # questions answered from the resume's own lines
PREP_GAPS = 5
_DIGIT = re.compile(r"\d")
_QUESTIONS_HEADING = re.compile(r"^#{2,3}\s+(?:smart\s+)?questions to ask", re.IGNORECASE)
_BULLET = re.compile(r"^\s*[-*+]\s+(.+?)\s*$")

DEFAULT_QUESTIONS = (
    "What would success look like in this role after the first few months?",
    "What are the biggest challenges the team is working on right now?",
    "How does the team work together from day to day?",
    "What are the next steps in the process?",
)


def _sign(lines: list[str], words: dict[str, str], name: str) -> str:
    lines += [words["closing"], "", words["sign_off"], ""]
    if name:
        lines.append(name)
    return "\n".join(lines).strip() + "\n"


def _interview_phrase(interview: dict) -> str:
    """'the technical interview on Tuesday', or '' when none is recorded."""
    if not interview:
        return ""
    kind = interview.get("kind") or "interview"
    kind = kind[:1].lower() + kind[1:]  # mid-sentence: "the technical interview"
    weekday = interview.get("weekday")
    return f"the {kind} on {weekday}" if weekday else f"the {kind}"


def follow_up_email(
    structure: dict, posting: Posting, *, today: date, tone: str = "formal", length: str = "standard"
) -> str:
    """A short note about a week after applying: still interested, one reason from the resume."""
    name, words = display_name(structure), tone_words(tone, posting.company)
    role = posting.role_title or "open"
    at = f" at {posting.company}" if posting.company else ""
    lines = [f"**Subject:** Following up on my application for the {role} position", ""]
    lines += [words["greeting"], ""]
    opening = {
        "formal": (
            f"I recently applied for the {role} position{at} and am writing to follow up on my "
            "application. I remain very interested in the role."
        ),
        "warm": (
            f"I hope you are well. I applied for the {role} position{at} recently and wanted to "
            "check in: I am still very excited about the role."
        ),
        "concise": f"I am following up on my application for the {role} position{at}.",
    }.get(tone, f"I am following up on my application for the {role} position{at}.")
    lines += [opening, ""]
    if length != "short":
        paragraph = own_lines(structure, posting, roles=1, per_role=1)
        if paragraph:
            lines += [" ".join(paragraph), ""]
    own = matched_skills(structure, posting, 2 if length == "short" else 3)
    if own:
        lines += [f"Your posting asks for skills my resume lists: {', '.join(own)}.", ""]
    words["closing"] = {
        "formal": "Please let me know if I can provide anything further. Thank you for your time and consideration.",
        "warm": "If there is anything more I can share, I would be happy to. Thank you for your time!",
        "concise": "Happy to send anything else you need. Thank you.",
    }.get(tone, words["closing"])
    return _sign(lines, words, name)


def thank_you_note(
    structure: dict,
    posting: Posting,
    *,
    today: date,
    interview: dict | None = None,
    tone: str = "formal",
    length: str = "standard",
) -> str:
    """After an interview: thanks, naming the recorded interview (kind and weekday) when there is one."""
    name, words = display_name(structure), tone_words(tone, posting.company)
    role = posting.role_title or "open"
    met = _interview_phrase(interview or {})
    subject = f"Thank you: {role}" + (f", {met.removeprefix('the ')}" if met else "")
    lines = [f"**Subject:** {subject}", "", words["greeting"], ""]
    during = f" during {met}" if met else ""
    opening = {
        "formal": f"Thank you for taking the time to speak with me{during} about the {role} position.",
        "warm": (
            f"Thank you so much for speaking with me{during}. I really enjoyed learning more about "
            f"the {role} position and your team."
        ),
        "concise": f"Thank you for speaking with me{during} about the {role} position.",
    }.get(tone, f"Thank you for speaking with me{during} about the {role} position.")
    lines += [opening, ""]
    if length != "short":
        lines += ["Our conversation confirmed my interest in the role.", ""]
        paragraph = own_lines(structure, posting, roles=1, per_role=1)
        if paragraph:
            lines += [" ".join(paragraph), ""]
    words["closing"] = {
        "formal": "Please let me know if I can provide anything further. I look forward to hearing from you.",
        "warm": "I would be glad to answer anything else. I look forward to hearing from you!",
        "concise": "I look forward to hearing from you.",
    }.get(tone, words["closing"])
    return _sign(lines, words, name)


# --- the interview prep sheet ---------------------------------------------------------------


def _resume_terms(structure: dict) -> set[str]:
    texts = [structure.get("summary", "")]
    texts += [k for group in structure.get("skills", []) for k in group.get("keywords", [])]
    for entry in [*structure.get("work", []), *structure.get("projects", [])]:
        texts += [h["text"] for h in entry.get("highlights", [])]
    return skill_names("\n".join(t for t in texts if t))


def _line_for(term: str, structure: dict, used: set[str]) -> tuple[dict, dict] | None:
    """The most recent role's (or project's) line that names `term` and is not used yet."""
    for entry in [*structure.get("work", []), *structure.get("projects", [])]:
        for highlight in entry.get("highlights", []):
            if highlight["id"] in used or len(highlight["text"].split()) < 3:
                continue
            if term in {found.name for found in terms_find(highlight["text"])}:
                return entry, highlight
    return None


def _source_label(entry: dict) -> str:
    """'Senior Engineer, Northwind' for a role; the project's name for a project."""
    if "position" in entry:
        return ", ".join(p for p in (entry.get("position", ""), entry.get("name", "")) if p) or "your resume"
    return entry.get("name", "") or "your resume"


def _as_written(raw: str, text: str) -> str:
    found = re.search(re.escape(raw) + r"\s?%", text)
    return found.group(0).replace(" ", "") if found else raw


def _star(term: str, entry: dict, highlight: dict) -> list[str]:
    text = _clean(highlight["text"])
    # As the line writes them ("40%", "2 million"), so the figure reads as in the resume.
    figures = list(dict.fromkeys(_as_written(raw, text) for _, raw in numbers_in(text)))
    result = (
        f"lead with the figure your resume gives ({', '.join(figures[:2])}) and what it changed."
        if figures
        else "your resume states no figure here: describe the outcome plainly, without a number you cannot back."
    )
    situation = (
        _role_phrase(entry) if "position" in entry else f"on the {entry.get('name', 'project')} project"
    )
    return [
        f"### “How have you used {term} in your work?”",
        "",
        f"- **Situation:** {situation[:1].upper() + situation[1:]}.",
        f"- **Task and action:** {text}",
        f"- **Result:** {result[:1].upper() + result[1:]}",
        f"- *Source:* {_source_label(entry)}: “{text}”",
        "",
    ]


def _research_questions(research_report: str) -> list[str]:
    """The research report's questions to ask, without any that carries a number."""
    questions, inside = [], False
    for line in research_report.splitlines():
        if line.startswith("#"):
            inside = bool(_QUESTIONS_HEADING.match(line))
            continue
        bullet = _BULLET.match(line) if inside else None
        if bullet and not _DIGIT.search(bullet.group(1)) and bullet.group(1).endswith("?"):
            questions.append(bullet.group(1))
    return questions


def interview_prep(
    structure: dict,
    posting: Posting,
    *,
    today: date,
    research_report: str = "",
    interview: dict | None = None,
) -> str:
    """Likely questions for this role with STAR answers built from the resume's own lines (the
    source line named), questions to ask, and the posting's asks the resume does not show."""
    role, company = posting.role_title or "the role", posting.company
    lines = [f"# Interview prep: {role}" + (f", {company}" if company else ""), ""]
    met = _interview_phrase(interview or {})
    if met:
        when = "Your latest interview was" if (interview or {}).get("when") == "past" else "Coming up:"
        lines += [f"{when} {met}.", ""]
    have = _resume_terms(structure)
    wanted = sorted(posting.terms, key=lambda t: posting.text.lower().find(t.lower()) % 100000)
    matched = [t for t in wanted if t in have]

    lines += ["## Likely questions", ""]
    work = structure.get("work", [])
    latest = next((r for r in work if r.get("position") or r.get("name")), None)
    lines += ["### “Tell me about yourself.”", ""]
    if latest is not None:
        lines.append(f"- **Now:** {_role_phrase(latest)[:1].upper() + _role_phrase(latest)[1:]}.")
    if structure.get("summary"):
        lines.append(f"- **In short:** {_clean(structure['summary'])}")
    own = matched_skills(structure, posting, 4)
    if own:
        lines.append(f"- **Why you fit:** the posting asks for {', '.join(own)}, which your resume lists.")
    lines += ["", "### “Why this role?”", ""]
    lines.append(
        "- Speak to what the posting says about the work and the team, and to what you want to do next."
    )
    lines.append("")

    used: set[str] = set()
    answered = 0
    for term in matched:
        found = _line_for(term, structure, used)
        if found is None:
            continue
        entry, highlight = found
        used.add(highlight["id"])
        lines += _star(term, entry, highlight)
        answered += 1
        if answered >= PREP_QUESTIONS:
            break

    lines += ["## Questions to ask", ""]
    asked = _research_questions(research_report)[:4] or list(DEFAULT_QUESTIONS)
    lines += [f"- {question}" for question in asked]
    lines.append("")

    gaps = [
        term.name for term in terms_find(posting.text) if term.name not in have and not term.is_credential
    ]
    gaps = list(dict.fromkeys(gaps))[:PREP_GAPS]
    lines += ["## Gaps and how to speak to them", ""]
    if gaps:
        related = f" ({', '.join(own[:3])})" if own else ""
        lines += [f"- **{gap}:** the posting asks for it; your resume does not show it." for gap in gaps]
        lines += [
            "",
            "Say so plainly when asked, never claim it, then point to what is close in your own "
            f"experience{related} and how you would learn it.",
        ]
    else:
        lines.append("- Your resume covers the skills the posting names. Be ready to go deeper on each.")
    return "\n".join(lines).strip() + "\n"
