"""Deleting one's account: the password confirms it, and everything of the user's goes."""

import pytest
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from applications.models import Application, StageEvent
from documents.models import Document, DocumentVersion
from jobforge.accounts.models import User
from jobforge.accounts.services import tokens_issue
from processing.models import PhaseRun
from resumes.models import Resume
from tests.conftest import PASSWORD, client_for
from tests.factories import ApplicationFactory, ResumeFactory, document_write
from tests.pages import error_next_to, login_client, messages_of

DELETE = "/api/v1/auth/delete-account"

pytestmark = pytest.mark.django_db


def give_data(user):
    resume = ResumeFactory(user=user, is_primary=True)
    application = ApplicationFactory(user=user, resume=resume, notes="notes")
    document_write(application, "research_report", "# Report\n\nFindings.")
    StageEvent.objects.create(application=application, from_stage="saved", to_stage="applied")
    PhaseRun.objects.create(application=application, phase="research", status="completed")
    return application


def counts_of(user_id) -> dict:
    return {
        "users": User.objects.filter(pk=user_id).count(),
        "applications": Application.objects.filter(user_id=user_id).count(),
        "documents": Document.objects.filter(application__user_id=user_id).count(),
        "versions": DocumentVersion.objects.filter(document__application__user_id=user_id).count(),
        "events": StageEvent.objects.filter(application__user_id=user_id).count(),
        "runs": PhaseRun.objects.filter(application__user_id=user_id).count(),
        "resumes": Resume.objects.filter(user_id=user_id).count(),
        "tokens": OutstandingToken.objects.filter(user_id=user_id).count(),
    }


@pytest.fixture
def alice_with_data(alice):
    give_data(alice)
    tokens_issue(user=alice)
    return alice


class TestApi:
    def test_it_deletes_the_user_and_everything_of_theirs(self, alice_with_data, charlie):
        give_data(charlie)
        client = client_for(alice_with_data)
        before = counts_of(alice_with_data.pk)
        assert all(before.values()), before
        charlies = counts_of(charlie.pk)
        response = client.post(DELETE, {"password": PASSWORD}, format="json")
        assert response.status_code == 204
        assert set(counts_of(alice_with_data.pk).values()) == {0}
        assert counts_of(charlie.pk) == charlies  # the stranger keeps everything
        assert client.get("/api/v1/auth/me").status_code == 401

    def test_a_wrong_password_is_a_400_and_changes_nothing(self, alice_with_data):
        client = client_for(alice_with_data)
        before = counts_of(alice_with_data.pk)
        response = client.post(DELETE, {"password": "Wrong-pass-1"}, format="json")
        assert response.status_code == 400
        body = response.json()
        assert body["error"]["code"] == "VALIDATION_ERROR"
        assert body["error"]["details"] == {"password": ["Your password is incorrect."]}
        assert counts_of(alice_with_data.pk) == before

    @pytest.mark.parametrize("body", [{}, {"password": ""}, {"password": ["x"]}, []])
    def test_a_missing_or_malformed_password_is_a_400(self, alice, body):
        response = client_for(alice).post(DELETE, body, format="json")
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "VALIDATION_ERROR"
        assert User.objects.filter(pk=alice.pk).exists()

    def test_password_guesses_are_throttled(self, alice, settings):
        settings.JOBFORGE_THROTTLE_AUTH = "2/min"
        client = client_for(alice)
        for _ in range(2):
            assert client.post(DELETE, {"password": "Wrong-pass-1"}, format="json").status_code == 400
        response = client.post(DELETE, {"password": PASSWORD}, format="json")
        assert response.status_code == 429
        assert response.json()["error"]["code"] == "RATE_LIMITED"
        assert int(response["Retry-After"]) > 0
        assert User.objects.filter(pk=alice.pk).exists()

    def test_it_needs_authentication(self, api_client, alice):
        response = api_client.post(DELETE, {"password": PASSWORD}, format="json")
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "AUTHENTICATION_ERROR"
        assert User.objects.filter(pk=alice.pk).exists()


class TestUi:
    def test_the_account_page_links_to_it(self, alice):
        assert 'href="/account/delete/"' in login_client(alice).get("/account/").content.decode()

    def test_it_asks_for_the_password(self, alice):
        response = login_client(alice).get("/account/delete/")
        assert response.status_code == 200
        page = response.content.decode()
        assert 'id="id_password"' in page
        assert 'autocomplete="current-password"' in page

    def test_it_deletes_everything_and_signs_out(self, alice_with_data):
        web = login_client(alice_with_data)
        response = web.post("/account/delete/", {"password": PASSWORD}, follow=True)
        assert response.redirect_chain == [("/", 302)]
        assert messages_of(response) == ["Your account and all your data are deleted."]
        assert not response.context["user"].is_authenticated
        assert set(counts_of(alice_with_data.pk).values()) == {0}

    def test_a_wrong_password_shows_next_to_the_field_and_changes_nothing(self, alice_with_data):
        before = counts_of(alice_with_data.pk)
        response = login_client(alice_with_data).post("/account/delete/", {"password": "Wrong-pass-1"})
        assert response.status_code == 200
        assert error_next_to(response, "id_password", "Your password is incorrect.")
        assert counts_of(alice_with_data.pk) == before

    def test_guesses_are_throttled_with_retry_after(self, alice, settings):
        settings.JOBFORGE_THROTTLE_AUTH = "1/min"
        web = login_client(alice)
        web.post("/account/delete/", {"password": "Wrong-pass-1"})
        response = web.post("/account/delete/", {"password": PASSWORD})
        assert response.status_code == 429
        assert int(response["Retry-After"]) > 0
        assert User.objects.filter(pk=alice.pk).exists()

    def test_anonymous_is_sent_to_log_in(self, client, alice):
        response = client.post("/account/delete/", {"password": PASSWORD})
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
        assert User.objects.filter(pk=alice.pk).exists()
