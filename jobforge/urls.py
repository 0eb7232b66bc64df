from csp.constants import NONCE
from csp.decorators import csp_update
from django.contrib import admin
from django.urls import include, path, re_path, register_converter
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from jobforge.account_data import account_data_download, applications_download
from jobforge.accounts.views import admin_login
from jobforge.api.views import api_not_found, health_view
from jobforge.converters import AnyCaseUUIDConverter
from jobforge.views import favicon
from tracking.calendar import FEED_KEY_PATTERN
from tracking.calendar_views import calendar_feed

# Before the includes below: every app's urls.py names ids as <uuid_anycase:...>.
register_converter(AnyCaseUUIDConverter, "uuid_anycase")

# ReDoc's additions to the strict policy, for its page only: the <style> elements it
# injects carry the page's nonce, except perfect-scrollbar's stylesheet (and an empty one),
# inserted before ReDoc reads the nonce, allowed by hash (ReDoc 2.5.4 from the sidecar; on
# an upgrade Chromium's console names the new hash); its search index runs in a blob: worker.
REDOC_CSP = {
    "style-src": [
        NONCE,
        "'sha256-QMIg+bpjm3JdElJ388KYke01izlUW0UoNOeKjpMxdgc='",
        "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
    ],
    "worker-src": ["'self'", "blob:"],
}

urlpatterns = [
    path("admin/rq/", include("django_rq.urls")),
    path("admin/login/", admin_login),  # before the admin's own: throttled
    path("admin/", admin.site.urls),
    path("api/v1/", include("jobforge.api.urls")),
    path("api/schema", SpectacularAPIView.as_view(), name="schema"),
    # A prefix, not ".*$": "." stops at a newline, and a path may contain an encoded one.
    re_path(r"^api/", api_not_found),
    path("docs", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("redoc", csp_update(REDOC_CSP)(SpectacularRedocView.as_view(url_name="schema")), name="redoc"),
    path("health", health_view, name="health"),
    path("favicon.ico", favicon),
    path("account/export/", account_data_download, name="account_export"),
    path("applications/export/", applications_download, name="applications_export"),
    re_path(rf"^calendar/(?P<token>{FEED_KEY_PATTERN})\.ics$", calendar_feed, name="calendar-feed"),
    path("", include("jobforge.accounts.urls")),
    path("", include("applications.urls")),
    path("", include("documents.urls")),
    path("", include("resumes.urls")),
    path("", include("processing.urls")),
    path("", include("tracking.urls")),
    path("", include("matching.urls")),
]

handler404 = "jobforge.views.page_not_found"
handler500 = "jobforge.views.server_error"
