from django.urls import include, path, re_path

from jobforge.account_data import AccountDataExportView
from jobforge.api.views import api_not_found

urlpatterns = [
    path("auth/", include("jobforge.accounts.api_urls")),
    path("applications/export", AccountDataExportView.as_view(), name="api-applications-export"),
    path("", include("applications.api_urls")),
    path("", include("documents.api_urls")),
    path("", include("resumes.api_urls")),
    path("", include("tracking.api_urls")),
    path("", include("matching.api_urls")),
    path("processing/", include("processing.api_urls")),
    # Last: anything else under /api/v1 is a 404 in the envelope.
    re_path(r"^", api_not_found),  # "^", not "^.*$": a path may contain an encoded newline
]
