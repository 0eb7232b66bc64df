"""The one HTTP response for an exported file, used by the API and the UI downloads alike."""

from urllib.parse import quote

from django.http import HttpResponse

from documents.export.service import ExportedFile


def content_disposition(filename: str) -> str:
    """`attachment` with an ASCII `filename` for every client and the UTF-8 `filename*` (RFC 6266)."""
    fallback = filename.encode("ascii", "replace").decode().replace("\\", "_").replace('"', "_")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def export_response(exported: ExportedFile) -> HttpResponse:
    """A download that no shared cache or browser cache keeps, and that no browser sniffs."""
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = content_disposition(exported.filename)
    response["Content-Length"] = str(len(exported.content))
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
