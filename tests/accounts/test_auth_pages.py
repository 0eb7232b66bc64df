"""Sign up, log in, log out and the landing page / dashboard."""

import pytest
from django.test import Client

from jobforge.accounts.models import User
from tests.factories import PASSWORD, ApplicationFactory, UserFactory
from tests.pages import field_errors, login_client, messages_of, text_of

pytestmark = pytest.mark.django_db


class TestHome:
    def test_it_shows_the_landing_page_to_visitors(self):
        response = Client().get("/")
        assert response.status_code == 200
        assert "home/landing.html" in [t.name for t in response.templates]
        assert "Sign up" in text_of(response)

    def test_it_shows_the_dashboard_to_signed_in_users(self, web, alice):
        ApplicationFactory(user=alice, company_name="Globex")
        response = web.get("/")
        assert "home/dashboard.html" in [t.name for t in response.templates]
        assert "Globex" in text_of(response)
        assert "Add your resume first" in text_of(response)

    def test_it_shows_an_empty_state_that_says_what_to_do(self, web):
        response = web.get("/")
        assert "Add your first application" in text_of(response)

    def test_it_does_not_show_other_users_applications_on_the_dashboard(self, web, charlie):
        ApplicationFactory(user=charlie, company_name="Secret Corp")
        assert "Secret Corp" not in text_of(web.get("/"))


class TestSignup:
    def test_it_renders_the_form(self):
        response = Client().get("/accounts/signup/")
        assert response.status_code == 200
        assert b'name="email"' in response.content

    def test_it_creates_the_account_logs_in_and_sends_to_the_resume_library(self):
        client = Client()
        response = client.post(
            "/accounts/signup/",
            {
                "email": "Dana@Example.com",
                "password": "Sturdy-Pass-77",
                "first_name": "Dana",
                "last_name": "",
            },
            follow=True,
        )
        assert response.redirect_chain[-1][0] == "/resumes/"
        user = User.objects.get(email="dana@example.com")
        assert response.context["user"] == user
        assert "Welcome to Job Forge! Start by adding your resume." in messages_of(response)

    def test_it_shows_a_weak_password_error_next_to_the_field(self):
        response = Client().post("/accounts/signup/", {"email": "dana@example.com", "password": "short"})
        assert response.status_code == 200
        errors = field_errors(response, "form", "password")
        assert any("at least 8 characters" in e for e in errors)
        assert 'id="id_password_error"' in response.content.decode()
        assert not User.objects.filter(email="dana@example.com").exists()

    def test_it_rejects_a_taken_email_case_insensitively(self, alice):
        response = Client().post(
            "/accounts/signup/", {"email": "ALICE@example.com", "password": "Sturdy-Pass-77"}
        )
        assert field_errors(response, "form", "email") == ["Already registered."]
        assert User.objects.filter(email__iexact="alice@example.com").count() == 1

    def test_it_requires_an_email(self):
        response = Client().post("/accounts/signup/", {"email": "", "password": "Sturdy-Pass-77"})
        assert field_errors(response, "form", "email") == ["This field is required."]

    def test_it_keeps_the_password_after_an_error_elsewhere(self):
        response = Client().post("/accounts/signup/", {"email": "not-an-email", "password": "Sturdy-Pass-77"})
        assert field_errors(response, "form", "email") == ["Enter a valid email address."]
        assert 'value="Sturdy-Pass-77"' in response.content.decode()

    def test_it_keeps_the_password_after_a_taken_email(self, alice):
        response = Client().post(
            "/accounts/signup/", {"email": "alice@example.com", "password": "Sturdy-Pass-77"}
        )
        assert 'value="Sturdy-Pass-77"' in response.content.decode()

    def test_it_empties_the_password_when_the_password_is_refused(self):
        response = Client().post("/accounts/signup/", {"email": "dana@example.com", "password": "password1"})
        assert field_errors(response, "form", "password")
        assert 'value="password1"' not in response.content.decode()

    def test_a_taken_email_offers_the_login_and_reset_links(self, alice):
        response = Client().post(
            "/accounts/signup/", {"email": "alice@example.com", "password": "Sturdy-Pass-77"}
        )
        page = response.content.decode()
        alert = page[page.index('role="alert"') : page.index("</div>", page.index('role="alert"'))]
        assert 'href="/accounts/login/"' in alert
        assert 'href="/accounts/password-reset/"' in alert
        assert "An account with this email already exists." in text_of(response)

    def test_it_sends_signed_in_users_home(self, web):
        assert web.get("/accounts/signup/").url == "/"


class TestLogin:
    def test_it_logs_in_with_email_and_password(self, alice):
        client = Client()
        response = client.post("/accounts/login/", {"username": "Alice@Example.com", "password": PASSWORD})
        assert response.status_code == 302
        assert response.url == "/"
        assert client.get("/").context["user"] == alice

    def test_it_follows_a_safe_next_url(self, alice):
        response = Client().post(
            "/accounts/login/?next=/resumes/",
            {"username": alice.email, "password": PASSWORD, "next": "/resumes/"},
        )
        assert response.url == "/resumes/"

    def test_it_ignores_an_offsite_next_url(self, alice):
        response = Client().post(
            "/accounts/login/",
            {"username": alice.email, "password": PASSWORD, "next": "https://evil.example/"},
        )
        assert response.url == "/"

    def test_it_gives_one_message_for_a_wrong_password_and_an_unknown_email(self, alice):
        wrong = Client().post("/accounts/login/", {"username": alice.email, "password": "Wrong-Pass-1"})
        unknown = Client().post(
            "/accounts/login/", {"username": "nobody@example.com", "password": "Wrong-Pass-1"}
        )
        assert wrong.context["form"].non_field_errors() == ["Invalid email or password."]
        assert unknown.context["form"].non_field_errors() == ["Invalid email or password."]
        assert "Invalid email or password." in text_of(wrong)

    def test_it_refuses_a_deactivated_user(self):
        user = UserFactory(is_active=False)
        response = Client().post("/accounts/login/", {"username": user.email, "password": PASSWORD})
        assert response.status_code == 200
        assert "_auth_user_id" not in response.client.session

    def test_it_rate_limits_attempts_per_ip(self, alice, settings):
        settings.JOBFORGE_THROTTLE_AUTH = "2/min"
        client = Client()
        for _ in range(2):
            client.post("/accounts/login/", {"username": alice.email, "password": "Wrong-Pass-1"})
        response = client.post("/accounts/login/", {"username": alice.email, "password": PASSWORD})
        assert response.status_code == 429
        assert "Too many requests" in text_of(response)
        assert "_auth_user_id" not in client.session

    def test_pages_need_a_login(self):
        response = Client().get("/applications/")
        assert response.status_code == 302
        assert response.url == "/accounts/login/?next=/applications/"


class TestLogout:
    def test_it_logs_out_on_post(self, web):
        response = web.post("/accounts/logout/", follow=True)
        assert response.context["user"].is_anonymous
        assert "You have been logged out." in messages_of(response)

    def test_it_ends_every_other_session_of_the_user(self, alice):
        here, elsewhere = login_client(alice), login_client(alice)
        here.post("/accounts/logout/")
        assert elsewhere.get("/account/").status_code == 302

    def test_it_refuses_get(self, web):
        assert web.get("/accounts/logout/").status_code == 405
        assert web.get("/").context["user"].is_authenticated
