"""Export file names: the application's name and the document type, ASCII only."""

import re
import unicodedata

from applications.models import Application


def export_filename(*, application: Application, document_type: str, version: int | None = None) -> str:
    """`acme_robotics_senior_backend_engineer_2025_07_01-optimized_resume` (ASCII, no extension)."""
    ascii_name = unicodedata.normalize("NFKD", application.name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^A-Za-z0-9_-]+", "_", ascii_name).strip("_-")[:150] or "application"
    suffix = f"-v{version}" if version is not None else ""
    return f"{base}-{document_type}{suffix}"
