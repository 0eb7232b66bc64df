"""Where every line of a tailored resume comes from (SPEC §9.3): "What changed".

Each tailored line with the source lines it rewrites, the posting keywords it carries,
and how it changed (`kept`, `reworded`, `reordered`, `summary`); the source lines no line
uses are `dropped`. Built from the draft the provider returned, so it is exact, not guessed.
"""

from processing.guard.facts import normalise
from processing.tailoring.draft import Draft, source_index


def _keywords(text: str, posting_keywords: list[str]) -> list[str]:
    haystack = f" {normalise(text)} "
    return [k for k in posting_keywords if f" {normalise(k)} " in haystack]


def _change(
    text: str, source_ids: list[str], known: dict[str, str], position: int, original: dict[str, int]
) -> str:
    if len(source_ids) == 1 and normalise(known[source_ids[0]]) == normalise(text):
        return "kept" if original.get(source_ids[0]) == position else "reordered"
    return "reworded"


def provenance_build(
    *, draft: Draft, structure: dict, posting_keywords: list[str], version: int, violations: list
) -> dict:
    known = source_index(structure)
    lines, used = [], set()
    if draft.summary is not None:
        used.update(draft.summary.source_ids)
        lines.append(
            {
                "text": draft.summary.text,
                "section": "summary",
                "source_ids": draft.summary.source_ids,
                "source_text": [known[i] for i in draft.summary.source_ids],
                "keywords": _keywords(draft.summary.text, posting_keywords),
                "change": "summary",
            }
        )
    for section, entries, sources in (
        ("experience", draft.roles, structure.get("work", [])),
        ("projects", draft.projects, structure.get("projects", [])),
    ):
        for entry in sources:
            original = {h["id"]: n for n, h in enumerate(entry.get("highlights", []))}
            for position, bullet in enumerate(entries.get(entry["id"], [])):
                used.update(bullet.source_ids)
                lines.append(
                    {
                        "text": bullet.text,
                        "section": section,
                        "source_ids": bullet.source_ids,
                        "source_text": [known[i] for i in bullet.source_ids],
                        "keywords": _keywords(bullet.text, posting_keywords),
                        "change": _change(bullet.text, bullet.source_ids, known, position, original),
                    }
                )
    highlights = {
        h["id"]
        for entry in [*structure.get("work", []), *structure.get("projects", [])]
        for h in entry["highlights"]
    }
    dropped = [
        {"source_id": i, "source_text": t} for i, t in known.items() if i in highlights and i not in used
    ]
    return {
        "document_version": version,
        "lines": lines,
        "dropped": dropped,
        "guard": {
            "passed": not violations,
            "violations": [{"kind": v.kind, "text": v.text, "message": v.message} for v in violations],
        },
    }
