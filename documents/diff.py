"""A readable difference between two versions of a document (plain Python, `difflib`).

Lines are compared first; a line that was rewritten shows the words that changed inside it.
Long runs of unchanged lines fold to a count, with a few lines of context kept around each
change. The work is bounded: word-level comparison, quadratic at worst in a line's words,
runs on lines of reasonable length and within a budget for the whole document (past it, a
rewritten line shows as removed and added whole); `difflib`'s junk heuristic keeps the
line comparison of repetitive documents fast.
"""

import difflib
import re
from dataclasses import dataclass

# Unchanged lines shown around each change; longer unchanged runs fold to a count.
CONTEXT_LINES = 3
# Lines longer than this are not compared word by word.
MAX_WORD_DIFF_CHARS = 2000
# Word comparisons of a whole diff: the sum over rewritten lines of old words × new words
# (about a quarter of a second of work at worst; a real resume's rewrite uses under 1%).
WORD_DIFF_BUDGET = 4_000_000
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass(frozen=True)
class DiffPiece:
    text: str
    changed: bool


@dataclass(frozen=True)
class DiffLine:
    """One row of the difference: `kind` is same, removed, added or skipped (`skipped`
    unchanged lines folded away); the numbers are the line's in the old and new text."""

    kind: str
    pieces: tuple[DiffPiece, ...] = ()
    old_number: int | None = None
    new_number: int | None = None
    skipped: int = 0


@dataclass(frozen=True)
class TextDiff:
    lines: tuple[DiffLine, ...]
    added: int
    removed: int

    @property
    def identical(self) -> bool:
        return not (self.added or self.removed)


def _word_pieces(
    old: str, new: str, budget: list[int]
) -> tuple[tuple[DiffPiece, ...], tuple[DiffPiece, ...]]:
    """The two lines as pieces, the words that differ marked changed (whole lines past the
    length limit or the remaining `budget`, which this spends)."""
    if len(old) > MAX_WORD_DIFF_CHARS or len(new) > MAX_WORD_DIFF_CHARS:
        return _whole(old), _whole(new)
    old_tokens, new_tokens = _TOKENS.findall(old), _TOKENS.findall(new)
    cost = len(old_tokens) * len(new_tokens)
    if cost > budget[0]:
        return _whole(old), _whole(new)
    budget[0] -= cost
    old_pieces: list[DiffPiece] = []
    new_pieces: list[DiffPiece] = []
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        changed = tag != "equal"
        if i2 > i1:
            old_pieces.append(DiffPiece("".join(old_tokens[i1:i2]), changed))
        if j2 > j1:
            new_pieces.append(DiffPiece("".join(new_tokens[j1:j2]), changed))
    return tuple(old_pieces), tuple(new_pieces)


def _whole(text: str) -> tuple[DiffPiece, ...]:
    return (DiffPiece(text, True),) if text else ()


def text_diff(old: str, new: str, *, context: int = CONTEXT_LINES) -> TextDiff:
    """What changed from `old` to `new`, line by line and, in rewritten lines, word by word."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines)
    rows: list[DiffLine] = []
    added = removed = 0
    budget = [WORD_DIFF_BUDGET]
    opcodes = matcher.get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            rows.extend(
                _unchanged(
                    old_lines, i1, i2, j1, first=index == 0, last=index == len(opcodes) - 1, context=context
                )
            )
            continue
        removed += i2 - i1
        added += j2 - j1
        old_rows, new_rows = [], []
        for offset in range(max(i2 - i1, j2 - j1)):
            old_text = old_lines[i1 + offset] if i1 + offset < i2 else None
            new_text = new_lines[j1 + offset] if j1 + offset < j2 else None
            if old_text is not None and new_text is not None:
                old_pieces, new_pieces = _word_pieces(old_text, new_text, budget)
            else:
                old_pieces, new_pieces = _whole(old_text or ""), _whole(new_text or "")
            if old_text is not None:
                old_rows.append(DiffLine("removed", old_pieces, old_number=i1 + offset + 1))
            if new_text is not None:
                new_rows.append(DiffLine("added", new_pieces, new_number=j1 + offset + 1))
        rows.extend(old_rows + new_rows)
    return TextDiff(lines=tuple(rows), added=added, removed=removed)


def _unchanged(
    lines: list[str], i1: int, i2: int, j1: int, *, first: bool, last: bool, context: int
) -> list[DiffLine]:
    """An unchanged run: the lines next to changes, the rest folded into one skipped row."""
    keep_before = 0 if first else context  # lines after the previous change
    keep_after = 0 if last else context  # lines before the next change
    count = i2 - i1
    if count <= keep_before + keep_after + 1:
        shown = [range(count)]
    else:
        shown = [range(keep_before), range(count - keep_after, count)]

    def row(offset: int) -> DiffLine:
        text = lines[i1 + offset]
        return DiffLine("same", (DiffPiece(text, False),) if text else (), i1 + offset + 1, j1 + offset + 1)

    rows = [row(offset) for offset in shown[0]]
    if len(shown) == 2:
        rows.append(DiffLine("skipped", skipped=count - keep_before - keep_after))
        rows.extend(row(offset) for offset in shown[1])
    return rows
