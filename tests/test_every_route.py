"""Every UI route with an object in its URL, found from the URL configuration itself, so a
route added later is covered without anyone remembering to: a stranger gets a 404 (or the
405 anyone gets for GET on a POST-only action) and changes nothing; the owner's HTML pages
carry the strict CSP."""

import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from applications.models import Application
from documents.models import Document
from processing.models import PhaseRun
from resumes.models import Resume
from tests.factories import ApplicationFactory, ResumeFactory, document_write
from tracking.models import Contact, Interview, Task

pytestmark = pytest.mark.django_db

UI_NAMESPACES = ("applications", "documents", "matching", "processing", "resumes", "tracking")
SAMPLE_KWARGS = {"document_type": "cover_letter", "number": "1", "export_format": "pdf", "phase": "research"}


def _object_routes() -> list[tuple[str, str]]:
    """(namespace:name, route) for every UI route that takes an object id."""
    found = []
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and entry.namespace in UI_NAMESPACES:
            for pattern in entry.url_patterns:
                assert isinstance(pattern, URLPattern)
                route = str(pattern.pattern)
                if "<uuid_anycase:pk>" in route:
                    found.append((f"{entry.namespace}:{pattern.name}", route))
    return found


OBJECT_ROUTES = _object_routes()


def _url(route: str, pk) -> str:
    path = route.replace("<uuid_anycase:pk>", str(pk))
    for name, value in SAMPLE_KWARGS.items():
        path = path.replace(f"<str:{name}>", value).replace(f"<int:{name}>", value)
    assert "<" not in path, f"a route parameter without a sample value: {route}"
    return "/" + path


@pytest.fixture
def owned(alice):
    """Alice's resume and an application with every phase done and every document written."""
    resume = ResumeFactory(user=alice, is_primary=True, name="Private resume")
    application = ApplicationFactory(user=alice, notes="private notes")
    for document_type in Document.Type.values:
        document_write(application, document_type, f"# Private {document_type}\n\nAlice's own words.")
    Application.objects.filter(pk=application.pk).update(
        research_completed=True, resume_optimized=True, cover_letter_generated=True
    )
    return {
        "resume": resume,
        "application": application,
        "contact": Contact.objects.create(application=application, name="Alice's own words"),
        "interview": Interview.objects.create(application=application, scheduled_at="2030-01-01T10:00:00Z"),
        "task": Task.objects.create(user=alice, application=application, title="Alice's own words"),
    }


def _pk(owned, name):
    """The owned object a route's `pk` names: a resume, a contact, an interview, a task or
    (the rest) the application."""
    for prefix, key in (
        ("resumes:", "resume"),
        ("tracking:contact_", "contact"),
        ("tracking:interview_", "interview"),
        ("tracking:task_", "task"),
    ):
        if name.startswith(prefix) and not name.endswith("_add"):
            return owned[key].pk
    return owned["application"].pk


def _snapshot(owned) -> tuple:
    application, resume = owned["application"], owned["resume"]
    application.refresh_from_db()
    resume.refresh_from_db()
    return (
        application.stage,
        application.notes,
        application.company_name,
        resume.name,
        resume.is_primary,
        tuple(Document.objects.filter(application=application).values_list("version", "content")),
        PhaseRun.objects.filter(application=application).count(),
        Resume.objects.count(),
        Application.objects.count(),
        tuple(Contact.objects.values_list("name", "role")),
        tuple(Interview.objects.values_list("kind", "scheduled_at", "outcome")),
        tuple(Task.objects.values_list("title", "done")),
    )


def test_the_route_list_covers_every_object_page():
    names = {name for name, _ in OBJECT_ROUTES}
    # A sanity floor: the object pages the product has today are all found.
    assert {
        "applications:detail",
        "applications:edit",
        "applications:stage",
        "applications:notes",
        "applications:delete",
        "documents:detail",
        "documents:edit",
        "documents:preview",
        "documents:versions",
        "documents:version",
        "documents:restore",
        "documents:export",
        "matching:match",
        "processing:panel",
        "processing:start",
        "processing:cancel",
        "processing:all",
        "resumes:detail",
        "resumes:edit",
        "resumes:primary",
        "resumes:delete",
        "tracking:application",
        "tracking:contact_add",
        "tracking:contact_edit",
        "tracking:contact_delete",
        "tracking:interview_add",
        "tracking:interview_edit",
        "tracking:interview_delete",
        "tracking:task_add",
        "tracking:task_edit",
        "tracking:task_delete",
        "tracking:task_done",
        "applications:archive",
    } <= names


@pytest.mark.parametrize(("name", "route"), OBJECT_ROUTES, ids=[name for name, _ in OBJECT_ROUTES])
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_stranger_gets_a_404_and_changes_nothing(charlie_web, owned, name, route, method):
    pk = _pk(owned, name)
    before = _snapshot(owned)
    data = {
        "stage": "offer",
        "notes": "stranger",
        "content": "# Stranger's text, long enough",
        "name": "Stolen",
        "focus_area": "other",
        "company_name": "Stolen",
        "role_title": "Stolen",
        "job_description": "x" * 60,
        "priority_level": "low",
        "archived": "on",
        "done": "on",
        "title": "Stolen",
        "contact-name": "Stolen",
        "interview-scheduled_at": "2031-01-01T10:00",
        "interview-kind": "final",
        "interview-duration_minutes": "30",
        "interview-outcome": "failed",
        "task-title": "Stolen",
    }
    send = getattr(charlie_web, method)
    payload = data if method == "post" else None
    # An action that only takes POST answers GET with 405 whoever asks and whatever the id:
    # that tells a stranger nothing. Anything else is the 404 of an object that isn't theirs.
    expected = 405 if send(_url(route, uuid.uuid4()), payload).status_code == 405 else 404
    response = send(_url(route, pk), payload)
    assert response.status_code == expected, f"{method.upper()} {name}"
    assert b"Alice's own words" not in response.content
    assert b"Private resume" not in response.content
    assert _snapshot(owned) == before


READ_PAGES = [
    (name, route)
    for name, route in OBJECT_ROUTES
    if name
    in {
        "applications:detail",
        "applications:edit",
        "applications:delete",
        "documents:detail",
        "documents:edit",
        "documents:versions",
        "documents:version",
        "matching:match",
        "processing:panel",
        "resumes:detail",
        "resumes:edit",
        "resumes:delete",
        "tracking:application",
        "tracking:contact_edit",
        "tracking:interview_edit",
        "tracking:task_edit",
    }
]


def _directives(response) -> dict[str, list[str]]:
    parts = [part.split() for part in response["Content-Security-Policy"].split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


@pytest.mark.parametrize(("name", "route"), READ_PAGES, ids=[name for name, _ in READ_PAGES])
def test_the_owners_object_pages_carry_the_strict_csp(alice_web, owned, name, route):
    pk = _pk(owned, name)
    response = alice_web.get(_url(route, pk))
    assert response.status_code == 200, name
    assert response["Content-Type"].startswith("text/html")
    directives = _directives(response)
    assert directives["script-src"][0] == "'self'"
    assert all(source == "'self'" or source.startswith("'nonce-") for source in directives["script-src"])
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    html = response.content.decode()
    assert "<style" not in html and " style=" not in html
    for tag in html.split("<script")[1:]:
        assert " src=" in tag.split(">")[0], f"an inline script on {name}"
