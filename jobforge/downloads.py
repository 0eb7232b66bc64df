"""The one HTTP response for a file a user downloads (documents, resumes, their data)."""

import re
import unicodedata
from urllib.parse import quote

from django.http import HttpResponse

# Latin letters that Unicode does not decompose into an ASCII letter and a mark.
_LATIN_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "SS",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "ı": "i",
        "ħ": "h",
        "Ħ": "H",
    }
)
_UNSAFE = re.compile(r'[^A-Za-z0-9._() -]+|["\\]')
_REPEATED = re.compile(r"_{2,}")


def ascii_filename(filename: str) -> str:
    """The file name in ASCII for clients that ignore `filename*`: letters transliterated
    (`Zoë_Łukasz_Straße.pdf` → `Zoe_Lukasz_Strasse.pdf`), other characters dropped."""
    decomposed = unicodedata.normalize("NFKD", filename.translate(_LATIN_LETTERS))
    ascii_only = decomposed.encode("ascii", "ignore").decode()
    cleaned = _REPEATED.sub("_", _UNSAFE.sub("_", ascii_only))
    stem, dot, extension = cleaned.rpartition(".")
    if not dot:
        stem, extension = cleaned, ""
    stem = stem.strip("_-. ")
    return f"{stem or 'download'}{dot}{extension}"


def content_disposition(filename: str) -> str:
    """`attachment` with an ASCII `filename` for every client and the UTF-8 `filename*` (RFC 6266)."""
    return f"attachment; filename=\"{ascii_filename(filename)}\"; filename*=UTF-8''{quote(filename, safe='')}"


def download_response(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    """A download that no shared cache or browser cache keeps, and that no browser sniffs."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename)
    response["Content-Length"] = str(len(content))
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
