"""Turning messy pasted text (postings, pdftotext resumes) into clean lines and sentences.

Real postings lose their list markup ("executionCommunicate"), carry HTML leftovers and
odd whitespace. Every pattern here is linear: no nested quantifiers, bounded lookarounds,
so hostile input cannot make them backtrack catastrophically.
"""

import html
import re
import unicodedata

# Hard cap on what the offline analysis reads: the API caps postings at 10k and resumes
# at 50k characters; anything beyond this is not a real document.
MAX_INPUT_CHARS = 120_000

# `(?:\s*/)?\s*`, not `\s*/?\s*`: two adjacent `\s*` split a run of spaces in quadratically many ways.
_TAG = re.compile(r"<(?:\s*/)?\s*[A-Za-z][^<>]{0,300}>")
_BREAK_TAG = re.compile(r"<\s*(?:br|/p|/li|/div|/h[1-6]|li|p|div|h[1-6])\b[^<>]{0,300}>", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# "executionCommunicate": a lower-case word glued to the next capitalised item. A word
# that starts with a capital ("JavaScript", "DevOps") or is one letter ("iPhone", "eBay")
# is left alone.
_GLUED_WORDS = re.compile(r"(?<![A-Za-z])([a-z]{2,}[a-z.,;:!?)%])(?=[A-Z][a-z])")
# "AR.Set up", "(FinTech)Experience": an item glued after a full stop or a bracket.
_GLUED_AFTER_STOP = re.compile(r"(?:(?<=[a-z][.)])|(?<=[A-Z]{2}\.))(?=[A-Z][a-z])")
# "RESPONSIBILITIES:Complete ...", "... trends KNOWLEDGE & SKILLS:Strong": a capitalised heading
# run into the text around it.
_GLUED_HEADING = re.compile(r"(?<![A-Z&/] )(?<![A-Z&/])([A-Z][A-Z&/]{2,20}(?: [A-Z&/]{1,20}){0,4}:) ?")
# "surveys3+ years", "license3 + years": a word glued to a years-of-experience figure.
_GLUED_YEARS = re.compile(r"(?<=[a-z]{2})(?=\d{1,2} ?\+? ?(?:years|yrs))")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“(]?[A-Z0-9])")
_BULLET_PREFIX = re.compile(r"^\s*(?:[-*•·●◦▪▫■□➢➤►▸‣⁃–—]|\d{1,2}[.)])\s+")
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "sr.", "jr.", "inc.", "dr.", "st.", "no.", "approx.", "u.s.")


def text_normalize(text: str) -> str:
    """Clean raw pasted text: entities, tags, control characters, glued bullets, spacing."""
    text = (text or "")[:MAX_INPUT_CHARS]
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _BREAK_TAG.sub("\n", text)
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    text = _CONTROL.sub("", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    lines = []
    for raw_line in text.split("\n"):
        line = _SPACES.sub(" ", raw_line).strip()
        lines.append(line)
    return "\n".join(lines)


def glued_headings_split(line: str) -> list[str]:
    """Put capitalised headings that ran into the text ("SKILLS:Strong ...") on their own lines."""
    line = _GLUED_HEADING.sub(lambda m: f"\n{m.group(1)}\n", line)
    return [part.strip() for part in line.split("\n") if part.strip()]


def glued_items_split(line: str) -> list[str]:
    """Split a line whose list items ran together when the markup was lost."""
    line = _GLUED_YEARS.sub("\n", line)
    line = _GLUED_AFTER_STOP.sub("\n", line)
    line = _GLUED_WORDS.sub("\\1\n", line)
    return [part.strip() for part in line.split("\n") if part.strip()]


def sentences_split(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping common abbreviations intact."""
    pieces = _SENTENCE_END.split(text.strip())
    sentences: list[str] = []
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if sentences and sentences[-1].lower().endswith(_ABBREVIATIONS):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return sentences


def bullet_strip(line: str) -> tuple[bool, str]:
    """Return (was it a bullet, the text without its bullet marker)."""
    match = _BULLET_PREFIX.match(line)
    if match:
        return True, line[match.end() :].strip()
    return False, line.strip()


def words_count(text: str) -> int:
    return len(text.split())


def tokens_estimate(text: str) -> int:
    """A rough token count: about four tokens for every three words."""
    return (words_count(text) * 4 + 2) // 3


def clip(text: str, limit: int) -> str:
    """Shorten to at most `limit` characters on a word boundary, marking the cut."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:-–— ")
    return f"{cut}…"


def sentence_close(text: str) -> str:
    """End with a full stop unless the text already ends a sentence (or was clipped: "…")."""
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_MD_LINE_START = re.compile(r"^(\s*)(#{1,6}\s|>|[-+*]\s|\d{1,3}[.)]\s|={2,}|-{3,})")


def markdown_inline(text: str) -> str:
    """Make untrusted text safe to embed inside a Markdown line: one line, no markup."""
    text = _SPACES.sub(" ", text.replace("\n", " ")).strip()
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", text)


def markdown_line(text: str) -> str:
    """Keep the user's own Markdown emphasis, but stop a line from turning into a heading,
    quote or table row, and drop raw HTML."""
    text = _SPACES.sub(" ", text.replace("\n", " ")).strip()
    text = text.replace("<", "‹").replace(">", "›")
    return _MD_LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", text)


def first_letter_lower(text: str) -> str:
    """'Designed a platform' -> 'designed a platform', but keep 'API', 'PostgreSQL'."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text
