"""The match analysis: what a posting requires and how well a resume meets it (SPEC §11).

Plain Python, no Django and no AI call: the same posting and resume texts always give the
same report, fast enough to compute inline when any of them changes.
"""

from matching.analysis.extraction import ExtractedRequirement, extract_requirements
from matching.analysis.match import MUST_WEIGHT, NICE_WEIGHT, PARTIAL_CREDIT, analyse_match
from matching.analysis.report import Evidence, Keyword, MatchAnalysis, Requirement

__all__ = [
    "MUST_WEIGHT",
    "NICE_WEIGHT",
    "PARTIAL_CREDIT",
    "Evidence",
    "ExtractedRequirement",
    "Keyword",
    "MatchAnalysis",
    "Requirement",
    "analyse_match",
    "extract_requirements",
]
