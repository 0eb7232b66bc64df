"""Shared fixtures: an owner ("alice"), a stranger ("charlie"), API clients, service gates."""

import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from rest_framework.test import APIClient

from tests.factories import UserFactory
from tests.pages import login_client

PASSWORD = "Correct-Horse-9"


def _service_missing(reason: str) -> None:
    if os.environ.get("JOBFORGE_REQUIRE_SERVICES") == "1" or settings.JOBFORGE_REQUIRE_SERVICES:
        pytest.fail(f"{reason} (JOBFORGE_REQUIRE_SERVICES=1 forbids skipping)")
    pytest.skip(reason)


@pytest.fixture
def require_postgres():
    if connection.vendor != "postgresql":
        _service_missing("needs PostgreSQL: set DATABASE_URL=postgres://...")


@pytest.fixture
def require_redis():
    if not settings.REDIS_URL:
        _service_missing("needs Redis: set REDIS_URL=redis://...")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher is slow by design; tests create hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Throttle and rate-limit counters live in the cache; each test starts from zero.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def alice(db):
    return UserFactory(email="alice@example.com", first_name="Alice", last_name="Archer")


@pytest.fixture
def charlie(db):
    return UserFactory(email="charlie@example.com", first_name="Charlie", last_name="Chen")


@pytest.fixture
def api_client():
    return APIClient()


def bearer(access_token: str) -> APIClient:
    """An API client that sends this access token (or any string) as its Bearer header."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access_token}")
    return client


def client_for(user) -> APIClient:
    from jobforge.accounts.services import tokens_issue

    return bearer(tokens_issue(user=user)["access_token"])


@pytest.fixture
def alice_client(alice):
    return client_for(alice)


@pytest.fixture
def charlie_client(charlie):
    return client_for(charlie)


# Session-logged-in page clients: the owner ("web", "alice_web") and the stranger.


@pytest.fixture
def web(alice):
    return login_client(alice)


@pytest.fixture
def alice_web(web):
    return web


@pytest.fixture
def stranger(charlie):
    return login_client(charlie)


@pytest.fixture
def charlie_web(stranger):
    return stranger
