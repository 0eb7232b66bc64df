"""Log out everywhere (API and UI), and the UI logout: every session and token ends."""

import pytest
from rest_framework.test import APIClient

from jobforge.accounts.services import tokens_issue
from tests.conftest import bearer
from tests.pages import login_client, messages_of

ME = "/api/v1/auth/me"
LOGOUT_ALL = "/api/v1/auth/logout-all"

pytestmark = pytest.mark.django_db


class TestApi:
    def test_it_ends_every_token_and_session(self, alice, charlie):
        here, elsewhere, theirs = (
            tokens_issue(user=alice),
            tokens_issue(user=alice),
            tokens_issue(user=charlie),
        )
        browser = login_client(alice)
        response = bearer(here["access_token"]).post(LOGOUT_ALL)
        assert response.status_code == 204
        for tokens in (here, elsewhere):
            assert bearer(tokens["access_token"]).get(ME).status_code == 401
            refreshed = APIClient().post(
                "/api/v1/auth/refresh", {"refresh_token": tokens["refresh_token"]}, format="json"
            )
            assert refreshed.status_code == 401
        assert browser.get("/account/").status_code == 302  # the session ended too
        assert bearer(theirs["access_token"]).get(ME).status_code == 200  # a stranger's stay

    def test_it_needs_authentication(self, api_client):
        response = api_client.post(LOGOUT_ALL)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "AUTHENTICATION_ERROR"


class TestUi:
    def test_the_account_page_offers_it(self, alice):
        page = login_client(alice).get("/account/").content.decode()
        assert 'action="/account/logout-everywhere/"' in page

    def test_it_ends_every_session_and_token(self, alice):
        tokens = tokens_issue(user=alice)
        browser, phone = login_client(alice), login_client(alice)
        response = browser.post("/account/logout-everywhere/", follow=True)
        assert response.redirect_chain == [("/accounts/login/", 302)]
        assert messages_of(response) == ["You have been logged out on every device and from the API."]
        assert not response.context["user"].is_authenticated
        assert phone.get("/account/").status_code == 302
        assert bearer(tokens["access_token"]).get(ME).status_code == 401

    def test_it_takes_only_a_post(self, alice):
        assert login_client(alice).get("/account/logout-everywhere/").status_code == 405

    def test_anonymous_is_sent_to_log_in(self, client):
        response = client.post("/account/logout-everywhere/")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")

    def test_logging_out_ends_the_users_api_tokens(self, alice):
        tokens = tokens_issue(user=alice)
        response = login_client(alice).post("/accounts/logout/")
        assert response.status_code == 302
        assert bearer(tokens["access_token"]).get(ME).status_code == 401
