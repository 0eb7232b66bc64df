"""Project-level pages: the home page (landing or dashboard), error pages, and the
small pieces every UI view shares (showing a service's `DomainError` on a form)."""

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db.models import Count
from django.shortcuts import render, resolve_url
from django.views import defaults
from django_htmx.http import HttpResponseClientRedirect

from applications.models import Application
from applications.selectors import application_list
from jobforge.api.errors import error_response
from jobforge.errors import DomainError
from resumes.models import Resume

DASHBOARD_RECENT = 6


def form_add_domain_error(form, exc: DomainError, *, field_map: dict[str, str] | None = None) -> None:
    """Put a service's error on the form: per-field details next to their fields, the rest on top."""
    field_map = field_map or {}
    placed = False
    for key, messages in (exc.details or {}).items():
        target = field_map.get(key, key)
        target = target if target in form.fields else None
        for message in messages if isinstance(messages, list | tuple) else [messages]:
            form.add_error(target, str(message))
            placed = True
    if not placed:
        form.add_error(None, exc.message)


def login_required_htmx(view):
    """`login_required` for views that htmx calls (panels, previews, board moves).

    Without a session, an htmx request gets an HX-Redirect: the whole page goes to the
    login form and comes back to the page the user was on, instead of htmx swapping the
    login form into a panel. Other requests get the usual redirect to the login page.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if getattr(request, "htmx", False):
            back = request.htmx.current_url_abs_path or "/"
            return HttpResponseClientRedirect(
                f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': back})}"
            )
        return redirect_to_login(request.get_full_path())

    return wrapped


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
