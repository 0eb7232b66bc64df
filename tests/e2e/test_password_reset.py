"""The password reset in a real browser: ask, follow the mailed link, choose a password
(the page passes the axe audit), log in with it."""

import re

import pytest
from django.core import mail

from tests.e2e.test_accessibility import _violations
from tests.factories import UserFactory
from tests.processing.pipeline_helpers import sync_queue_fixture  # noqa: F401  (fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("sync_queue")]


def test_a_forgotten_password_is_reset_by_the_mailed_link(browsing):
    UserFactory(email="forgetful@example.com")
    page = browsing.page()
    page.goto("/accounts/login/")
    page.click("text=Forgot your password?")
    page.fill("#id_email", "forgetful@example.com")
    page.click("button:has-text('Send the reset link')")
    page.wait_for_url("**/accounts/password-reset/sent/")
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)

    page.goto(link)
    page.wait_for_selector("#id_new_password1")
    assert _violations(page) == []
    page.fill("#id_new_password1", "Fresh-Start-2024")
    page.fill("#id_new_password2", "Fresh-Start-2024")
    page.click("button:has-text('Set the new password')")
    page.wait_for_url("**/accounts/reset/done/")

    page.click(".auth-card a.btn:has-text('Log in')")
    page.wait_for_url("**/accounts/login/")
    page.fill("#id_username", "forgetful@example.com")
    page.fill("#id_password", "Fresh-Start-2024")
    page.click("main button:has-text('Log in')")
    page.wait_for_url(lambda url: "/accounts/" not in url)
