import threading

import pytest
from django.db import close_old_connections
from rest_framework.test import APIClient
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

from jobforge.accounts.models import User
from jobforge.accounts.services import tokens_issue, user_deactivate
from tests.conftest import PASSWORD

REGISTER = "/api/v1/auth/register"
LOGIN = "/api/v1/auth/login"
ME = "/api/v1/auth/me"
REFRESH = "/api/v1/auth/refresh"
LOGOUT = "/api/v1/auth/logout"


def register(client, **overrides):
    body = {"email": "new@example.com", "password": "Sturdy-Pass-42", "first_name": "Nia", "last_name": "Ng"}
    body.update(overrides)
    return client.post(REGISTER, body, format="json")


@pytest.mark.django_db
class TestRegister:
    def test_it_creates_the_user_and_returns_tokens(self, api_client):
        response = register(api_client)
        assert response.status_code == 201
        body = response.json()
        assert body["token_type"] == "bearer"
        assert body["expires_in"] == 24 * 3600
        assert body["user"]["email"] == "new@example.com"
        assert body["user"]["full_name"] == "Nia Ng"
        assert set(body["user"]) == {
            "id",
            "email",
            "first_name",
            "last_name",
            "full_name",
            "is_active",
            "document_template",
            "page_size",
            "calendar_url",
            "created_at",
            "updated_at",
        }
        assert body["user"]["created_at"].endswith("Z")
        me = api_client.get(ME, HTTP_AUTHORIZATION=f"Bearer {body['access_token']}")
        assert me.status_code == 200
        assert me.json()["id"] == body["user"]["id"]

    def test_it_splits_full_name_on_the_first_space(self, api_client):
        response = register(api_client, first_name="", last_name="", full_name="Mary Ann Smith")
        assert response.status_code == 201
        assert response.json()["user"]["first_name"] == "Mary"
        assert response.json()["user"]["last_name"] == "Ann Smith"

    def test_it_refuses_a_second_account_for_the_same_email_in_any_case(self, api_client):
        assert register(api_client).status_code == 201
        response = register(api_client, email="NEW@Example.COM")
        assert response.status_code == 409
        assert response.json()["error"]["code"] == "DUPLICATE_RESOURCE"
        assert User.objects.count() == 1

    def test_it_stores_emails_lower_case(self, api_client):
        register(api_client, email="Mixed.Case@Example.com")
        assert User.objects.get().email == "mixed.case@example.com"

    @pytest.mark.parametrize(
        ("password", "fragment"),
        [
            ("Short1A", "too short"),
            ("alllowercase1", "upper-case"),
            ("ALLUPPERCASE1", "lower-case"),
            ("NoDigitsHere", "digit"),
            ("12345678", "entirely numeric"),
            ("Password1", "too common"),
        ],
    )
    def test_it_rejects_weak_passwords_naming_the_rule(self, api_client, password, fragment):
        response = register(api_client, password=password)
        assert response.status_code == 400
        body = response.json()
        assert body["error"]["code"] == "VALIDATION_ERROR"
        assert any(fragment in message for message in body["error"]["details"]["password"])
        assert not User.objects.exists()

    def test_it_rejects_a_password_too_similar_to_the_email(self, api_client):
        response = register(api_client, email="brightmoon@example.com", password="Brightmoon1")
        assert response.status_code == 400
        assert "similar" in " ".join(response.json()["error"]["details"]["password"])

    def test_it_accepts_an_eight_character_password_with_all_classes(self, api_client):
        assert register(api_client, password="Xq7#mPz9").status_code == 201

    def test_it_names_missing_fields(self, api_client):
        response = api_client.post(REGISTER, {}, format="json")
        assert response.status_code == 400
        assert set(response.json()["error"]["details"]) == {"email", "password"}

    def test_it_rejects_an_invalid_email(self, api_client):
        response = register(api_client, email="not-an-email")
        assert response.status_code == 400
        assert "email" in response.json()["error"]["details"]


@pytest.mark.django_db
class TestLogin:
    def test_it_returns_tokens_for_the_right_password(self, api_client, alice):
        response = api_client.post(LOGIN, {"email": "ALICE@example.com", "password": PASSWORD}, format="json")
        assert response.status_code == 200
        assert response.json()["user"]["email"] == "alice@example.com"
        assert response.json()["refresh_token"]

    def test_it_gives_the_same_answer_for_a_wrong_password_and_an_unknown_email(self, api_client, alice):
        wrong = api_client.post(
            LOGIN, {"email": "alice@example.com", "password": "Wrong-Pass-1"}, format="json"
        )
        unknown = api_client.post(LOGIN, {"email": "nobody@example.com", "password": PASSWORD}, format="json")
        assert wrong.status_code == unknown.status_code == 401
        assert wrong.json()["error"] == unknown.json()["error"]
        assert wrong.json()["error"]["code"] == "AUTHENTICATION_ERROR"

    def test_it_refuses_a_deactivated_user(self, api_client, alice):
        user_deactivate(user=alice)
        response = api_client.post(LOGIN, {"email": "alice@example.com", "password": PASSWORD}, format="json")
        assert response.status_code == 401

    def test_it_requires_both_fields(self, api_client):
        response = api_client.post(LOGIN, {"email": "a@example.com"}, format="json")
        assert response.status_code == 400
        assert "password" in response.json()["error"]["details"]


@pytest.mark.django_db
class TestMe:
    def test_it_needs_a_token(self, api_client):
        response = api_client.get(ME)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "AUTHENTICATION_ERROR"

    def test_it_rejects_a_garbage_token(self, api_client):
        response = api_client.get(ME, HTTP_AUTHORIZATION="Bearer not.a.token")
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "AUTHENTICATION_ERROR"

    def test_it_runs_one_query(self, alice_client, django_assert_num_queries):
        # 1: load the user named by the token.
        with django_assert_num_queries(1):
            response = alice_client.get(ME)
        assert response.status_code == 200

    def test_it_refuses_a_deactivated_users_access_token_at_once(self, alice, alice_client):
        assert alice_client.get(ME).status_code == 200
        user_deactivate(user=alice)
        assert alice_client.get(ME).status_code == 401


@pytest.mark.django_db
class TestRefresh:
    def test_it_rotates_and_kills_the_old_refresh_token(self, api_client, alice):
        tokens = tokens_issue(user=alice)
        first = api_client.post(REFRESH, {"refresh_token": tokens["refresh_token"]}, format="json")
        assert first.status_code == 200
        body = first.json()
        assert set(body) == {"access_token", "refresh_token", "token_type", "expires_in"}
        assert body["refresh_token"] != tokens["refresh_token"]
        reused = api_client.post(REFRESH, {"refresh_token": tokens["refresh_token"]}, format="json")
        assert reused.status_code == 401
        again = api_client.post(REFRESH, {"refresh_token": body["refresh_token"]}, format="json")
        assert again.status_code == 200

    def test_the_blacklist_app_is_installed(self, settings):
        assert "rest_framework_simplejwt.token_blacklist" in settings.INSTALLED_APPS
        assert settings.SIMPLE_JWT["ROTATE_REFRESH_TOKENS"] is True

    def test_it_accepts_a_bearer_access_token_without_body(self, alice_client):
        response = alice_client.post(REFRESH, format="json")
        assert response.status_code == 200
        assert response.json()["access_token"]

    def test_it_needs_a_token_one_way_or_the_other(self, api_client):
        response = api_client.post(REFRESH, {}, format="json")
        assert response.status_code == 400
        assert "refresh_token" in response.json()["error"]["details"]

    def test_it_rejects_an_access_token_as_refresh_token(self, api_client, alice):
        tokens = tokens_issue(user=alice)
        response = api_client.post(REFRESH, {"refresh_token": tokens["access_token"]}, format="json")
        assert response.status_code == 401

    def test_it_refuses_a_deactivated_users_refresh_token(self, api_client, alice):
        tokens = tokens_issue(user=alice)
        user_deactivate(user=alice)
        response = api_client.post(REFRESH, {"refresh_token": tokens["refresh_token"]}, format="json")
        assert response.status_code == 401

    def test_it_honours_configured_lifetimes(self, api_client, alice, settings):
        from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

        tokens = tokens_issue(user=alice)
        access = AccessToken(tokens["access_token"])
        refresh = RefreshToken(tokens["refresh_token"])
        # Both lifetimes count from the moment the pair was issued (the refresh token's
        # iat); the access token's own iat may fall one clock second later.
        assert access["exp"] - refresh["iat"] == settings.JWT_ACCESS_TOKEN_MINUTES * 60
        assert refresh["exp"] - refresh["iat"] == settings.JWT_REFRESH_TOKEN_DAYS * 86400


@pytest.mark.django_db(transaction=True)
def test_two_parallel_refreshes_of_one_token_give_one_winner(require_postgres, alice):
    refresh_token = tokens_issue(user=alice)["refresh_token"]
    barrier = threading.Barrier(2)
    statuses = []

    def attempt():
        try:
            barrier.wait()
            response = APIClient().post(REFRESH, {"refresh_token": refresh_token}, format="json")
            statuses.append(response.status_code)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 401]
    assert BlacklistedToken.objects.count() == 1
    assert OutstandingToken.objects.filter(user=alice).count() == 2


@pytest.mark.django_db
class TestLogout:
    def test_it_kills_the_refresh_token(self, api_client, alice):
        tokens = tokens_issue(user=alice)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access_token']}")
        response = client.post(LOGOUT, {"refresh_token": tokens["refresh_token"]}, format="json")
        assert response.status_code == 204
        reused = api_client.post(REFRESH, {"refresh_token": tokens["refresh_token"]}, format="json")
        assert reused.status_code == 401

    def test_it_refuses_another_users_refresh_token(self, alice_client, charlie):
        tokens = tokens_issue(user=charlie)
        response = alice_client.post(LOGOUT, {"refresh_token": tokens["refresh_token"]}, format="json")
        assert response.status_code == 401
        assert not BlacklistedToken.objects.exists()

    def test_it_needs_authentication(self, api_client, alice):
        tokens = tokens_issue(user=alice)
        response = api_client.post(LOGOUT, {"refresh_token": tokens["refresh_token"]}, format="json")
        assert response.status_code == 401
