"""Bodies the parsers refuse (nested too deeply, too many fields) are a 400 in the envelope."""

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


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("&".join(f"f{n}=1" for n in range(2_000)), "application/x-www-form-urlencoded"),
        (
            "".join(f'--b\r\nContent-Disposition: form-data; name="f{n}"\r\n\r\n1\r\n' for n in range(2_000))
            + "--b--\r\n",
            "multipart/form-data; boundary=b",
        ),
    ],
)
def test_a_form_with_too_many_fields_is_a_400(api_client, body, content_type):
    response = api_client.post("/api/v1/auth/login", data=body, content_type=content_type)
    error = assert_envelope(response, 400, "VALIDATION_ERROR")["error"]
    assert "too many fields" in error["message"]
