"""Resume structure: parse text into the JSON Resume vocabulary, render it back to Markdown.

Pure Python (no Django): `resume_structure_parse(text)`, `structure_to_markdown(structure)`.
"""

from resumes.structure.parser import resume_structure_parse
from resumes.structure.render import structure_to_markdown

__all__ = ["resume_structure_parse", "structure_to_markdown"]
