"""The API docs pages work in the browser under the strict CSP, served from the app itself."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_it_shows_the_operations_in_swagger_ui(page):
    response = page.goto("/docs")

    assert response.status == 200
    assert (
        "'unsafe-inline'"
        not in response.headers["content-security-policy"].split("script-src")[1].split(";")[0]
    )
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() > 10
    assert page.locator(".opblock-summary-path", has_text="/api/v1/applications").count() > 0


def test_it_renders_the_reference_in_redoc(page):
    response = page.goto("/redoc")

    assert response.status == 200
    page.get_by_text("Job Forge API").first.wait_for()
    page.locator("[role=menuitem]", has_text="applications").first.wait_for()
