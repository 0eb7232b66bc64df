"""The offline writer's word lists, read once from the text files in `vocabularies/`.

Two plain formats: a list (one entry a line) and a grouped list (entries under `## group`
lines, in file order). Blank lines and lines starting with "# " are skipped.
"""

import json
import re
from functools import cache
from pathlib import Path
from types import MappingProxyType

VOCABULARIES = Path(__file__).resolve().parent / "vocabularies"


@cache
def _entries(name: str) -> tuple[str, ...]:
    text = (VOCABULARIES / name).read_text(encoding="utf-8")
    return tuple(
        line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("# ")
    )


@cache
def word_list(name: str) -> frozenset[str]:
    """The entries of a list file, e.g. `posting_stopwords.txt`."""
    return frozenset(_entries(name))


@cache
def grouped_list(name: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(group, entries) pairs of a grouped file, in file order; a group may appear twice."""
    groups: list[tuple[str, list[str]]] = []
    for entry in _entries(name):
        if entry.startswith("## "):
            groups.append((entry[3:].strip(), []))
        elif groups:
            groups[-1][1].append(entry)
        else:
            raise ValueError(f"{name}: {entry!r} comes before the first `## group` line")
    return tuple((group, tuple(entries)) for group, entries in groups)


@cache
def number_words() -> MappingProxyType[str, int]:
    """Numbers postings and resumes spell out ("five years of experience")."""
    return MappingProxyType(json.loads((VOCABULARIES / "number_words.json").read_text(encoding="utf-8")))


def alternation(words) -> str:
    """A regex alternation of literal words, longest first so no word hides a longer one."""
    return "|".join(re.escape(word) for word in sorted(words, key=lambda word: (-len(word), word)))
