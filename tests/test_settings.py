"""Production mode: refuses insecure setups, and passes `check --deploy` when configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k3y-" + "x7Rq9Lm2Vb8Nc4Zt6Yp1Wd5Hs3Jf0Gu" * 2,
    "DJANGO_ALLOWED_HOSTS": "jobforge.example.com",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://jobforge.example.com",
}


def manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "JOBFORGE_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_the_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"DJANGO_SECRET_KEY": ""}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "short"}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_ALLOWED_HOSTS": "*"}, "DJANGO_ALLOWED_HOSTS"),
        ({"DJANGO_ALLOWED_HOSTS": ""}, "DJANGO_ALLOWED_HOSTS"),
        ({"JOBFORGE_THROTTLE_AUTH": "lots"}, "JOBFORGE_THROTTLE_AUTH"),
        ({"JOBFORGE_PHASE_TIMEOUT": "soon"}, "JOBFORGE_PHASE_TIMEOUT"),
    ],
)
def test_it_refuses_to_start_with_an_unsafe_or_broken_setting(override, message):
    result = manage("check", env={**PRODUCTION_ENV, **override})
    assert result.returncode != 0
    assert message in result.stderr


def test_production_mode_sets_secure_cookies_and_hsts():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS > 0, s.SECURE_REFERRER_POLICY, s.SECURE_PROXY_SSL_HEADER is not None)"
    )
    result = manage("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV)
    assert result.stdout.split() == ["True", "True", "True", "True", "same-origin", "False"]
    behind = manage("shell", "--no-imports", "-c", code, env={**PRODUCTION_ENV, "JOBFORGE_BEHIND_PROXY": "1"})
    assert behind.stdout.split()[-1] == "True"


def test_debug_is_off_unless_asked_for():
    code = "from django.conf import settings as s; print(s.DEBUG)"
    configured = {key: value for key, value in PRODUCTION_ENV.items() if key != "DJANGO_DEBUG"}
    assert manage("shell", "--no-imports", "-c", code, env=configured).stdout.split() == ["False"]
    assert manage("shell", "--no-imports", "-c", code, env={"DJANGO_DEBUG": "1"}).stdout.split() == ["True"]
    # A deploy that sets nothing refuses to start, and says what to set.
    result = manage("check", env={})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr
    assert "DJANGO_DEBUG=1" in result.stderr
