"""Letter furniture: a cover letter's own heading (sender, contact lines, date) and sign-off."""

import re
from dataclasses import dataclass

from documents.export.context import ExportContext
from documents.export.text import markdown_to_plain_text

_SIGN_OFF = re.compile(
    r"^\W*(sincerely|yours (sincerely|truly|faithfully)|(kind|best|warm|warmest) regards|regards|"
    r"best wishes|respectfully|with (thanks|gratitude|appreciation)|thank you|many thanks|best|cheers)"
    # The phrase alone ("Sincerely,"), or followed by a comma and a name on the same line;
    # "Thank you for your time." is a closing sentence, not a sign-off. No two adjacent
    # parts can match the same characters (a `\s*` before the `\W*` did, and took time
    # quadratic in a long run of spaces), so a match is linear in the line.
    r"(\s*,(\s+[^\s,]+){0,4})?\W*$",
    re.IGNORECASE,
)


MAX_SIGN_OFF_CHARS = 40


def has_sign_off(markdown: str) -> bool:
    """Whether the letter already closes with "Sincerely," or the like (then none is added)."""
    lines = [line.strip() for line in markdown.strip().splitlines() if line.strip()]
    return any(len(line) <= MAX_SIGN_OFF_CHARS and _SIGN_OFF.match(line) for line in lines[-4:])


_SALUTATION = re.compile(r"^\W*(dear|hello|hi|greetings|to whom it may concern)\b", re.IGNORECASE)
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_DATE_LINE = re.compile(
    rf"^(\d{{1,2}}(st|nd|rd|th)?\s+({_MONTHS})\s+\d{{4}}"
    rf"|({_MONTHS})\s+\d{{1,2}}(st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})\W*$",
    re.IGNORECASE,
)
# A letter heading is a few lines (name, contact details, date); more is body text.
MAX_HEADING_LINES = 6


@dataclass(frozen=True)
class LetterParts:
    """A cover letter split into its heading (sender, contact lines, date) and its body."""

    sender: str
    contact: tuple[str, ...]
    date_text: str
    body: str


def letter_parts(*, markdown: str, context: ExportContext) -> LetterParts:
    """The letter's own heading if it has one, else the account's name and e-mail and today.

    Letters written by the offline provider (and many edited by hand) start with the
    sender's name, contact details and a date before "Dear ...". Those lines become the
    letterhead instead of being printed twice; the addressee block is always added.
    """
    default_contact = (context.author_email,) if context.author_email != context.author else ()
    default = LetterParts(context.author, default_contact, context.date_text, markdown)
    lines = markdown.splitlines()
    salutation = next(
        (index for index, line in enumerate(lines[: MAX_HEADING_LINES * 2 + 1]) if _SALUTATION.match(line)),
        None,
    )
    if not salutation:  # none, or the letter opens with it: no heading of its own
        return default
    heading = [
        line.strip()
        for line in markdown_to_plain_text("\n".join(lines[:salutation])).splitlines()
        if line.strip() and set(line.strip()) - {"=", "-"}
    ]
    if not heading or len(heading) > MAX_HEADING_LINES:
        return default
    date_text = next((line for line in heading if _DATE_LINE.match(line)), None)
    if date_text:
        heading.remove(date_text)
    sender = context.author
    if heading and heading[0].casefold() == context.author.casefold():
        sender = heading.pop(0)
    return LetterParts(
        sender=sender,
        contact=tuple(heading) or default_contact,
        date_text=date_text or context.date_text,
        body="\n".join(lines[salutation:]),
    )
