"""Which resume focus area a posting calls for (plain Python).

The resume library's `focus_area` says what kind of role a resume is written for; the
application page uses it to point at the resume that fits a posting when another one
would be tailored. The words are data (`focus_vocabulary.json`): a phrase in the role
title counts 3, in the posting's text 1 (each phrase once). The area with the highest
score wins if it scores at least 3 and beats the runner-up; otherwise the posting says
too little and there is no suggestion.
"""

import json
import re
from functools import cache
from pathlib import Path

VOCABULARY = Path(__file__).with_name("focus_vocabulary.json")
TITLE_WEIGHT = 3
MINIMUM_SCORE = 3


@cache
def _patterns() -> dict[str, tuple[list[re.Pattern], list[re.Pattern]]]:
    data = json.loads(VOCABULARY.read_text(encoding="utf-8"))

    def compiled(phrases: list[str]) -> list[re.Pattern]:
        return [re.compile(rf"(?<![\w+#.]){re.escape(phrase)}(?![\w+#])", re.I) for phrase in phrases]

    return {
        area: (compiled(words["title"]), compiled(words["text"]))
        for area, words in data.items()
        if not area.startswith("_")
    }


def focus_scores(*, title: str, text: str) -> dict[str, int]:
    """Each focus area's score for a posting."""
    return {
        area: TITLE_WEIGHT * sum(bool(p.search(title)) for p in in_title)
        + sum(bool(p.search(text)) for p in in_text)
        for area, (in_title, in_text) in _patterns().items()
    }


def posting_focus(*, title: str, text: str) -> str | None:
    """The focus area (`software_development`, `data_science`, `management`, `consulting`)
    the posting is clearly about, or None."""
    ranked = sorted(focus_scores(title=title, text=text).items(), key=lambda item: -item[1])
    (best, score), (_, runner_up) = ranked[0], ranked[1]
    if score < MINIMUM_SCORE or score == runner_up:
        return None
    return best
