"""Project-level pages: the home page (landing or dashboard) and the error pages."""

from django.db.models import Count
from django.shortcuts import render
from django.views import defaults

from applications.models import Application
from applications.selectors import application_list
from jobforge.api.errors import error_response
from resumes.models import Resume

DASHBOARD_RECENT = 6


def home(request):
    """Visitors see what Job Forge does; signed-in users see their dashboard."""
    if not request.user.is_authenticated:
        return render(request, "home/landing.html")
    user = request.user
    # One grouped query for the pipeline counts, one for the recent rows, one for the resume count.
    counts = dict(
        Application.objects.filter(user=user).values_list("stage").annotate(n=Count("id")).order_by()
    )
    stages = [
        {"value": value, "label": label, "count": counts.get(value, 0)}
        for value, label in Application.Stage.choices
    ]
    # The rows show no long text fields, so those stay in the database.
    recent = list(
        application_list(user=user).defer("job_description", "additional_context", "notes")[:DASHBOARD_RECENT]
    )
    resume_count = Resume.objects.filter(user=user).count()
    total = sum(counts.values())
    return render(
        request,
        "home/dashboard.html",
        {
            "stages": stages,
            "total": total,
            "active": sum(counts.get(s, 0) for s in ("applied", "interviewing", "offer")),
            "recent": recent,
            "resume_count": resume_count,
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
