"""What every UI view shares: the user's object or a 404, `NotFound` as a 404 page,
a service's `DomainError` on a form, and `login_required` for htmx requests."""

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.handlers.exception import response_for_exception
from django.http import Http404
from django.shortcuts import resolve_url
from django_htmx.http import HttpResponseClientRedirect

from jobforge.errors import DomainError, NotFound


class NotFoundPageMiddleware:
    """A service's `NotFound` (missing, or another user's) becomes the 404 page in the UI.

    The API maps it to the error envelope in its own exception handler; this is the one
    place that does the same for pages, so views do not catch it one by one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NotFound) and not request.path.startswith("/api/"):
            return response_for_exception(request, Http404(exception.message))
        return None


def user_object(loader, *, url_kwarg: str = "pk", name: str = "application"):
    """Load the signed-in user's object named by the URL and pass it to the view as `name`.

    `loader(user, pk)` is the model's `<entity>_get_for_user` (tenancy in one place): a
    missing or another user's object raises `NotFound`, shown as the 404 page. Put it
    under `login_required`; the view then hands the object on to the service.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            kwargs[name] = loader(request.user, kwargs.pop(url_kwarg))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


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
