"""The term table (`terms.json`) and the word-level matching that finds its terms in text.

Text is cut into word tokens and each token is lightly stemmed, so word forms meet
("reconciliation", "reconciled" and "reconcile" share the stem "reconcil"). A term is found
where the stems of one of its names (the term or a synonym) appear in a row, longest name
first, so "SQL Server" is not read as "SQL". Linear in the text: one dictionary lookup a
token, no backtracking.
"""

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

TERMS_FILE = Path(__file__).resolve().parent / "terms.json"

# A word: letters and digits, with inner ".", "&", "'", "+" or "#" kept ("node.js", "c++", "p&l").
_TOKEN = re.compile(
    r"(?<![A-Za-z0-9])\.net\b|[A-Za-z0-9][A-Za-z0-9+#]*(?:[.&'][A-Za-z0-9+#]+)*", re.IGNORECASE
)
# Longest first; what is left must keep four letters so "uses" and "business" stay apart.
_SUFFIXES = (
    "izations",
    "ization",
    "ations",
    "ation",
    "ements",
    "ement",
    "ments",
    "ment",
    "ings",
    "ing",
    "ities",
    "ity",
    "ies",
    "ied",
    "ers",
    "er",
    "ed",
    "es",
    "s",
    "e",
)


@dataclass(frozen=True)
class Term:
    name: str
    category: str
    synonyms: tuple[str, ...]
    implies: tuple[str, ...]
    broad: bool = False  # a practice ("Networking"), not a tool: never part of a stack by mention


class Token(NamedTuple):  # a tuple: texts have thousands of them
    text: str  # as written
    stem: str
    start: int
    end: int


class TermHit(NamedTuple):
    term: Term
    start: int
    end: int


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A word's light stem: lower case, a common suffix and a trailing "i" or "e" taken off."""
    word = word.lower().replace("'", "")
    if len(word) <= 4 or not word.isalpha():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    if word[-1] in "ie" and len(word) > 5:
        word = word[:-1]
    return word


def tokens(text: str) -> list[Token]:
    return [Token(m.group(0), stem(m.group(0)), m.start(), m.end()) for m in _TOKEN.finditer(text)]


@dataclass(frozen=True)
class _Name:
    term: Term
    exact: tuple[str, ...] | None  # the words as they must be written, when case or form matters
    folded: bool  # `exact` compares in lower case (an unstemmed name)
    standalone: bool  # counts only where a list goes on or ends after it


@dataclass(frozen=True)
class _Table:
    terms: dict[str, Term]
    names: dict[tuple[str, ...], tuple[_Name, ...]]
    longest: dict[str, int]  # for each first stem, the most words a name starting with it has


@cache
def _table() -> _Table:
    raw = json.loads(TERMS_FILE.read_text(encoding="utf-8"))
    terms: dict[str, Term] = {}
    names: dict[tuple[str, ...], list[_Name]] = {}
    for entry in raw["terms"]:
        term = Term(
            entry["term"],
            entry["category"],
            tuple(entry.get("synonyms", ())),
            tuple(entry.get("implies", ())),
            bool(entry.get("broad")),
        )
        terms[term.name] = term
        for name in (term.name, *term.synonyms):
            words = tokens(name)
            key = tuple(token.stem for token in words)
            if not key:
                continue
            bucket = names.setdefault(key, [])
            name_ = _name(term, words, entry)
            same = [index for index, existing in enumerate(bucket) if existing.term == term]
            if not same:
                bucket.append(name_)
            elif bucket[same[0]].exact is not None and name_.exact is None:
                bucket[same[0]] = name_  # "spring boot" in any case beats "Spring Boot" as written
    longest: dict[str, int] = {}
    for key in names:
        longest[key[0]] = max(longest.get(key[0], 0), len(key))
    return _Table(terms, {key: tuple(bucket) for key, bucket in names.items()}, longest)


def _name(term: Term, words: list[Token], entry: dict) -> _Name:
    written = tuple(token.text for token in words)
    cased = bool(entry.get("case")) and any(letter.isupper() for word in written for letter in word)
    folded = bool(entry.get("unstemmed")) and not cased
    exact = written if cased else tuple(word.lower() for word in written) if folded else None
    standalone = bool(entry.get("standalone")) and len(written) == 1
    return _Name(term, exact, folded, standalone)


def _name_fits(name: _Name, text: str, words: list[Token], i: int, size: int) -> bool:
    if name.exact is not None:
        written = tuple(w.text.lower() if name.folded else w.text for w in words[i : i + size])
        if written != name.exact:
            return False
    if not name.standalone:
        return True
    before = text[: words[i].start].rstrip()[-1:]
    after = text[words[i + size - 1].end :].lstrip()
    return (
        before in (",", "/", "(")
        or after[:1] in ("", ",", ";", "/", ")")
        or after.startswith(("and ", "or "))
    )


@cache
def generic_stems() -> frozenset[str]:
    """Stems of words too common in postings to stand for a requirement on their own."""
    raw = json.loads(TERMS_FILE.read_text(encoding="utf-8"))
    return frozenset(stem(word) for word in raw["generic_words"])


def term_get(name: str) -> Term | None:
    return _table().terms.get(name)


def terms_find(text: str, words: list[Token] | None = None) -> list[TermHit]:
    """Every term named in `text` (whose `tokens` may be given), in order; at each word the
    longest name wins."""
    table = _table()
    words = tokens(text) if words is None else words
    hits: list[TermHit] = []
    i = 0
    while i < len(words):
        if words[i].stem not in table.longest:  # most words start no name: one lookup
            i += 1
            continue
        size = _longest_name_at(table, text, words, i, hits)
        i += size or 1
    return hits


def _longest_name_at(table: _Table, text: str, words: list[Token], i: int, hits: list[TermHit]) -> int:
    longest = table.longest.get(words[i].stem, 0)
    for size in range(min(longest, len(words) - i), 0, -1):
        key = tuple(word.stem for word in words[i : i + size])
        for name in table.names.get(key, ()):
            if _name_fits(name, text, words, i, size):
                hits.append(TermHit(name.term, words[i].start, words[i + size - 1].end))
                return size
    return 0


def term_names(text: str, words: list[Token] | None = None) -> set[str]:
    """The names of the terms `text` mentions, with the terms they imply."""
    found: set[str] = set()
    for hit in terms_find(text, words):
        found.add(hit.term.name)
        found.update(hit.term.implies)
    return found
