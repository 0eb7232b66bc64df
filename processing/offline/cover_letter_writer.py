"""The cover letter: one page, addressed to the company, built from the tailored resume's own
achievements, the research, and the applicant's notes (quoted as their words, never obeyed)."""

import re
from datetime import date

from .posting_analysis import INJECTION, REQUIRED, PostingAnalysis
from .resume_analysis import (
    DEGREE_WORDS,
    EDUCATION,
    EXPERIENCE,
    PROJECTS,
    SUMMARY,
    ParsedResume,
    line_relevance,
)
from .resume_tailoring import resume_surface
from .skill_vocabulary import skill_names, skills_find
from .text_cleanup import (
    clip,
    first_letter_lower,
    markdown_inline,
    sentence_close,
    sentences_split,
    words_count,
)
from .vocabularies import word_list

MIN_WORDS = 250
MAX_WORDS = 400

_IRREGULAR_PAST = word_list("irregular_past_verbs.txt")

_ROLE_NOUNS = frozenset(
    {"scientist", "engineer", "developer", "manager", "analyst", "designer", "architect", "administrator"}
)


def _skill_phrase(resume, demand) -> str:
    """The skill as the resume words it, in lower case where it is a common phrase rather
    than a name, since it stands mid-sentence: "experience with project management", but
    "with Python" and "with User Experience Design"."""
    surface = resume_surface(resume, demand.skill.name) or demand.skill.name
    words = surface.split()
    if words and words[-1].lower() in _ROLE_NOUNS:
        # The resume names the skill through a job title ("Data Scientist"): use the skill.
        surface, words = demand.skill.name, demand.skill.name.split()
    if any(char.isupper() for char in surface[1:]):
        return surface  # "GitHub Actions", "CI/CD", "User Experience"
    common_phrase = len(words) > 1 or not demand.skill.is_specific  # "Project management", "Backend"
    return surface[:1].lower() + surface[1:] if common_phrase else surface


def _past_tense(word: str) -> bool:
    word = word.lower()
    return word in _IRREGULAR_PAST or (word.endswith("ed") and len(word) > 4)


def _achievement_sentence(text: str, organisation: str, position: int, previous_org: str, repeat: int) -> str:
    text = text.strip().rstrip(".;,")
    first = text.split(" ", 1)[0]
    if organisation and organisation == previous_org:
        opener = ("There, I also", "I also", "In the same role, I")[repeat % 3]
    elif organisation:
        opener = f"At {organisation}, I" if position == 0 else f"Before that, at {organisation}, I"
    else:
        opener = "I also" if position else "I"
    if _past_tense(first):
        return f"{opener} {first_letter_lower(text)}."
    if first.lower().endswith("ing") and len(first) > 5:
        verb_opener = opener.replace(" I also", " I have also").replace(", I", ", I have been")
        if verb_opener == opener:
            verb_opener = f"{opener} have been"
        return f"{verb_opener} {first_letter_lower(text)}."
    lead = f"At {organisation}, my work included" if organisation else "My work has included"
    return f"{lead}: “{text}.”"


def _evidence(resume: ParsedResume, posting: PostingAnalysis, allowed: set[str], count: int) -> list[str]:
    candidates = []
    position = 0
    for section in resume.sections_of(EXPERIENCE, PROJECTS):
        for entry in section.entries:
            for item in entry.items:
                names = {m.skill.name for m in skills_find(item)}
                if names - allowed:
                    continue
                candidates.append((-line_relevance(item, posting), position, item, entry.organisation))
                position += 1
    chosen = sorted(candidates)[:count]
    chosen.sort(key=lambda c: c[1])  # tell the story in the resume's order
    sentences, previous, repeat = [], "", 0
    for index, (_, _, item, organisation) in enumerate(chosen):
        repeat = repeat + 1 if organisation and organisation == previous else 0
        sentences.append(_achievement_sentence(clip(item, 260), organisation, index, previous, repeat - 1))
        previous = organisation
    return sentences


# What an institution's name looks like: "Stanford University", "École Polytechnique", or one
# that starts with an acronym: "MIT", "UC San Diego", "NYU Stern".
_INSTITUTION_WORD = re.compile(
    r"universit|college|institut|school|academ|polytechni|conservato|hochschule|école", re.IGNORECASE
)
_LEADING_ACRONYM = re.compile(r"^[A-Z]{2,6}\b")


def _education_sentence(resume: ParsedResume) -> str:
    """The resume's first degree, in its own words ("I hold a B.S. Computer Science from ...")."""
    for entry in resume.entries_of(EDUCATION):
        if entry.title and DEGREE_WORDS.search(entry.title):
            # "from Specialization in AI" would be wrong: name the place only when it is one.
            organisation = (
                entry.organisation if entry.organisation and _is_institution(entry.organisation) else ""
            )
            where = f" from {markdown_inline(organisation)}" if organisation else ""
            return f"My education includes a {markdown_inline(entry.title)}{where}."
    return ""


def _is_institution(name: str) -> bool:
    return bool(_INSTITUTION_WORD.search(name) or _LEADING_ACRONYM.match(name.strip()))


def _applicant_context(text: str, limit: int) -> str:
    """The applicant's notes, as a quotation: text aimed at an automated reader is left out."""
    text = re.sub(r"\s+", " ", text or "").strip()
    text = " ".join(s for s in sentences_split(text) if not INJECTION.search(s))
    if not text:
        return ""
    return markdown_inline(clip(text, limit)).replace("“", '"').replace("”", '"')


def cover_letter_text(
    *,
    posting: PostingAnalysis,
    resume: ParsedResume,
    research_report: str,
    additional_context: str,
    applicant_name: str,
    today: date,
) -> list[str]:
    """The letter as Markdown blocks; only skills the resume shows are ever claimed."""
    has = resume.skill_names()
    company = markdown_inline(posting.company) if posting.company else ""
    role = markdown_inline(posting.role or "open")
    name = applicant_name.strip() or resume.name
    if name.isupper():
        name = name.title()
    name = markdown_inline(name)

    # Skills the research singled out that the resume really shows, in the posting's order.
    researched = skill_names(research_report) if research_report else set()
    matched = [
        d for d in posting.skills if d.skill.name in has and not d.skill.is_soft and not d.skill.is_credential
    ]
    matched.sort(
        key=lambda d: (not d.skill.is_specific, d.skill.name not in researched, d.importance != REQUIRED)
    )
    matched_names = [markdown_inline(_skill_phrase(resume, d)) for d in matched[:4]]
    own_summary = [
        s for section in resume.sections_of(SUMMARY) for p in section.paragraphs for s in sentences_split(p)
    ]

    # Posting skills the resume lacks are never named, not even when quoting the posting.
    missing = {d.skill.name for d in posting.skills if d.skill.name not in has}
    safe_responsibilities = [
        r for r in posting.responsibilities if not {m.skill.name for m in skills_find(r)} & missing
    ]
    title = resume.recent_title()
    stated = resume.stated_years()

    def build(evidence_count: int, context_limit: int, fuller: bool) -> list[str]:
        opening = f"I am writing to apply for the {role} position" + (f" at {company}." if company else ".")
        if safe_responsibilities:
            focus = clip(first_letter_lower(safe_responsibilities[0]).rstrip("."), 140)
            opening += f" The role's focus — {markdown_inline(focus)} — is the kind of work I want to do."
        if title:
            article = "an" if title[:1].lower() in "aeiou" else "a"
            intro = f"As {article} {markdown_inline(title)}"
            if stated:
                intro += f" with {markdown_inline(stated[1])} of experience"
            if matched_names:
                intro += f", I bring hands-on experience with {_join(matched_names)}."
            else:
                intro += ", I bring a record of delivering results that carries over to this role."
            opening += f" {intro}"
        paragraphs = [opening]
        evidence = _evidence(resume, posting, has, evidence_count)
        if evidence:
            paragraphs.append(" ".join(evidence))
        understanding = []
        if len(safe_responsibilities) > 1:
            picks = [
                markdown_inline(clip(first_letter_lower(r).rstrip("."), 110))
                for r in safe_responsibilities[1:3]
            ]
            understanding.append(
                sentence_close(
                    f"From the posting, I understand the role also involves: {'; and '.join(picks)}"
                )
            )
        if matched_names:
            understanding.append(
                f"My research on the role pointed to {_join(matched_names)} as central to it, and that is where "
                "my experience is deepest."
            )
        about = [
            b
            for b in posting.company_blurb
            if not re.search(r"\b(?:seeking|looking for|hiring|this role)\b", b, re.I)
            and not {m.skill.name for m in skills_find(b)} & missing
        ]
        if about and company:
            quote = markdown_inline(clip(about[0].rstrip("."), 200)).replace("“", '"').replace("”", '"')
            understanding.append(
                f"I was drawn to {company} by how your posting describes it: “{sentence_close(quote)}”"
            )
        education = _education_sentence(resume)
        if education:
            understanding.append(education)
        if fuller and own_summary:
            understanding.append(
                f"In short, as my resume puts it: {markdown_inline(clip(own_summary[-1], 300))}"
            )
        if understanding:
            paragraphs.append(" ".join(understanding))
        context = _applicant_context(additional_context, context_limit)
        if context:
            paragraphs.append(f"In my own words: “{context}”")
        closing = "I would welcome the chance to talk about how I can contribute"
        closing += f" to {company}." if company else " to your team."
        closing += " Thank you for your time and consideration."
        paragraphs.append(closing)
        return paragraphs

    # Grow the letter one achievement at a time until it fills a page, never past it.
    chosen = build(2, 600, False)
    for fuller in (False, True):
        for count in range(2, 7):
            candidate = build(count, 600, fuller)
            words = sum(words_count(p) for p in candidate)
            if words > MAX_WORDS:
                break
            chosen = candidate
            if words >= MIN_WORDS:
                break
        if sum(words_count(p) for p in chosen) >= MIN_WORDS:
            break
    if sum(words_count(p) for p in chosen) > MAX_WORDS:
        chosen = build(2, 200, False)

    header = []
    if name:
        header.append(name)
    if resume.contact:
        header.append(markdown_inline(" · ".join(resume.contact)))
    blocks = []
    if header:
        blocks.append("  \n".join(header) + "\n")
    blocks.append(f"{today:%B} {today.day}, {today.year}\n")
    blocks.append(f"Dear Hiring Team at {company},\n" if company else "Dear Hiring Team,\n")
    blocks += [f"{paragraph}\n" for paragraph in chosen]
    blocks.append("Sincerely,  \n" + (name or "") + "\n")
    return blocks


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"
