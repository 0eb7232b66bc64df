"""Document export: PDF, DOCX, Markdown and plain text, ready to send to an employer.

All four come from the same Markdown through `documents.rendering`: the PDF (`pdf`) from
the sanitized HTML, the DOCX (`docx`) and TXT (`text`) from the same block structure.
PDF and DOCX stay within the layout budget (`budget`), which bounds a render's work.
`service.document_export` is the entry point; `http.export_response` the one download
response of the API and the UI.
"""

from documents.export.budget import MAX_LAYOUT_UNITS, LayoutTooLarge, layout_check, layout_cost
from documents.export.context import ExportContext, export_context
from documents.export.docx import document_docx
from documents.export.filenames import export_filename
from documents.export.http import export_response
from documents.export.pdf import PDF_BASE_URL, FetchRefused, StaticAssetFetcher, document_pdf, pdf_from_html
from documents.export.service import (
    CONTENT_TYPES,
    EXPORT_FORMATS,
    ExportedFile,
    document_export,
    export_version_param,
)
from documents.export.text import markdown_to_plain_text

__all__ = [
    "CONTENT_TYPES",
    "EXPORT_FORMATS",
    "MAX_LAYOUT_UNITS",
    "PDF_BASE_URL",
    "ExportContext",
    "ExportedFile",
    "FetchRefused",
    "LayoutTooLarge",
    "StaticAssetFetcher",
    "document_docx",
    "document_export",
    "document_pdf",
    "export_context",
    "export_filename",
    "export_response",
    "export_version_param",
    "layout_check",
    "layout_cost",
    "markdown_to_plain_text",
    "pdf_from_html",
]
