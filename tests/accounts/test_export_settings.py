"""Export settings (SPEC §13): the layout and paper size of a user's PDF and DOCX files,
from the account page and `PATCH /api/v1/auth/me`, with the paper size's default at
sign-up read from the browser's locale."""

import pytest

from jobforge.accounts.models import User
from jobforge.accounts.services import page_size_from_locale
from tests.pages import error_next_to, messages_of

pytestmark = pytest.mark.django_db

ME = "/api/v1/auth/me"
REGISTER = "/api/v1/auth/register"


class TestLocaleDefault:
    @pytest.mark.parametrize(
        "accept_language, page_size",
        [
            ("en-US,en;q=0.9", "letter"),
            ("fr-CA", "letter"),
            ("en_us", "letter"),
            ("es-419, en-US;q=0.2", "a4"),  # the preferred locale decides, not any listed one
            ("de-DE;q=0.4, en-CA;q=0.8", "letter"),
            ("en-GB,en;q=0.9", "a4"),
            ("de", "a4"),
            ("zh-Hant-TW", "a4"),
            ("", "a4"),
            (None, "a4"),
            ("*", "a4"),
            ("en-US;q=lots", "a4"),
            ("x" * 5000, "a4"),
        ],
    )
    def test_it_is_letter_for_the_us_and_canada_else_a4(self, accept_language, page_size):
        assert page_size_from_locale(accept_language) == page_size

    def test_api_sign_up_takes_it_from_accept_language(self, api_client):
        body = {"email": "nia@example.com", "password": "Sturdy-Pass-42", "full_name": "Nia Ng"}
        response = api_client.post(REGISTER, body, format="json", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.8")
        assert response.status_code == 201
        assert response.json()["user"]["page_size"] == "letter"
        assert User.objects.get(email="nia@example.com").page_size == "letter"

    def test_api_sign_up_may_choose_it(self, api_client):
        body = {"email": "nia@example.com", "password": "Sturdy-Pass-42", "page_size": "a4"}
        response = api_client.post(REGISTER, body, format="json", HTTP_ACCEPT_LANGUAGE="en-US")
        assert response.status_code == 201
        assert User.objects.get(email="nia@example.com").page_size == "a4"

    def test_api_sign_up_refuses_an_unknown_size(self, api_client):
        body = {"email": "nia@example.com", "password": "Sturdy-Pass-42", "page_size": "legal"}
        response = api_client.post(REGISTER, body, format="json")
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "VALIDATION_ERROR"
        assert "page_size" in response.json()["error"]["details"]
        assert not User.objects.filter(email="nia@example.com").exists()

    @pytest.mark.parametrize("accept_language, page_size", [("en-CA,fr-CA;q=0.5", "letter"), ("nl-NL", "a4")])
    def test_the_sign_up_page_takes_it_from_the_browser_without_javascript(
        self, client, accept_language, page_size
    ):
        form = {
            "first_name": "Nia",
            "last_name": "Ng",
            "email": "nia@example.com",
            "password": "Sturdy-Pass-42",
        }
        response = client.post("/accounts/signup/", form, HTTP_ACCEPT_LANGUAGE=accept_language)
        assert response.status_code == 302
        assert User.objects.get(email="nia@example.com").page_size == page_size


class TestApi:
    def test_me_shows_the_settings_with_the_servers_paper_size_until_one_is_chosen(
        self, alice_client, settings
    ):
        settings.JOBFORGE_PDF_PAGE_SIZE = "Letter"
        body = alice_client.get(ME).json()
        assert (body["document_template"], body["page_size"]) == ("classic", "letter")

    def test_patch_me_changes_them(self, alice_client, alice):
        response = alice_client.patch(
            ME, {"document_template": "modern", "page_size": "letter"}, format="json"
        )
        assert response.status_code == 200
        assert (response.json()["document_template"], response.json()["page_size"]) == ("modern", "letter")
        alice.refresh_from_db()
        assert (alice.document_template, alice.page_size) == ("modern", "letter")

    def test_patch_me_changes_only_what_is_sent_and_ignores_read_only_fields(self, alice_client, alice):
        response = alice_client.patch(ME, {"page_size": "letter", "email": "x@example.com"}, format="json")
        assert response.status_code == 200
        alice.refresh_from_db()
        assert (alice.document_template, alice.page_size, alice.email) == (
            "classic",
            "letter",
            "alice@example.com",
        )

    @pytest.mark.parametrize(
        "body, field",
        [({"document_template": "fancy"}, "document_template"), ({"page_size": "A5"}, "page_size")],
    )
    def test_an_unknown_value_is_a_400_and_changes_nothing(self, alice_client, alice, body, field):
        response = alice_client.patch(
            ME, {**body, "page_size": body.get("page_size", "letter")}, format="json"
        )
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["code"] == "VALIDATION_ERROR"
        assert field in error["details"]
        alice.refresh_from_db()
        assert (alice.document_template, alice.page_size) == ("classic", "")

    def test_patch_me_needs_a_token(self, api_client):
        response = api_client.patch(ME, {"page_size": "letter"}, format="json")
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "AUTHENTICATION_ERROR"


class TestAccountPage:
    def test_it_shows_the_current_settings(self, alice_web, alice):
        alice.document_template, alice.page_size = "modern", "letter"
        alice.save()
        html = alice_web.get("/account/").content.decode()
        assert '<option value="modern" selected>' in html
        assert '<option value="letter" selected>' in html

    def test_it_saves_them(self, alice_web, alice):
        response = alice_web.post(
            "/account/export-settings/",
            {"export-document_template": "modern", "export-page_size": "letter"},
            follow=True,
        )
        assert response.redirect_chain == [("/account/", 302)]
        assert messages_of(response) == ["Your export settings are saved."]
        alice.refresh_from_db()
        assert (alice.document_template, alice.page_size) == ("modern", "letter")

    def test_an_unknown_value_is_shown_next_to_its_field(self, alice_web, alice):
        response = alice_web.post(
            "/account/export-settings/", {"export-document_template": "fancy", "export-page_size": "a4"}
        )
        assert response.status_code == 200
        assert error_next_to(response, "id_export-document_template", "Select a valid choice.")
        alice.refresh_from_db()
        assert (alice.document_template, alice.page_size) == ("classic", "")

    def test_it_is_for_signed_in_users_only(self, client):
        response = client.post("/account/export-settings/", {"export-page_size": "a4"})
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
