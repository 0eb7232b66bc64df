"""Precision and recall of the engine against requirements labelled by hand.

Extraction: a labelled must-have is found when an extracted must-have covers it, i.e. holds
at least COVER_SHARE of the label's content-word stems (or the label holds that share of the
requirement's: a stack requirement "Azure" is covered by "cloud management with Azure").
Recall = labels found / labels; precision = extracted must-haves that cover a label / all
extracted must-haves. Matching: each labelled requirement is matched against the resume; the
engine says "met" when it is `matched` (partial and missing count as not met), compared with
the hand judgement.
"""

from dataclasses import dataclass

from matching.analysis.extraction import MUST, extract_requirements
from matching.analysis.match import requirements_match
from matching.analysis.report import MATCHED
from matching.analysis.vocabulary import generic_stems, tokens

COVER_SHARE = 0.6


@dataclass
class Tally:
    """Precision counts what the engine said (right / said); recall counts the labels (found /
    labelled). For matching both count the same judgements; for extraction one extracted
    requirement may cover several labels, so the two are counted apart."""

    said_right: int = 0
    said: int = 0
    found: int = 0
    labelled: int = 0

    @property
    def precision(self) -> float:
        return self.said_right / self.said if self.said else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else 1.0

    def __add__(self, other: "Tally") -> "Tally":
        return Tally(
            self.said_right + other.said_right,
            self.said + other.said,
            self.found + other.found,
            self.labelled + other.labelled,
        )


def content_stems(text: str) -> set[str]:
    generic = generic_stems()
    return {token.stem for token in tokens(text) if token.stem not in generic and len(token.text) > 1}


def covers(requirement: str, label: str) -> bool:
    wanted, held = content_stems(label), content_stems(requirement)
    if not wanted or not held:
        return False
    shared = len(wanted & held)
    return shared >= COVER_SHARE * len(wanted) or shared >= COVER_SHARE * len(held)


def extraction_tally(posting_text: str, labels: list[str]) -> tuple[Tally, list[str], list[str]]:
    """(the tally, the labels missed, the extracted must-haves that cover no label)."""
    extracted = [r.text for r in extract_requirements(posting_text) if r.kind == MUST]
    missed = [label for label in labels if not any(covers(text, label) for text in extracted)]
    wrong = [text for text in extracted if not any(covers(text, label) for label in labels)]
    tally = Tally(
        said_right=len(extracted) - len(wrong),
        said=len(extracted),
        found=len(labels) - len(missed),
        labelled=len(labels),
    )
    return tally, missed, wrong


def matching_tally(
    resume_text: str, meets: dict[str, bool], resume_structure: dict | None = None
) -> tuple[Tally, list[tuple[str, bool, str]]]:
    """(the tally, the labels judged otherwise: text, hand judgement, engine status)."""
    labels = list(meets)
    matched = requirements_match(
        [(label, MUST) for label in labels], resume_structure=resume_structure, resume_text=resume_text
    )
    tally = Tally()
    wrong = []
    for label, requirement in zip(labels, matched, strict=True):
        said = requirement.source == MATCHED
        tally.said += said
        tally.said_right += said and meets[label]
        tally.labelled += meets[label]
        tally.found += said and meets[label]
        if said != meets[label]:
            wrong.append((label, meets[label], requirement.source))
    return tally, wrong
