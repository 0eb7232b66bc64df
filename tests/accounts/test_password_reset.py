"""Password reset by email: Django's token flow, throttled, the same answer for known
and unknown addresses, and a new password ends every session and token."""

import re

import pytest
from django.core import mail
from rest_framework.test import APIClient

from jobforge.accounts.services import RESET_LINK_SENT, tokens_issue
from tests.conftest import PASSWORD
from tests.pages import error_next_to, login_client, text_of
from tests.processing.pipeline_helpers import sync_queue_fixture  # noqa: F401  (fixture)

RESET = "/accounts/password-reset/"
API_RESET = "/api/v1/auth/password-reset"
NEW_PASSWORD = "Fresh-Start-2024"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sync_queue")]


def reset_link() -> str:
    assert len(mail.outbox) == 1
    match = re.search(r"https?://testserver(/accounts/reset/[^/\s]+/[^/\s]+/)", mail.outbox[0].body)
    assert match, mail.outbox[0].body
    return match.group(1)


def choose(client, link, password=NEW_PASSWORD):
    page = client.get(link, follow=True)  # Django moves the token into the session first
    set_url = page.redirect_chain[-1][0]
    return client.post(set_url, {"new_password1": password, "new_password2": password}, follow=True)


class TestAsking:
    def test_the_login_page_links_to_it(self, client):
        assert f'href="{RESET}"' in client.get("/accounts/login/").content.decode()

    def test_a_known_address_gets_one_link_by_mail(self, client, alice):
        response = client.post(RESET, {"email": "ALICE@example.com"}, follow=True)
        assert response.redirect_chain == [("/accounts/password-reset/sent/", 302)]
        assert RESET_LINK_SENT in text_of(response)
        assert mail.outbox[0].to == ["alice@example.com"]
        assert mail.outbox[0].subject == "Reset your Job Forge password"
        assert reset_link()

    def test_an_unknown_address_gets_the_same_answer_and_no_mail(self, client, alice):
        known = client.post(RESET, {"email": "alice@example.com"}, follow=True)
        mail.outbox.clear()
        unknown = client.post(RESET, {"email": "nobody@example.com"}, follow=True)
        assert unknown.redirect_chain == known.redirect_chain
        assert text_of(unknown) == text_of(known)
        assert mail.outbox == []

    def test_a_deactivated_account_gets_no_mail(self, client, alice):
        alice.is_active = False
        alice.save()
        client.post(RESET, {"email": "alice@example.com"})
        assert mail.outbox == []

    def test_an_invalid_address_shows_next_to_the_field(self, client):
        response = client.post(RESET, {"email": "not-an-email"})
        assert response.status_code == 200
        assert error_next_to(response, "id_email", "Enter a valid email address.")
        assert mail.outbox == []

    def test_it_is_throttled_per_client_ip_with_retry_after(self, client, settings):
        settings.JOBFORGE_THROTTLE_AUTH = "2/min"
        for n in range(2):
            assert client.post(RESET, {"email": f"someone{n}@example.com"}).status_code == 302
        response = client.post(RESET, {"email": "someone-else@example.com"})
        assert response.status_code == 429
        assert int(response["Retry-After"]) > 0

    def test_one_address_gets_a_bounded_number_of_mails_and_the_same_answer(self, client, alice, settings):
        settings.JOBFORGE_THROTTLE_PASSWORD_RESET = "2/hour"
        answers = [client.post(RESET, {"email": "alice@example.com"}) for _ in range(4)]
        assert [answer.status_code for answer in answers] == [302] * 4
        assert len(mail.outbox) == 2


class TestChoosing:
    def test_the_link_sets_the_password_and_ends_every_token_and_session(self, client, alice):
        tokens = tokens_issue(user=alice)
        other_browser = login_client(alice)
        client.post(RESET, {"email": "alice@example.com"})
        response = choose(client, reset_link())
        assert response.redirect_chain[-1] == ("/accounts/reset/done/", 302)
        alice.refresh_from_db()
        assert alice.check_password(NEW_PASSWORD)
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access_token']}")
        assert api.get("/api/v1/auth/me").status_code == 401
        refreshed = APIClient().post(
            "/api/v1/auth/refresh", {"refresh_token": tokens["refresh_token"]}, format="json"
        )
        assert refreshed.status_code == 401
        assert other_browser.get("/account/").status_code == 302
        login = client.post("/accounts/login/", {"username": "alice@example.com", "password": NEW_PASSWORD})
        assert login.status_code == 302

    def test_the_link_works_once(self, client, alice):
        client.post(RESET, {"email": "alice@example.com"})
        link = reset_link()
        choose(client, link)
        again = APIClient().get(link, follow=True)
        assert "This link no longer works" in text_of(again)

    def test_a_forged_link_is_refused(self, client, alice):
        response = client.get("/accounts/reset/MQ/abc-123/", follow=True)
        assert "This link no longer works" in text_of(response)

    def test_a_weak_password_is_refused_next_to_the_field(self, client, alice):
        client.post(RESET, {"email": "alice@example.com"})
        response = choose(client, reset_link(), password="12345678")
        assert response.status_code == 200
        assert response.context["form"].errors["new_password2"]
        alice.refresh_from_db()
        assert alice.check_password(PASSWORD)


class TestApi:
    def test_known_and_unknown_addresses_get_the_same_202(self, api_client, alice):
        known = api_client.post(API_RESET, {"email": "alice@example.com"}, format="json")
        unknown = api_client.post(API_RESET, {"email": "nobody@example.com"}, format="json")
        assert known.status_code == unknown.status_code == 202
        assert known.json() == unknown.json() == {"detail": RESET_LINK_SENT}
        assert len(mail.outbox) == 1
        assert reset_link()

    @pytest.mark.parametrize("body", [{}, {"email": "nope"}, {"email": ["a@example.com"]}])
    def test_a_missing_or_invalid_email_is_a_400(self, api_client, body):
        response = api_client.post(API_RESET, body, format="json")
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "VALIDATION_ERROR"
        assert mail.outbox == []

    def test_it_is_throttled_per_client_ip(self, api_client, settings):
        settings.JOBFORGE_THROTTLE_AUTH = "2/min"
        for _ in range(2):
            api_client.post(API_RESET, {"email": "nobody@example.com"}, format="json")
        response = api_client.post(API_RESET, {"email": "nobody@example.com"}, format="json")
        assert response.status_code == 429
        assert response.json()["error"]["code"] == "RATE_LIMITED"
        assert "Retry-After" in response

    def test_a_stale_bearer_header_does_not_matter(self, alice):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION="Bearer not.a.token")
        assert client.post(API_RESET, {"email": "alice@example.com"}, format="json").status_code == 202


@pytest.mark.django_db
def test_with_redis_the_mail_goes_out_from_the_worker(require_redis, client, alice, settings):
    import django_rq
    from rq import SimpleWorker

    settings.RQ_QUEUES = {"default": {"URL": settings.REDIS_URL, "DEFAULT_TIMEOUT": 60}}
    queue = django_rq.get_queue("default")
    queue.empty()
    response = client.post(RESET, {"email": "alice@example.com"})
    assert response.status_code == 302
    assert mail.outbox == []  # the request does not wait for the mail server
    assert queue.count == 1
    SimpleWorker([queue], connection=queue.connection).work(burst=True)
    assert reset_link()
