"""The one HTTP response for an exported document, used by the API and the UI downloads alike."""

from django.http import HttpResponse

from documents.export.service import ExportedFile
from jobforge.downloads import download_response


def export_response(exported: ExportedFile) -> HttpResponse:
    return download_response(exported.content, content_type=exported.content_type, filename=exported.filename)
