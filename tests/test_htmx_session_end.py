"""htmx requests after the session ended (a polling phase panel, the live preview, a board
move) send the whole page to the login form and back, instead of swapping the login form
into a part of the page."""

import pytest
from django.test import Client

from tests.factories import ApplicationFactory, document_write

pytestmark = pytest.mark.django_db


def test_a_polling_panel_without_a_session_redirects_the_whole_page(alice):
    application = ApplicationFactory(user=alice)
    page = f"http://testserver/applications/{application.pk}/"
    response = Client().get(
        f"/applications/{application.pk}/phases/?poll=1", HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL=page
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"/accounts/login/?next=%2Fapplications%2F{application.pk}%2F"
    assert b"<form" not in response.content  # nothing to swap into the panel


def test_the_preview_and_a_board_move_without_a_session_redirect_the_whole_page(alice):
    application = ApplicationFactory(user=alice)
    document_write(application, "cover_letter", "# Letter\n\nHello there.")
    client = Client()
    preview = client.post(
        f"/applications/{application.pk}/documents/cover_letter/preview/",
        {"content": "# Draft"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL=f"http://testserver/applications/{application.pk}/documents/cover_letter/edit/",
    )
    assert preview["HX-Redirect"] == (
        f"/accounts/login/?next=%2Fapplications%2F{application.pk}%2Fdocuments%2Fcover_letter%2Fedit%2F"
    )
    move = client.post(
        f"/applications/{application.pk}/stage/",
        {"stage": "applied"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver/applications/board/",
    )
    assert move["HX-Redirect"] == "/accounts/login/?next=%2Fapplications%2Fboard%2F"
    application.refresh_from_db()
    assert application.stage == "saved"


def test_an_offsite_current_url_is_not_used_as_the_way_back(alice):
    application = ApplicationFactory(user=alice)
    response = Client().get(
        f"/applications/{application.pk}/phases/",
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="https://evil.example/phish",
    )
    assert response["HX-Redirect"] == "/accounts/login/?next=%2F"


def test_a_plain_request_without_a_session_goes_to_the_login_page(alice):
    application = ApplicationFactory(user=alice)
    response = Client().get(f"/applications/{application.pk}/phases/")
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next=/applications/{application.pk}/phases/"
