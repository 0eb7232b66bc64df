"""The parser's word lists (`vocabulary.json` beside this file), loaded once."""

import itertools
import json
import re
from functools import cache
from pathlib import Path

_WORD = re.compile(r"[a-z0-9][a-z0-9.'&+#-]*")


@cache
def _data() -> dict:
    return json.loads((Path(__file__).with_name("vocabulary.json")).read_text(encoding="utf-8"))


@cache
def section_names() -> dict[str, str]:
    """Every section name, lower case, to its kind (work, education, skills, ...)."""
    return {name: kind for kind, names in _data()["sections"].items() for name in names}


def _words(key: str) -> frozenset[str]:
    return frozenset(_data()[key])


@cache
def title_words() -> frozenset[str]:
    return _words("title_words")


@cache
def employer_words() -> frozenset[str]:
    return _words("employer_words")


@cache
def degree_words() -> frozenset[str]:
    return _words("degree_words")


@cache
def countries() -> frozenset[str]:
    return _words("countries")


@cache
def institution_words() -> frozenset[str]:
    return _words("institution_words")


@cache
def field_words() -> frozenset[str]:
    """Words that name a field of study: a school's name is read back from its school word
    over capitalised words and stops at them ("Journalism Boston University")."""
    return _words("field_words")


def words(text: str) -> list[str]:
    """Lower-case words, trailing dots and commas off (so 'Inc.,' reads 'inc.' and 'inc')."""
    return [w.rstrip(",;:") for w in _WORD.findall(text.lower())]


def has_any(text: str, vocabulary: frozenset[str]) -> bool:
    tokens = words(text)
    if any(token in vocabulary or token.rstrip(".") in vocabulary for token in tokens):
        return True
    # Two-word entries ("high school", "bachelor of").
    pairs = {f"{a} {b}" for a, b in itertools.pairwise(tokens)}
    return bool(pairs & vocabulary)
