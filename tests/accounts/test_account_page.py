"""The account page: name and email, and the password change."""

import pytest
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from jobforge.accounts.services import tokens_issue
from tests.conftest import PASSWORD
from tests.pages import error_next_to, messages_of

pytestmark = pytest.mark.django_db


def test_it_shows_the_details_and_the_password_form(alice_web):
    response = alice_web.get("/account/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="alice@example.com"' in html
    assert 'value="Alice"' in html
    for field in ("id_profile-first_name", "id_profile-email", "id_password-current_password"):
        assert f'<label for="{field}"' in html


def test_it_saves_the_details(alice_web, alice):
    response = alice_web.post(
        "/account/",
        {"profile-first_name": "Ally", "profile-last_name": "Archer", "profile-email": "Ally@Example.com"},
        follow=True,
    )
    assert response.redirect_chain == [("/account/", 302)]
    alice.refresh_from_db()
    assert (alice.first_name, alice.email) == ("Ally", "ally@example.com")
    assert messages_of(response) == ["Your details are saved."]


def test_it_shows_a_taken_email_next_to_the_email(alice_web, alice, charlie):
    response = alice_web.post(
        "/account/", {"profile-first_name": "A", "profile-last_name": "", "profile-email": charlie.email}
    )
    assert response.status_code == 200
    assert error_next_to(response, "id_profile-email", "Already registered.")
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"


def test_it_shows_an_invalid_email_next_to_the_email(alice_web):
    response = alice_web.post("/account/", {"profile-email": "not-an-email"})
    assert error_next_to(response, "id_profile-email", "Enter a valid email address.")


def test_it_changes_the_password_and_keeps_the_session(alice_web, alice):
    refresh = tokens_issue(user=alice)["refresh_token"]
    response = alice_web.post(
        "/account/password/",
        {"password-current_password": PASSWORD, "password-new_password": "Brand-new-pass-7"},
        follow=True,
    )
    assert response.redirect_chain == [("/account/", 302)]
    assert messages_of(response) == ["Your password is changed."]
    assert response.context["user"].is_authenticated  # this browser stays signed in
    alice.refresh_from_db()
    assert alice.check_password("Brand-new-pass-7")
    # API sessions end: every refresh token is blacklisted.
    assert OutstandingToken.objects.filter(user=alice, token=refresh, blacklistedtoken__isnull=False).exists()


def test_it_shows_a_wrong_current_password_next_to_it(alice_web, alice):
    response = alice_web.post(
        "/account/password/",
        {"password-current_password": "Wrong-pass-1", "password-new_password": "Brand-new-pass-7"},
    )
    assert response.status_code == 200
    assert error_next_to(response, "id_password-current_password", "Your current password is incorrect.")
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_it_shows_a_weak_new_password_next_to_it(alice_web, alice):
    response = alice_web.post(
        "/account/password/", {"password-current_password": PASSWORD, "password-new_password": "12345678"}
    )
    errors = response.context["password_form"].errors["new_password"]
    assert errors
    assert error_next_to(response, "id_password-new_password", str(errors[0]))
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_it_takes_the_password_change_only_by_post(alice_web):
    assert alice_web.get("/account/password/").status_code == 405


def test_current_password_guesses_are_throttled_with_retry_after(alice_web, alice, settings):
    settings.JOBFORGE_THROTTLE_AUTH = "2/min"
    for _ in range(2):
        alice_web.post(
            "/account/password/",
            {"password-current_password": "Wrong-pass-1", "password-new_password": "Brand-new-pass-7"},
        )
    response = alice_web.post(
        "/account/password/",
        {"password-current_password": PASSWORD, "password-new_password": "Brand-new-pass-7"},
    )
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
