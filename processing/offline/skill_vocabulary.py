"""A curated vocabulary of skills, tools, methods and domain terms, and a fast matcher.

The vocabulary lives in `vocabularies/skills.txt`: each entry has a canonical name, a
category and aliases. Matching works on word tokens (longest alias first), so it is linear
in the text and cannot backtrack. Aliases are case-insensitive unless marked: `=Word` must
match with exactly that case, `~Word` must also stand alone (followed by punctuation, a line
end or a word like "and"), which keeps "Go above and beyond" from counting as the Go language.
"""

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .vocabularies import grouped_list, word_list

_TOKEN = re.compile(
    r"(?<![A-Za-z0-9])\.NET(?![A-Za-z0-9])|[A-Za-z0-9][A-Za-z0-9+#]*(?:[./&'][A-Za-z0-9+#]+)*"
)

# Categories where mentioning the posting's wording next to the resume's is safe and
# useful; degrees and certifications are credentials, never re-labelled.
CREDENTIAL_CATEGORIES = frozenset({"Certifications", "Degrees"})
SOFT_CATEGORY = "Soft skills"
# Broad practices ("Back-end development", "REST APIs"): real ATS keywords, but too generic
# to headline a summary or a question.
BROAD_CATEGORIES = frozenset({"Software engineering practices", SOFT_CATEGORY, *CREDENTIAL_CATEGORIES})


@dataclass(frozen=True)
class Skill:
    name: str
    category: str

    @property
    def is_credential(self) -> bool:
        return self.category in CREDENTIAL_CATEGORIES

    @property
    def is_soft(self) -> bool:
        return self.category == SOFT_CATEGORY

    @property
    def is_specific(self) -> bool:
        """A concrete tool, language or domain skill, not a broad practice or a soft skill."""
        return self.category not in BROAD_CATEGORIES


@dataclass(frozen=True)
class _Alias:
    skill: Skill
    exact: tuple[str, ...] | None  # the case-exact tokens, when case matters
    standalone: bool


@dataclass(frozen=True)
class SkillMention:
    skill: Skill
    start: int
    end: int
    surface: str  # the words as written in the text


def tokens_find(text: str) -> list[re.Match]:
    return list(_TOKEN.finditer(text))


def _alias_tokens(alias: str) -> tuple[str, ...]:
    return tuple(m.group(0) for m in _TOKEN.finditer(alias))


def _skill_entries() -> list[tuple[Skill, list[str]]]:
    """(skill, its aliases with their `=`/`~` markers, the name first) from `skills.txt`."""
    entries = []
    for category, lines in grouped_list("skills.txt"):
        for line in lines:
            name_part, _, alias_part = line.partition("|")
            skill = Skill(name=name_part.strip().lstrip("=~"), category=category)
            aliases = [name_part.strip()] + [a.strip() for a in alias_part.split(",") if a.strip()]
            entries.append((skill, aliases))
    return entries


@cache
def _index() -> tuple[dict[str, list[_Alias]], dict[str, int]]:
    index: dict[str, list[_Alias]] = {}
    for skill, aliases in _skill_entries():
        for alias in aliases:
            marker = alias[0] if alias[0] in "=~" else ""
            tokens = _alias_tokens(alias.lstrip("=~"))
            if not tokens:
                continue
            key = " ".join(t.lower() for t in tokens)
            entry = _Alias(skill=skill, exact=tokens if marker else None, standalone=marker == "~")
            bucket = index.setdefault(key, [])
            # A case-insensitive alias makes any exact-case one for the same key redundant.
            if not any(e.skill == skill and e.exact is None for e in bucket):
                bucket.append(entry)
    # For each first word of an alias, the longest alias starting with it: most words of a
    # text start no alias at all and cost one dictionary lookup.
    first_words: dict[str, int] = {}
    for key in index:
        words = key.split(" ")
        first_words[words[0]] = max(first_words.get(words[0], 0), len(words))
    return index, first_words


def _standalone_ok(text: str, start: int, end: int, next_token: str | None) -> bool:
    """A stand-alone alias must end its phrase: "Go," "Go)" "Go and Rust", not "Go above"."""
    after = text[end : end + 1]
    if not after or after in ",;/)\n|":
        return True
    if after == ".":
        # "in Go." counts; "R." is more likely an initial.
        return end - start > 1
    if after == " " and next_token is not None:
        return next_token.lower() in word_list("skill_standalone_followers.txt")
    return after == " "


def skills_find(text: str) -> list[SkillMention]:
    """Every vocabulary skill mentioned in `text`, in order, longest alias first."""
    return list(_skills_find(text))


def skills_cache_clear() -> None:
    """Forget cached look-ups (they hold user text): called when a document is finished."""
    _skills_find.cache_clear()


@lru_cache(maxsize=8192)
def _skills_find(text: str) -> tuple[SkillMention, ...]:
    tokens = _Tokens(text)
    found: list[SkillMention] = []
    i = 0
    while i < len(tokens.matches):
        hit = _longest_alias_at(tokens, i)
        if hit:
            found.append(hit[0])
            i += hit[1]
        else:
            found.extend(_slash_parts(tokens.matches[i]))
            i += 1
    return tuple(found)


class _Tokens:
    """A text's word tokens, as written and in lower case."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.matches = tokens_find(text)
        self.originals = [m.group(0) for m in self.matches]
        self.lowered = [token.lower() for token in self.originals]


def _longest_alias_at(tokens: _Tokens, i: int) -> tuple[SkillMention, int] | None:
    """The longest alias starting at token `i`, with the number of tokens it spans."""
    index, first_words = _index()
    longest = first_words.get(tokens.lowered[i], 0)
    for size in range(min(longest, len(tokens.matches) - i), 0, -1):
        for alias in index.get(" ".join(tokens.lowered[i : i + size]), ()):
            mention = _alias_mention(tokens, i, size, alias)
            if mention:
                return mention, size
    return None


def _alias_mention(tokens: _Tokens, i: int, size: int, alias: _Alias) -> SkillMention | None:
    """The mention of `alias` in tokens i to i + size, if its case and stand-alone rules hold."""
    if alias.exact is not None and tuple(tokens.originals[i : i + size]) != alias.exact:
        return None
    start, end = tokens.matches[i].start(), tokens.matches[i + size - 1].end()
    if alias.standalone:
        next_token = tokens.originals[i + size] if i + size < len(tokens.matches) else None
        if not _standalone_ok(tokens.text, start, end, next_token):
            return None
    return SkillMention(alias.skill, start, end, tokens.text[start:end])


def _slash_parts(token: re.Match) -> list[SkillMention]:
    """ "HTML/CSS", "Java/Kotlin": each part that is a skill on its own."""
    if "/" not in token.group(0):
        return []
    index, _ = _index()
    found = []
    offset = token.start()
    for part in token.group(0).split("/"):
        alias = next(
            (a for a in index.get(part.lower(), ()) if a.exact in (None, (part,)) and not a.standalone), None
        )
        if alias:
            found.append(SkillMention(alias.skill, offset, offset + len(part), part))
        offset += len(part) + 1
    return found


def skill_names(text: str) -> set[str]:
    return {mention.skill.name for mention in skills_find(text)}
