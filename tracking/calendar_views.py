"""The calendar feed's address: no login, the token in the URL is the key (SPEC §12)."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from tracking.calendar import calendar_feed_build, feed_owner


@require_GET
def calendar_feed(request, token: str):
    user = feed_owner(token=token)
    if user is None:
        raise Http404("No such calendar.")
    response = HttpResponse(calendar_feed_build(user=user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="jobforge.ics"'
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
