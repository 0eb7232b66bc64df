"""Project-level pages: the home page (landing or dashboard) and the error pages."""

from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.views import defaults

from applications.selectors import application_pipeline_counts, application_recent
from jobforge.api.errors import error_response
from resumes.selectors import resume_count
from tracking.selectors import due_items

DASHBOARD_RECENT = 6


def home(request):
    """Visitors see what Job Forge does; signed-in users see their dashboard."""
    if not request.user.is_authenticated:
        return render(request, "home/landing.html")
    pipeline = application_pipeline_counts(user=request.user)
    return render(
        request,
        "home/dashboard.html",
        {
            "stages": pipeline.stages,
            "total": pipeline.total,
            "active": pipeline.active,
            "recent": application_recent(user=request.user, limit=DASHBOARD_RECENT),
            "resume_count": resume_count(user=request.user),
            "due": due_items(user=request.user, now=timezone.now()),
        },
    )


def page_not_found(request, exception):
    if request.path.startswith("/api/"):
        return error_response(request, status_code=404, message="Not found.")
    return defaults.page_not_found(request, exception, template_name="404.html")


def server_error(request):
    if request.path.startswith("/api/"):
        return error_response(request, status_code=500, message="An unexpected error occurred.")
    return defaults.server_error(request, template_name="500.html")


def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's, downloads)."""
    return redirect(static("img/logo.svg"), permanent=True)
