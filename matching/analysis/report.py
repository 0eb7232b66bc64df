"""The match report's shape: what the engine answers and its JSON form (SPEC §11)."""

from dataclasses import dataclass

SOURCE_RESUME = "source_resume"
OPTIMIZED_RESUME = "optimized_resume"
MATCHED = "matched"
PARTIAL = "partial"
MISSING = "missing"


@dataclass(frozen=True)
class Evidence:
    document: str  # SOURCE_RESUME or OPTIMIZED_RESUME
    text: str

    def as_dict(self) -> dict:
        return {"document": self.document, "text": self.text}


@dataclass(frozen=True)
class Requirement:
    text: str
    kind: str  # "must" or "nice"
    keywords: tuple[str, ...]
    source: str  # MATCHED, PARTIAL or MISSING against the source resume
    tailored: str | None  # the same against the tailored resume; None without one
    evidence: tuple[Evidence, ...]

    def as_dict(self) -> dict:
        return {
            "text": self.text,
            "kind": self.kind,
            "keywords": list(self.keywords),
            "source": self.source,
            "tailored": self.tailored,
            "evidence": [evidence.as_dict() for evidence in self.evidence],
        }


@dataclass(frozen=True)
class Keyword:
    term: str
    synonyms: tuple[str, ...]
    weight: float
    in_source: bool
    in_tailored: bool | None

    def as_dict(self) -> dict:
        return {
            "term": self.term,
            "synonyms": list(self.synonyms),
            "weight": self.weight,
            "in_source": self.in_source,
            "in_tailored": self.in_tailored,
        }


@dataclass(frozen=True)
class MatchAnalysis:
    score: int  # score_tailored when there is a tailored resume, else score_source
    score_source: int
    score_tailored: int | None
    requirements: tuple[Requirement, ...]
    keywords: tuple[Keyword, ...]
    missing_claimable: tuple[str, ...]  # in the source resume, not surfaced in the tailored one
    missing_unclaimable: tuple[str, ...]  # not in the resume at all

    def as_dict(self) -> dict:
        """The SPEC §11 report, without the fields its storage adds (resume_id,
        document_version, computed_at)."""
        return {
            "score": self.score,
            "score_source": self.score_source,
            "score_tailored": self.score_tailored,
            "requirements": [requirement.as_dict() for requirement in self.requirements],
            "keywords": [keyword.as_dict() for keyword in self.keywords],
            "missing_claimable": list(self.missing_claimable),
            "missing_unclaimable": list(self.missing_unclaimable),
        }
