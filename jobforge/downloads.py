"""The one HTTP response for a file a user downloads (documents, resumes, their data)."""

from urllib.parse import quote

from django.http import HttpResponse


def content_disposition(filename: str) -> str:
    """`attachment` with an ASCII `filename` for every client and the UTF-8 `filename*` (RFC 6266)."""
    fallback = filename.encode("ascii", "replace").decode().replace("\\", "_").replace('"', "_")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def download_response(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    """A download that no shared cache or browser cache keeps, and that no browser sniffs."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename)
    response["Content-Length"] = str(len(content))
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
