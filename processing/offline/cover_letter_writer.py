"""The cover letter: one page, addressed to the company, built from the tailored resume's own
achievements, the research, and the applicant's notes (quoted as their words, never obeyed)."""

import re
from dataclasses import dataclass
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
# A company sentence that is about the opening, not the company.
_HIRING_TALK = re.compile(r"\b(?:seeking|looking for|hiring|this role)\b", re.I)


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
    return _plain_quotes(markdown_inline(clip(text, limit)))


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
    letter = _Letter.gather(
        posting=posting,
        resume=resume,
        research_report=research_report,
        additional_context=additional_context,
        applicant_name=applicant_name,
    )
    return letter.blocks(_paragraphs_for_a_page(letter), today)


@dataclass(frozen=True)
class _Letter:
    """What the letter may say, gathered once. Text from the posting or the resume is already
    made safe for Markdown; posting skills the resume lacks are never named, not even when
    quoting the posting."""

    posting: PostingAnalysis
    resume: ParsedResume
    additional_context: str
    skills_shown: set[str]  # every skill the resume shows
    company: str
    role: str
    name: str
    matched_names: list[str]  # up to four skills the posting asks for and the resume shows
    own_summary: list[str]  # the sentences of the resume's own summary
    responsibilities: list[str]  # from the posting, naming no skill the resume lacks
    about: list[str]  # the posting's words about the company, naming no skill the resume lacks
    education: str

    @classmethod
    def gather(
        cls,
        *,
        posting: PostingAnalysis,
        resume: ParsedResume,
        research_report: str,
        additional_context: str,
        applicant_name: str,
    ) -> "_Letter":
        has = resume.skill_names()
        missing = {d.skill.name for d in posting.skills if d.skill.name not in has}
        return cls(
            posting=posting,
            resume=resume,
            additional_context=additional_context,
            skills_shown=has,
            company=markdown_inline(posting.company) if posting.company else "",
            role=markdown_inline(posting.role or "open"),
            name=_signature(applicant_name, resume),
            matched_names=_matched_names(posting, resume, has, research_report),
            own_summary=[
                s
                for section in resume.sections_of(SUMMARY)
                for p in section.paragraphs
                for s in sentences_split(p)
            ],
            responsibilities=[r for r in posting.responsibilities if not _names_any(r, missing)],
            about=[
                b for b in posting.company_blurb if not _HIRING_TALK.search(b) and not _names_any(b, missing)
            ],
            education=_education_sentence(resume),
        )

    def paragraphs(self, evidence_count: int, context_limit: int, fuller: bool) -> list[str]:
        """The body: opening, achievements, what the role needs, the applicant's words, closing."""
        paragraphs = [self._opening()]
        evidence = _evidence(self.resume, self.posting, self.skills_shown, evidence_count)
        if evidence:
            paragraphs.append(" ".join(evidence))
        understanding = self._understanding(fuller)
        if understanding:
            paragraphs.append(" ".join(understanding))
        context = _applicant_context(self.additional_context, context_limit)
        if context:
            paragraphs.append(f"In my own words: “{context}”")
        closing = "I would welcome the chance to talk about how I can contribute"
        closing += f" to {self.company}." if self.company else " to your team."
        paragraphs.append(f"{closing} Thank you for your time and consideration.")
        return paragraphs

    def _opening(self) -> str:
        opening = f"I am writing to apply for the {self.role} position"
        opening += f" at {self.company}." if self.company else "."
        if self.responsibilities:
            focus = clip(first_letter_lower(self.responsibilities[0]).rstrip("."), 140)
            opening += f" The role's focus — {markdown_inline(focus)} — is the kind of work I want to do."
        title = self.resume.recent_title()
        return f"{opening} {self._introduction(title)}" if title else opening

    def _introduction(self, title: str) -> str:
        """ "As a Data Engineer with five years of experience, I bring hands-on experience with ..." """
        article = "an" if title[:1].lower() in "aeiou" else "a"
        intro = f"As {article} {markdown_inline(title)}"
        stated = self.resume.stated_years()
        if stated:
            intro += f" with {markdown_inline(stated[1])} of experience"
        if self.matched_names:
            return f"{intro}, I bring hands-on experience with {_join(self.matched_names)}."
        return f"{intro}, I bring a record of delivering results that carries over to this role."

    def _understanding(self, fuller: bool) -> list[str]:
        """Sentences showing what the applicant understood of the role and the company."""
        sentences = []
        if len(self.responsibilities) > 1:
            picks = [
                markdown_inline(clip(first_letter_lower(r).rstrip("."), 110))
                for r in self.responsibilities[1:3]
            ]
            sentences.append(
                sentence_close(
                    f"From the posting, I understand the role also involves: {'; and '.join(picks)}"
                )
            )
        if self.matched_names:
            sentences.append(
                f"My research on the role pointed to {_join(self.matched_names)} as central to it, and that is "
                "where my experience is deepest."
            )
        if self.about and self.company:
            quote = _plain_quotes(markdown_inline(clip(self.about[0].rstrip("."), 200)))
            sentences.append(
                f"I was drawn to {self.company} by how your posting describes it: “{sentence_close(quote)}”"
            )
        if self.education:
            sentences.append(self.education)
        if fuller and self.own_summary:
            sentences.append(
                f"In short, as my resume puts it: {markdown_inline(clip(self.own_summary[-1], 300))}"
            )
        return sentences

    def blocks(self, paragraphs: list[str], today: date) -> list[str]:
        """The whole letter: sender, date, greeting, the paragraphs and the signature."""
        header = [self.name] if self.name else []
        if self.resume.contact:
            header.append(markdown_inline(" · ".join(self.resume.contact)))
        blocks = ["  \n".join(header) + "\n"] if header else []
        blocks.append(f"{today:%B} {today.day}, {today.year}\n")
        blocks.append(f"Dear Hiring Team at {self.company},\n" if self.company else "Dear Hiring Team,\n")
        blocks += [f"{paragraph}\n" for paragraph in paragraphs]
        blocks.append(f"Sincerely,  \n{self.name}\n")
        return blocks


def _paragraphs_for_a_page(letter: _Letter) -> list[str]:
    """Grow the letter one achievement at a time until it fills a page, never past it; then
    with the resume's own summary too; if even the shortest is too long, shorten the notes."""
    chosen = letter.paragraphs(2, 600, fuller=False)
    for fuller in (False, True):
        chosen = _grown(letter, chosen, fuller=fuller)
        if _words(chosen) >= MIN_WORDS:
            break
    if _words(chosen) > MAX_WORDS:
        chosen = letter.paragraphs(2, 200, fuller=False)
    return chosen


def _grown(letter: _Letter, chosen: list[str], *, fuller: bool) -> list[str]:
    """The longest letter with two to six achievements that stays within a page, stopping
    as soon as one fills it."""
    for count in range(2, 7):
        candidate = letter.paragraphs(count, 600, fuller)
        words = _words(candidate)
        if words > MAX_WORDS:
            break
        chosen = candidate
        if words >= MIN_WORDS:
            break
    return chosen


def _words(paragraphs: list[str]) -> int:
    return sum(words_count(paragraph) for paragraph in paragraphs)


def _signature(applicant_name: str, resume: ParsedResume) -> str:
    name = applicant_name.strip() or resume.name
    return markdown_inline(name.title() if name.isupper() else name)


def _matched_names(
    posting: PostingAnalysis, resume: ParsedResume, has: set[str], research_report: str
) -> list[str]:
    """Up to four skills the posting asks for and the resume shows, as the resume words them:
    specific ones first, then those the research singled out, then required ones."""
    researched = skill_names(research_report) if research_report else set()
    matched = [
        d for d in posting.skills if d.skill.name in has and not d.skill.is_soft and not d.skill.is_credential
    ]
    matched.sort(
        key=lambda d: (not d.skill.is_specific, d.skill.name not in researched, d.importance != REQUIRED)
    )
    return [markdown_inline(_skill_phrase(resume, d)) for d in matched[:4]]


def _names_any(text: str, skills: set[str]) -> bool:
    return bool({m.skill.name for m in skills_find(text)} & skills)


def _plain_quotes(text: str) -> str:
    """Straight double quotes inside text the letter quotes, so its own quotes stay paired."""
    return text.replace("“", '"').replace("”", '"')


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"
