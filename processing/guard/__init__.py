"""The fact guard: a generated document may select, order and reword the user's own facts,
never add one. Deterministic and free of Django: `facts_from_structure` reads the source
resume's facts, `document_check` lists what a document states beyond them."""

from processing.guard.check import Violation, document_check, violations_summary
from processing.guard.facts import Facts, facts_from_structure

__all__ = ["Facts", "Violation", "document_check", "facts_from_structure", "violations_summary"]
