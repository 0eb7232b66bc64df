"""`jobforge.ui`: `user_object` hands a view the signed-in user's object, and a service's
`NotFound` becomes the 404 page outside the API (the API keeps its envelope)."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from applications.services import application_get_for_user
from jobforge.errors import NotFound
from jobforge.ui import NotFoundPageMiddleware, user_object
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@user_object(lambda user, pk: application_get_for_user(user=user, application_id=pk))
def _company_view(request, application):
    return HttpResponse(application.company_name)


def _request(user, path="/applications/x/"):
    request = RequestFactory().get(path)
    request.user = user
    return request


def test_it_hands_the_view_the_users_object(alice):
    application = ApplicationFactory(user=alice, company_name="Globex")
    response = _company_view(_request(alice), pk=application.pk)
    assert response.content == b"Globex"


def test_another_users_object_raises_not_found_before_the_view_runs(alice, charlie):
    application = ApplicationFactory(user=alice)
    with pytest.raises(NotFound):
        _company_view(_request(charlie), pk=application.pk)


def test_the_middleware_shows_the_404_page_for_not_found():
    middleware = NotFoundPageMiddleware(lambda request: HttpResponse())
    request = RequestFactory().get("/applications/x/")
    response = middleware.process_exception(request, NotFound("Application not found."))
    assert response.status_code == 404
    assert "We couldn’t find that page" in response.content.decode()


def test_the_middleware_leaves_the_api_and_other_errors_alone():
    middleware = NotFoundPageMiddleware(lambda request: HttpResponse())
    assert middleware.process_exception(RequestFactory().get("/api/v1/applications/x"), NotFound()) is None
    assert middleware.process_exception(RequestFactory().get("/applications/x/"), ValueError()) is None


def test_a_foreign_id_in_a_page_url_is_the_404_page(client, alice, charlie):
    client.force_login(charlie)
    response = client.post(f"/applications/{ApplicationFactory(user=alice).pk}/notes/", {"notes": "x"})
    assert response.status_code == 404
    assert "We couldn’t find that page" in response.content.decode()
