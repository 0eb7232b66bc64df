"""A JSON body nested too deeply is a 400 in the envelope, on every JSON endpoint."""

import pytest

from tests.api.test_conventions import assert_envelope

pytestmark = pytest.mark.django_db


def nested(depth: int, *, opener: str = "[", closer: str = "]") -> str:
    return opener * depth + closer * depth


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_login_refuses_a_deep_body_with_a_400(api_client, depth):
    response = api_client.post("/api/v1/auth/login", data=nested(depth), content_type="application/json")
    body = assert_envelope(response, 400, "VALIDATION_ERROR")
    assert "nested too deeply" in body["error"]["message"]


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_an_authenticated_endpoint_refuses_a_deep_value_with_a_400(alice_client, depth):
    body = '{"company_name": ' + nested(depth, opener='{"a": ', closer="}").replace("}", "1}", 1) + "}"
    response = alice_client.post("/api/v1/applications", data=body, content_type="application/json")
    assert_envelope(response, 400, "VALIDATION_ERROR")
    assert alice_client.get("/api/v1/applications").json()["total"] == 0


@pytest.mark.parametrize("depth", [50, 500, 900])
def test_a_deep_body_the_parser_can_read_is_a_plain_validation_error(alice_client, depth):
    response = alice_client.post(
        "/api/v1/applications",
        data='{"company_name": ' + nested(depth) + "}",
        content_type="application/json",
    )
    assert_envelope(response, 400, "VALIDATION_ERROR")
