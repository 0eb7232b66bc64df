"""While PostgreSQL or Redis is down the API answers 503 in the envelope, never a 500.

The outages are real: the settings point at a closed port (or, on SQLite, at a file
that cannot be opened), and the code under test opens real connections to it.
"""

import contextlib
import socket

import pytest
from django.db import connection
from django.test import override_settings

from applications.models import Application
from jobforge.accounts.models import User
from processing.models import PhaseRun
from tests.factories import ApplicationFactory, ResumeFactory


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


REDIS_DOWN = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
    }
}


@pytest.fixture
def redis_cache_down():
    # Restored before the shared fixture clears the cache after each test.
    with override_settings(CACHES=REDIS_DOWN):
        yield


@pytest.fixture
def database_down(transactional_db, tmp_path):
    """Within `with database_down():` every new database connection fails."""

    @contextlib.contextmanager
    def down():
        saved_settings = dict(connection.settings_dict)
        # SQLite keeps its in-memory test database in the open connection: set it aside.
        saved_connection = connection.connection
        connection.connection = None
        if connection.vendor == "postgresql":
            connection.settings_dict.update(HOST="127.0.0.1", PORT=str(closed_port()))
        else:
            connection.settings_dict["NAME"] = str(tmp_path / "missing" / "db.sqlite3")
        try:
            yield
        finally:
            connection.settings_dict.clear()
            connection.settings_dict.update(saved_settings)
            connection.connection = saved_connection

    return down


def assert_unavailable(response, path):
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "5"
    body = response.json()
    assert body["error"]["code"] == "SERVICE_UNAVAILABLE"
    assert body["path"] == path
    assert "Traceback" not in response.content.decode()


def test_it_answers_503_when_the_database_is_down(alice_client, database_down):
    with database_down():
        response = alice_client.get("/api/v1/applications")
    assert_unavailable(response, "/api/v1/applications")


def test_it_answers_503_to_a_write_when_the_database_is_down(alice, alice_client, database_down):
    body = {"company_name": "Acme", "role_title": "Engineer", "job_description": "x" * 60}
    with database_down():
        response = alice_client.post("/api/v1/applications", body, format="json")
    assert_unavailable(response, "/api/v1/applications")
    assert not Application.objects.filter(user=alice).exists()


@pytest.mark.django_db
def test_it_answers_503_to_register_when_redis_is_down(api_client, redis_cache_down):
    body = {"email": "ada@example.com", "password": "Analytical-Engine-1", "full_name": "Ada Lovelace"}
    response = api_client.post("/api/v1/auth/register", body, format="json")
    assert_unavailable(response, "/api/v1/auth/register")
    assert not User.objects.filter(email="ada@example.com").exists()


@pytest.mark.django_db
def test_it_answers_503_to_a_phase_start_when_redis_is_down(alice, alice_client, redis_cache_down):
    ResumeFactory(user=alice)
    application = ApplicationFactory(user=alice)
    path = f"/api/v1/processing/applications/{application.id}/research"
    response = alice_client.post(path, {}, format="json")
    assert_unavailable(response, path)
    assert not PhaseRun.objects.filter(application=application).exists()
    assert Application.objects.get(id=application.id).status == Application.Status.DRAFT


def test_a_page_answers_503_when_the_database_is_down(alice, client, database_down):
    client.force_login(alice)
    client.raise_request_exception = False
    with database_down():
        response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "back in a moment" in response.content.decode()
