"""The bare Django JSON view that bench/bare_view.py measures the API against: no database,
no middleware, no authentication; it answers JSON of the same shape and size as the API's.

Served by gunicorn as `bench.bare_app:application` (the benchmark starts it).
"""

import json
import uuid

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="bare-view-bench-only",  # noqa: S106  (a benchmark server on loopback)
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    USE_TZ=True,
)

from django.core.wsgi import get_wsgi_application  # noqa: E402 (after settings.configure)
from django.http import JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402

# One application as the API writes it, with every field a summary or a full object has.
ITEM = {
    "id": str(uuid.UUID(int=1)),
    "name": "acme_robotics_senior_backend_engineer_2026_12_02",
    "company_name": "Acme Robotics",
    "role_title": "Senior Backend Engineer",
    "job_url": "https://example.com/jobs/1",
    "location": "Remote",
    "priority_level": "medium",
    "work_mode": None,
    "employment_type": None,
    "salary_min": None,
    "salary_max": 120000,
    "salary_currency": "",
    "salary_period": None,
    "posted_at": None,
    "deadline": "2026-12-31",
    "source": "",
    "resume_id": None,
    "status": "draft",
    "research_completed": False,
    "resume_optimized": False,
    "cover_letter_generated": False,
    "stage": "saved",
    "applied_at": None,
    "created_at": "2026-12-02T14:00:00.123456Z",
    "updated_at": "2026-12-02T14:00:00.123456Z",
}
POSTING = "We build things with care and tests. " * 8


def items(request):
    return JsonResponse(
        {"applications": [ITEM] * 20, "total": 25, "limit": 20, "offset": 0, "next": None, "previous": None}
    )


def item(request):
    body = {**ITEM, "job_description": POSTING, "additional_context": "", "notes": "", "timeline": []}
    if request.method in ("POST", "PATCH"):
        body.update(json.loads(request.body))
    return JsonResponse(body, status=201 if request.method == "POST" else 200)


urlpatterns = [path("items", items), path("item", item)]
application = get_wsgi_application()
