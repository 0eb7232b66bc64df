"""Logout, log out everywhere and a password change end every token of the user at once
(SPEC §14): access tokens issued before stop answering, and none of them can refresh."""

from datetime import timedelta

import pytest
from django.db import DatabaseError, connection
from django.db.models import F
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from jobforge.accounts.models import User
from jobforge.accounts.services import tokens_issue, user_change_password
from tests.conftest import PASSWORD, bearer
from tests.pages import login_client

ME = "/api/v1/auth/me"
REFRESH = "/api/v1/auth/refresh"
LOGOUT = "/api/v1/auth/logout"

pytestmark = pytest.mark.django_db


def assert_every_token_is_dead(*pairs):
    for tokens in pairs:
        old = bearer(tokens["access_token"])
        me = old.get(ME)
        assert me.status_code == 401
        assert me.json()["error"]["code"] == "AUTHENTICATION_ERROR"
        assert old.post(REFRESH, format="json").status_code == 401  # Bearer-only refresh
        body_refresh = APIClient().post(REFRESH, {"refresh_token": tokens["refresh_token"]}, format="json")
        assert body_refresh.status_code == 401


def test_it_ends_every_token_at_logout(alice):
    laptop, phone = tokens_issue(user=alice), tokens_issue(user=alice)
    assert bearer(phone["access_token"]).get(ME).status_code == 200
    response = bearer(laptop["access_token"]).post(
        LOGOUT, {"refresh_token": laptop["refresh_token"]}, format="json"
    )
    assert response.status_code == 204
    assert_every_token_is_dead(laptop, phone)


def test_a_new_login_after_logout_works(alice, api_client):
    tokens = tokens_issue(user=alice)
    bearer(tokens["access_token"]).post(LOGOUT, {"refresh_token": tokens["refresh_token"]}, format="json")
    login = api_client.post("/api/v1/auth/login", {"email": alice.email, "password": PASSWORD}, format="json")
    assert login.status_code == 200
    fresh = login.json()
    assert bearer(fresh["access_token"]).get(ME).status_code == 200
    assert (
        api_client.post(REFRESH, {"refresh_token": fresh["refresh_token"]}, format="json").status_code == 200
    )


def test_it_ends_every_token_at_a_password_change_in_the_ui(alice):
    tokens = tokens_issue(user=alice)
    web = login_client(alice)
    response = web.post(
        "/account/password/",
        {"password-current_password": PASSWORD, "password-new_password": "Brand-new-pass-7"},
    )
    assert response.status_code == 302
    assert_every_token_is_dead(tokens)
    assert web.get("/account/").status_code == 200  # the session that changed it stays


def test_a_password_change_ends_the_users_other_sessions(alice):
    here, elsewhere = login_client(alice), login_client(alice)
    here.post(
        "/account/password/",
        {"password-current_password": PASSWORD, "password-new_password": "Brand-new-pass-7"},
    )
    assert elsewhere.get("/account/").status_code == 302


def test_a_password_change_leaves_other_users_tokens_alone(alice, charlie):
    theirs = tokens_issue(user=charlie)
    user_change_password(user=alice, current_password=PASSWORD, new_password="Brand-new-pass-7")
    assert bearer(theirs["access_token"]).get(ME).status_code == 200


def test_the_password_change_and_the_revocation_are_one_transaction(alice):
    tokens = tokens_issue(user=alice)

    def fail_the_revocation(execute, sql, params, many, context):
        if "token_blacklist_blacklistedtoken" in sql and sql.lstrip().upper().startswith("INSERT"):
            raise DatabaseError("the revocation failed")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(fail_the_revocation), pytest.raises(DatabaseError):
        user_change_password(user=alice, current_password=PASSWORD, new_password="Brand-new-pass-7")
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)  # nothing changed: the old password still works
    assert bearer(tokens["access_token"]).get(ME).status_code == 200


def test_me_checks_the_token_version_without_another_query(alice, django_assert_num_queries):
    user_change_password(user=alice, current_password=PASSWORD, new_password="Brand-new-pass-7")
    client = bearer(tokens_issue(user=alice)["access_token"])
    # 1: load the user named by the token (its token_version comes with the row).
    with django_assert_num_queries(1):
        assert client.get(ME).status_code == 200


class TestRefreshBesideABearerHeader:
    def test_it_refreshes_with_a_garbage_bearer_header(self, alice):
        tokens = tokens_issue(user=alice)
        response = bearer("not.a.token").post(
            REFRESH, {"refresh_token": tokens["refresh_token"]}, format="json"
        )
        assert response.status_code == 200
        assert bearer(response.json()["access_token"]).get(ME).status_code == 200

    def test_it_refreshes_with_an_expired_bearer_header(self, alice):
        tokens = tokens_issue(user=alice)
        expired = AccessToken(tokens["access_token"])
        expired.set_exp(lifetime=-timedelta(minutes=1))
        response = bearer(str(expired)).post(
            REFRESH, {"refresh_token": tokens["refresh_token"]}, format="json"
        )
        assert response.status_code == 200

    def test_a_garbage_bearer_header_alone_is_a_401(self):
        response = bearer("not.a.token").post(REFRESH, format="json")
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "AUTHENTICATION_ERROR"

    def test_an_empty_refresh_token_is_a_400(self, alice):
        response = APIClient().post(REFRESH, {"refresh_token": ""}, format="json")
        assert response.status_code == 400
        assert "refresh_token" in response.json()["error"]["details"]


def test_the_schema_gives_refresh_token_a_minimum_length(api_client):
    schema = api_client.get("/api/schema", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for component in ("RefreshInputRequest", "LogoutInputRequest"):
        assert schema["components"]["schemas"][component]["properties"]["refresh_token"]["minLength"] == 1


def test_the_refresh_checks_the_token_version_not_only_the_blacklist(alice):
    tokens = tokens_issue(user=alice)
    # A bump that blacklists nothing (as for a refresh token recorded elsewhere):
    # the version claim alone refuses the old refresh token.
    User.objects.filter(pk=alice.pk).update(token_version=F("token_version") + 1)
    response = APIClient().post(REFRESH, {"refresh_token": tokens["refresh_token"]}, format="json")
    assert response.status_code == 401


def test_tokens_issued_before_the_version_claim_live_until_the_first_logout(alice):
    legacy = RefreshToken.for_user(alice)  # no "tv" claim, as issued before this release
    client = bearer(str(legacy.access_token))
    assert client.get(ME).status_code == 200
    user_change_password(user=alice, current_password=PASSWORD, new_password="Brand-new-pass-7")
    assert client.get(ME).status_code == 401
