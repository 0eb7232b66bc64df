"""The offline writer's tailored resume and cover letter, honest by construction.

It works on the resume's structure and only selects, orders and lightly rewords what is
there: the bullets that carry the posting's terms come first, the summary is composed of
facts (the latest title, the years the dates span, the user's own skills the posting
asks for), and the letter's every claim is a source line or a source fact. No number is
made up, no employer or skill is added, the user's guidance is never quoted.
"""

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from processing.guard.terms import skill_names, terms_find
from processing.tailoring.draft import Bullet, Draft

RECENT_ROLES = 3
BULLETS_RECENT, BULLETS_OLDER = 6, 3
SKILLS_MAX = 24
_FIRST_WORD = re.compile(r"^([A-Za-z][a-z]+)\b")
_TRAILING = re.compile(r"[\s,;:–—-]+$")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Posting:
    text: str
    company: str
    role_title: str

    @property
    def terms(self) -> set[str]:
        return skill_names(self.text)


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _clean(text: str) -> str:
    """Whitespace tidied and one closing full stop: the only changes made to a kept line."""
    text = _TRAILING.sub("", _SPACES.sub(" ", text).strip())
    if text and text[-1] not in ".!?":
        text += "."
    return text[:1].upper() + text[1:]


def _terms_in(text: str, wanted: set[str]) -> set[str]:
    return {term.name for term in terms_find(text)} & wanted


def _years_span(structure: dict, today: date) -> int:
    starts = [
        int(r["startDate"][:4]) for r in structure.get("work", []) if r.get("startDate", "")[:4].isdigit()
    ]
    ends = [
        today.year if r.get("endDate") == "present" else int(r["endDate"][:4])
        for r in structure.get("work", [])
        if r.get("endDate") == "present" or r.get("endDate", "")[:4].isdigit()
    ]
    if not starts:
        return 0
    return max([*ends, *starts]) - min(starts)


def _ranked_bullets(role: dict, wanted: set[str], limit: int) -> list[Bullet]:
    """The role's highlights that speak to the posting first, then in the user's own order."""
    scored = [
        (-len(_terms_in(h["text"], wanted)), index, h)
        for index, h in enumerate(role.get("highlights", []))
        if len(h["text"].split()) >= 3
    ]
    chosen = sorted(scored)[:limit]
    return [Bullet(_clean(h["text"]), [h["id"]]) for _, _, h in chosen]


def _own_skills(structure: dict, wanted: set[str]) -> list[str]:
    keywords = [k for group in structure.get("skills", []) for k in group.get("keywords", []) if len(k) <= 40]
    unique = list(dict.fromkeys(keywords))
    first = [k for k in unique if skill_names(k) & wanted]
    return (first + [k for k in unique if k not in first])[:SKILLS_MAX]


def _summary(structure: dict, posting: Posting, today: date) -> Bullet | None:
    """The user's own summary kept as written, or one made of facts: 'Senior Accountant with
    20 years of experience.'; then the user's own skills the posting asks for."""
    work = structure.get("work", [])
    # The user's own skills, in their own words, that the posting asks for.
    matched = [k for k in _own_skills(structure, posting.terms) if skill_names(k) & posting.terms][:4]
    skill_ids = [group["id"] for group in structure.get("skills", [])][:1] if matched else []
    if structure.get("summary"):
        lead, sources = _clean(structure["summary"]), ["summary"]
    else:
        latest = next((r for r in work if r.get("position")), None)
        title = (latest or {}).get("position") or structure.get("basics", {}).get("label", "")
        if not title:
            return None
        years = _years_span(structure, today)
        lead = (f"{title} with {years} years of experience" if years >= 2 else title) + "."
        sources = [r["id"] for r in work[:1]] or ["summary"]
    if matched:
        lead += f" Key skills: {', '.join(matched)}."
    return Bullet(lead, sources + skill_ids)


def tailored_draft(structure: dict, posting: Posting, *, today: date) -> Draft:
    wanted = posting.terms
    draft = Draft(summary=_summary(structure, posting, today), skills=_own_skills(structure, wanted))
    for index, role in enumerate(structure.get("work", [])):
        limit = BULLETS_RECENT if index < RECENT_ROLES else BULLETS_OLDER
        draft.roles[role["id"]] = _ranked_bullets(role, wanted, limit)
    for project in structure.get("projects", [])[:3]:
        draft.projects[project["id"]] = _ranked_bullets(project, wanted, 3)
    return draft


# --- the cover letter -------------------------------------------------------------------------


@cache
def _verbs() -> tuple[frozenset[str], dict[str, str]]:
    data = json.loads(Path(__file__).with_name("verbs.json").read_text(encoding="utf-8"))
    return frozenset(data["base"]), data["irregular_past"]


def _verb_base(word: str) -> str | None:
    """'Manage' → 'manage', 'Manages' → 'manage', 'Managed' → 'manage'; None for a non-verb."""
    base, irregular = _verbs()
    lowered = word.lower()
    past = {value: key for key, value in irregular.items()}
    candidates = [lowered, lowered[:-1], lowered[:-2], past.get(lowered, "")]
    if lowered.endswith("ing"):  # "Implementing", "Utilizing", "Running"
        stem = lowered[:-3]
        candidates += [stem, stem + "e", stem[:-1]]
    for candidate in candidates:
        if candidate in base:
            return candidate
    if lowered.endswith("ied") and lowered[:-3] + "y" in base:
        return lowered[:-3] + "y"
    if lowered.endswith("ies") and lowered[:-3] + "y" in base:
        return lowered[:-3] + "y"
    return None


def _past(verb: str) -> str:
    irregular = _verbs()[1]
    if verb in irregular:
        return irregular[verb]
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ied"
    return verb + "ed"


def _as_first_person(text: str, *, current: bool) -> str | None:
    """'Prepared the budget' → 'I prepared the budget'; 'Manage budgets' → 'I manage budgets'
    in a current role, 'I managed budgets' in an earlier one. None for a line that does not
    open with a known verb ("Self-starter who…", "Supervisor: …"): a letter does not quote it."""
    text = _clean(text)
    words = text.split(" ", 2)
    adverb = ""
    if len(words) > 1 and words[0].lower().endswith("ly") and _verb_base(words[1]):
        adverb, words = words[0].lower() + " ", words[1:]
    verb = _verb_base(words[0].rstrip(","))
    if verb is None:
        return None
    first = words[0].lower().rstrip(",")
    if current and first.endswith("ing"):
        return f"I {adverb}am {first} {' '.join(words[1:])}".rstrip()
    joined, rest = _coordinated_verbs(first, " ".join(words[1:]))
    keeps_tense = current and not first.endswith("ed")
    said = [base if keeps_tense else _past(base) for base in (verb, *joined)]
    return f"I {adverb}{_and_list(said)} {rest}".rstrip()


def _inflection(word: str) -> str:
    if word.endswith(("ed", "ing")):
        return word[-2:] if word.endswith("ed") else "ing"
    return "s" if word.endswith("s") and not word.endswith("ss") else "base"


def _coordinated_verbs(first: str, rest: str) -> tuple[list[str], str]:
    """The verbs joined to the line's first one ('Hires trains, and supervises staff' →
    ['train', 'supervise'], 'staff'), and the text after them. A run counts only when its
    verbs are in the first one's form and it ends in 'and'/'or' and a verb, so 'Manage
    budgets and reports' keeps its nouns."""
    tokens, form, bases = rest.split(" "), _inflection(first), []
    for index, token in enumerate(tokens):
        word = token.lower().rstrip(",")
        if word in ("and", "or"):
            following = tokens[index + 1].lower().rstrip(",") if index + 1 < len(tokens) else ""
            base = _verb_base(following) if following else None
            if base is None or _inflection(following) != form:
                break
            return [*bases, base], " ".join(tokens[index + 2 :])
        base = _verb_base(word)
        if base is None or _inflection(word) != form:
            break
        bases.append(base)
    return [], rest


# Titles that read without an article: "as Head of Sales", "as Director of Finance".
_NO_ARTICLE = re.compile(r"(?i)^(?:head|chief|vice|vp|president|founder|co-?founder|owner|partner)\b|\bof\b")
# Acronyms whose first letter is spoken with a vowel sound: "an SQL Developer", "an RN".
_VOWEL_SOUND_LETTERS = "AEFHILMNORSX"


def _as_title(position: str) -> str:
    """'a Machine Learning Engineer', 'an Associate Fund Controller', 'Head of Product'."""
    if _NO_ARTICLE.search(position):
        return position
    first = position.split()[0]
    if first.isupper() and len(first) <= 4:
        vowel = first[0] in _VOWEL_SOUND_LETTERS
    elif first[0] in "Uu":
        vowel = not re.match(r"(?i)u(?:ni|s[aeu]|x)", first)  # "a Unit Manager", "an Underwriter"
    else:
        vowel = first[0] in "AEIOaeio"
    return f"{'an' if vowel else 'a'} {position}"


def _role_phrase(role: dict) -> str:
    position, employer = role.get("position", ""), role.get("name", "")
    if position and employer:
        return f"as {_as_title(position)} at {employer}"
    return f"at {employer}" if employer else f"as {_as_title(position)}" if position else "in my last role"


# How a letter or an email greets, opens and signs off in each tone.
TONE_WORDS = {
    "formal": {
        "greeting": "Dear {company} hiring team,",
        "closing": "I would welcome the chance to talk about how I can help your team.",
        "sign_off": "Sincerely,",
    },
    "warm": {
        "greeting": "Hello {company} team,",
        "closing": "Thank you for reading. I would love to talk about how I could help your team.",
        "sign_off": "Warm regards,",
    },
    "concise": {
        "greeting": "Dear {company} team,",
        "closing": "I would be glad to talk.",
        "sign_off": "Best regards,",
    },
}


def tone_words(tone: str, company: str) -> dict[str, str]:
    words = dict(TONE_WORDS.get(tone, TONE_WORDS["formal"]))
    greeting = words["greeting"].format(company=company) if company else "Dear hiring team,"
    return {**words, "greeting": greeting}


def display_name(structure: dict) -> str:
    name = structure.get("basics", {}).get("name", "")
    return name.title() if name.isupper() else name  # "JOHN DOE" on a resume heading


def own_lines(structure: dict, posting: Posting, *, roles: int, per_role: int) -> list[str]:
    """The user's own lines about what they did, in the first person, most relevant first:
    'Most recently, I worked as X at Y. I cut …'."""
    work = structure.get("work", [])
    paragraph = []
    for role in work[:roles]:
        current = role.get("endDate") == "present"
        said = [
            line
            for b in _ranked_bullets(role, posting.terms, 8)
            if (line := _as_first_person(b.text, current=current))
        ]
        if role is work[0]:
            lead = (
                f"Currently, I work {_role_phrase(role)}."
                if current
                else f"Most recently, I worked {_role_phrase(role)}."
            )
        else:
            lead = f"Before that, I worked {_role_phrase(role)}."
        paragraph.append(lead)
        paragraph.extend(said[:per_role])
    return paragraph


def matched_skills(structure: dict, posting: Posting, limit: int = 4) -> list[str]:
    """The user's own skills, in their words, that the posting asks for."""
    return [k for k in _own_skills(structure, posting.terms) if skill_names(k) & posting.terms][:limit]


def cover_letter(
    structure: dict, posting: Posting, *, today: date, tone: str = "formal", length: str = "standard"
) -> str:
    """The letter in `tone` (formal, warm or concise: its greeting, opening, closing and
    sign-off) and `length` (short: the latest role and one line of it; standard: two roles
    and two lines each). Every claim is a source line or a source fact."""
    name = display_name(structure)
    basics = structure.get("basics", {})
    words = tone_words(tone, posting.company)
    short = length == "short"
    lines = []
    if name:
        lines += [f"**{name}**", ""]
    contact = " · ".join(p for p in (basics.get("email", ""), basics.get("phone", "")) if p)
    if contact:
        lines += [contact, ""]
    lines += [f"{today.strftime('%B')} {today.day}, {today.year}", ""]
    lines += [f"Hiring team, {posting.company}" if posting.company else "Hiring team", ""]
    lines += [words["greeting"], ""]
    role_title = posting.role_title or "open"
    at = f" at {posting.company}" if posting.company else ""
    opening = {
        "formal": f"I am writing to apply for the {role_title} position{at}.",
        "warm": f"I was glad to see the {role_title} opening{at}, and I am excited to apply.",
        "concise": f"I am applying for the {role_title} position{at}.",
    }.get(tone, f"I am writing to apply for the {role_title} position{at}.")
    lines += [opening, ""]
    roles = 1 if short or tone == "concise" else 2
    paragraph = own_lines(structure, posting, roles=roles, per_role=1 if short else 2)
    if paragraph:
        lines += [" ".join(paragraph), ""]
    own = matched_skills(structure, posting, 3 if short else 4)
    if own:
        lines += [f"Your posting asks for skills my resume lists: {', '.join(own)}.", ""]
    lines += [words["closing"], "", words["sign_off"], ""]
    if name:
        lines.append(name)
    return "\n".join(lines).strip() + "\n"
