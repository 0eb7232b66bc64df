"""The tailored resume: the user's own resume, reordered and re-emphasised for one posting.

Honesty rule: nothing is invented. The summary's lead is assembled only from facts the
resume states (its titles, employers, stated years, skills in its own words); bullets and
skills are reordered, never dropped or reworded; the posting's wording for a skill appears
only next to the resume's wording for that same skill. Every title, employer, degree,
date and skill in the output can be traced back to the source resume.
"""

import re

from .posting_analysis import PostingAnalysis
from .resume_analysis import (
    CERTIFICATIONS,
    EDUCATION,
    EXPERIENCE,
    OTHER,
    PROJECTS,
    SKILLS,
    SUMMARY,
    ParsedResume,
    ResumeEntry,
    ResumeMatch,
    ResumeSection,
    line_relevance,
)
from .skill_vocabulary import skills_find
from .text_cleanup import markdown_line, sentences_split

# The only words the tailoring adds around the resume's own facts.
TAILORING_VOCABULARY = frozenset(
    [
        "Summary",
        "Skills",
        "Experience",
        "Professional",
        "with",
        "of",
        "experience",
        "most",
        "recently",
        "at",
        "and",
        "before",
        "that",
        "Strengths",
        "relevant",
        "to",
        "this",
        "role",
        "include",
        "Hands-on",
    ]
)

_SECTION_ORDER = {
    SUMMARY: 0,
    SKILLS: 1,
    EXPERIENCE: 2,
    PROJECTS: 3,
    EDUCATION: 4,
    CERTIFICATIONS: 5,
    OTHER: 6,
}


def _join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def resume_surface(resume: ParsedResume, skill_name: str) -> str:
    """How the resume itself writes a skill: as its skills list does, else its first mention."""
    skills_text = "\n".join(
        line for section in resume.sections_of(SKILLS) for line in section.paragraphs + section.items
    )
    for text in (skills_text, resume.text):
        for mention in skills_find(text):
            if mention.skill.name == skill_name:
                return mention.surface
    return ""


def tailored_lead(resume: ParsedResume, match: ResumeMatch) -> str:
    """One or two sentences made only of the resume's facts, pointed at the posting's needs."""
    title = resume.recent_title() or resume.headline
    sentences = []
    first = title or "Professional"
    stated = resume.stated_years()
    if stated:
        first += f" with {stated[1]} of experience"
    employers = resume.employers()[:3]
    if employers:
        first += f", most recently at {employers[0]}"
        if len(employers) > 1:
            first += f" and before that at {_join_names(employers[1:])}"
    sentences.append(first.rstrip(",") + ".")
    relevant: list[str] = []
    for skill_match in match.strengths:
        skill = skill_match.demand.skill
        if not skill.is_specific:
            continue
        surface = resume_surface(resume, skill.name)
        if surface and surface.lower() not in {r.lower() for r in relevant}:
            relevant.append(surface)
        if len(relevant) == 6:
            break
    if relevant:
        sentences.append(f"Strengths relevant to this role include {_join_names(relevant)}.")
    return " ".join(sentences)


def _split_list(paragraph: str) -> list[str]:
    """Split "Python, Django (REST, ORM), Redis" on top-level commas and semicolons."""
    items, depth, current = [], 0, []
    for char in paragraph:
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        if char in ",;" and depth == 0:
            items.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    items.append("".join(current).strip())
    return [item for item in items if item]


def _with_posting_wording(item: str, resume: ParsedResume, posting: PostingAnalysis) -> str:
    """Add the posting's word for a skill the item already shows ("PostgreSQL (Postgres)")."""
    extra: list[str] = []
    lowered_resume = resume.lowered_text
    for mention in skills_find(item):
        demand = posting.demand_for(mention.skill.name)
        if demand is None or not mention.skill.is_specific:
            continue
        wording = demand.surface
        if len(wording.split()) > 2 or (wording.islower() and " " in wording):
            continue  # a phrase like "agile environment" is not a name for the skill
        if wording.lower() in lowered_resume or wording.lower() in {e.lower() for e in extra}:
            continue
        if not re.fullmatch(r"[A-Za-z0-9.+#/ -]{2,40}", wording):
            continue
        extra.append(wording)
    return f"{item} ({', '.join(extra)})" if extra else item


def _ranked(items: list[str], posting: PostingAnalysis) -> list[str]:
    """Most relevant first; ties keep the resume's own order."""
    scored = [(-line_relevance(item, posting), position, item) for position, item in enumerate(items)]
    return [item for _, _, item in sorted(scored)]


def _render_entry(entry: ResumeEntry, posting: PostingAnalysis, rank: bool) -> list[str]:
    out = [f"### {markdown_line(entry.header)}", ""]
    for paragraph in entry.paragraphs:
        out += [markdown_line(paragraph), ""]
    items = _ranked(entry.items, posting) if rank else entry.items
    if items:
        out += [f"- {markdown_line(item)}" for item in items]
        out.append("")
    return out


def _opening_words(sentence: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", sentence.lower())[:6])


def _said_already(lead_sentence: str, summary: list[str]) -> bool:
    """The resume's own summary opens a sentence the same way ("ML Engineer with 5 years of ...")."""
    opening = _opening_words(lead_sentence)
    return len(opening) == 6 and any(_opening_words(sentence) == opening for sentence in summary)


def _render_section(
    section: ResumeSection, resume: ParsedResume, posting: PostingAnalysis, lead: str
) -> list[str]:
    out = [f"## {markdown_line(section.heading)}", ""]
    if section.kind == SUMMARY:
        sentences = [s for p in section.paragraphs for s in sentences_split(p)]
        lead_sentences = [s for s in sentences_split(lead) if not _said_already(s, sentences)]
        body = " ".join([*lead_sentences, *_ranked(sentences, posting)])
        out += [markdown_line(body), ""]
        out += [f"- {markdown_line(item)}" for item in _ranked(section.items, posting)]
    elif section.kind == SKILLS:
        listed = [item for p in section.paragraphs for item in _split_list(p)]
        if listed:
            ranked = [_with_posting_wording(item, resume, posting) for item in _ranked(listed, posting)]
            out += [markdown_line(", ".join(ranked)), ""]
        for item in _ranked(section.items, posting):
            out.append(f"- {markdown_line(_with_posting_wording(item, resume, posting))}")
    else:
        rank = section.kind in (EXPERIENCE, PROJECTS)
        for paragraph in section.paragraphs:
            out += [markdown_line(paragraph), ""]
        items = _ranked(section.items, posting) if rank else section.items
        out += [f"- {markdown_line(item)}" for item in items]
        if items:
            out.append("")
        for entry in section.entries:
            out += _render_entry(entry, posting, rank)
    while out and out[-1] == "":
        out.pop()
    out.append("")
    return out


def tailored_resume_sections(resume: ParsedResume, posting: PostingAnalysis, match: ResumeMatch) -> list[str]:
    """The tailored resume as a list of Markdown blocks (header first, then sections)."""
    header: list[str] = []
    if resume.name:
        header.append(f"# {markdown_line(resume.name)}")
        header.append("")
    if resume.headline:
        header += [f"**{markdown_line(resume.headline)}**", ""]
    if resume.contact:
        header += [markdown_line(" · ".join(resume.contact)), ""]
    blocks = ["\n".join(header)] if header else []

    lead = tailored_lead(resume, match)
    sections = sorted(resume.sections, key=lambda s: _SECTION_ORDER.get(s.kind, 6))
    if not any(s.kind == SUMMARY for s in sections):
        blocks.append("\n".join(["## Summary", "", markdown_line(lead), ""]))
        lead = ""
    for section in sections:
        blocks.append("\n".join(_render_section(section, resume, posting, lead)))
        if section.kind == SUMMARY:
            lead = ""
    return blocks
