"""Skill and tool terms: the shared vocabulary's matcher, with its synonyms folded in.

"Postgres" and "PostgreSQL" are one term; soft skills ("communication") are not facts
the guard checks.
"""

from dataclasses import dataclass

from processing.offline.skill_vocabulary import SOFT_CATEGORY, skills_find


@dataclass(frozen=True)
class Term:
    name: str  # the canonical name
    start: int
    end: int
    surface: str
    is_credential: bool


def terms_find(text: str) -> list[Term]:
    return [
        Term(m.skill.name, m.start, m.end, m.surface, m.skill.is_credential)
        for m in skills_find(text)
        if m.skill.category != SOFT_CATEGORY
    ]


def skill_names(text: str) -> set[str]:
    return {term.name for term in terms_find(text)}
