"""The auth throttle counts parallel requests exactly, per client IP from the trusted hop."""

import pytest
from rest_framework.test import APIClient

from tests.concurrency import cache_backend, in_parallel  # noqa: F401  (a fixture)
from tests.conftest import client_for
from tests.factories import RESUME_MARKDOWN, ApplicationFactory, document_write

LOGIN = "/api/v1/auth/login"


@pytest.mark.usefixtures("cache_backend")
def test_it_lets_exactly_the_limit_through_in_parallel(settings):
    settings.JOBFORGE_THROTTLE_AUTH = "10/min"
    responses = in_parallel(lambda: APIClient().post(LOGIN, {}, format="json"), threads=30)
    statuses = [response.status_code for response in responses]
    assert statuses.count(400) == 10
    assert statuses.count(429) == 20


def test_a_throttled_answer_says_when_to_retry(settings):
    settings.JOBFORGE_THROTTLE_AUTH = "1/hour"
    client = APIClient()
    assert client.post(LOGIN, {}, format="json").status_code == 400
    response = client.post(LOGIN, {}, format="json")
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "RATE_LIMITED"
    assert 3500 < int(response["Retry-After"]) <= 3600


def test_behind_the_proxy_it_counts_the_address_the_proxy_saw(settings):
    settings.JOBFORGE_THROTTLE_AUTH = "2/min"
    settings.BEHIND_PROXY = True
    client = APIClient(REMOTE_ADDR="10.0.0.1")  # the proxy
    # The client may send any X-Forwarded-For; the proxy appends the address it saw.
    for forged in ("1.1.1.1", "2.2.2.2"):
        assert (
            client.post(LOGIN, {}, format="json", HTTP_X_FORWARDED_FOR=f"{forged}, 203.0.113.7").status_code
            == 400
        )
    refused = client.post(LOGIN, {}, format="json", HTTP_X_FORWARDED_FOR="3.3.3.3, 203.0.113.7")
    assert refused.status_code == 429
    # Another client behind the same proxy is not affected.
    assert client.post(LOGIN, {}, format="json", HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 400


@pytest.mark.django_db(transaction=True)
def test_parallel_exports_render_exactly_the_limit(require_postgres, require_redis, alice, settings):
    settings.JOBFORGE_THROTTLE_EXPORT = "5/min"
    application = ApplicationFactory(user=alice)
    document_write(application, "optimized_resume", RESUME_MARKDOWN)
    export = f"/api/v1/applications/{application.pk}/documents/optimized_resume/export?format=docx"
    responses = in_parallel(lambda: client_for(alice).get(export), threads=16)
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200] * 5 + [429] * 11
