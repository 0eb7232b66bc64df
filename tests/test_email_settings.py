"""Mail settings: the console by default, SMTP from EMAIL_URL or the EMAIL_* variables,
and a clear error for a value that cannot work."""

import json

import pytest

from tests.test_settings import PRODUCTION_ENV, manage

READ = (
    "import json; from django.conf import settings as s; print(json.dumps({k: getattr(s, k, None) for k in "
    "['EMAIL_BACKEND', 'EMAIL_HOST', 'EMAIL_PORT', 'EMAIL_HOST_USER', 'EMAIL_HOST_PASSWORD', "
    "'EMAIL_USE_TLS', 'EMAIL_USE_SSL', 'DEFAULT_FROM_EMAIL', 'EMAIL_TIMEOUT']}))"
)


def mail_settings(**env) -> dict:
    result = manage("shell", "--no-imports", "-c", READ, env={**PRODUCTION_ENV, **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_mail_goes_to_the_console_by_default():
    found = mail_settings()
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert found["EMAIL_TIMEOUT"] == 10


def test_email_url_configures_smtp_with_starttls():
    found = mail_settings(EMAIL_URL="smtp+tls://mailer%40example.com:p%40ss@smtp.example.com:2525")
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (found["EMAIL_HOST"], found["EMAIL_PORT"]) == ("smtp.example.com", 2525)
    assert (found["EMAIL_HOST_USER"], found["EMAIL_HOST_PASSWORD"]) == ("mailer@example.com", "p@ss")
    assert (found["EMAIL_USE_TLS"], found["EMAIL_USE_SSL"]) == (True, False)


def test_email_url_smtps_uses_implicit_tls_on_465():
    found = mail_settings(EMAIL_URL="smtps://u:p@smtp.example.com")
    assert (found["EMAIL_PORT"], found["EMAIL_USE_TLS"], found["EMAIL_USE_SSL"]) == (465, False, True)


def test_the_email_host_variables_configure_smtp():
    found = mail_settings(
        EMAIL_HOST="smtp.example.com",
        EMAIL_HOST_USER="mailer",
        EMAIL_HOST_PASSWORD="secret",
        DEFAULT_FROM_EMAIL="Job Forge <jobs@example.com>",
    )
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (found["EMAIL_HOST"], found["EMAIL_PORT"], found["EMAIL_USE_TLS"]) == (
        "smtp.example.com",
        587,
        True,
    )
    assert found["DEFAULT_FROM_EMAIL"] == "Job Forge <jobs@example.com>"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"EMAIL_URL": "mailto:someone@example.com"}, "EMAIL_URL"),
        ({"EMAIL_URL": "smtp://"}, "EMAIL_URL"),
        ({"EMAIL_URL": "smtp://smtp.example.com:port"}, "EMAIL_URL"),
        ({"EMAIL_HOST": "smtp.example.com", "EMAIL_PORT": "five"}, "EMAIL_PORT"),
        ({"EMAIL_HOST": "smtp.example.com", "EMAIL_USE_SSL": "1"}, "EMAIL_USE_SSL"),
        ({"DEFAULT_FROM_EMAIL": "nobody"}, "DEFAULT_FROM_EMAIL"),
        ({"JOBFORGE_THROTTLE_PASSWORD_RESET": "often"}, "JOBFORGE_THROTTLE_PASSWORD_RESET"),
    ],
)
def test_it_refuses_to_start_with_a_mail_setting_that_cannot_work(env, message):
    result = manage("check", env={**PRODUCTION_ENV, **env})
    assert result.returncode != 0
    assert message in result.stderr
