"""django-rq's admin pages under the strict CSP: their inline blocks are allowed by hash on
those pages only; the app's pages keep the policy unchanged. The admin has an icon."""

import re

import pytest
from django.contrib.staticfiles import finders

from jobforge.accounts.models import User
from jobforge.admin_csp import TEMPLATES, _source_hash, inline_hashes

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator_client(client):
    client.force_login(User.objects.create_superuser("ops@example.com", "Ops-Pass-123"))
    return client


def _policy(response) -> str:
    return response["Content-Security-Policy"]


def test_every_inline_block_of_django_rq_is_hashed():
    policy = inline_hashes()
    stats = (TEMPLATES / "django_rq" / "stats.html").read_text()
    [style] = re.findall(r"<style>(.*?)</style>", stats, flags=re.S)
    assert _source_hash(style) in policy["style-src"]
    jobs = (TEMPLATES / "django_rq" / "jobs.html").read_text()
    [script] = re.findall(r'<script type="text/javascript">(.*?)</script>', jobs, flags=re.S)
    assert _source_hash(script) in policy["script-src"]
    assert _source_hash("margin-top: 20px;") in policy["style-src"]
    assert "'unsafe-inline'" not in policy["style-src"] + policy["script-src"]


@pytest.mark.usefixtures("require_redis")
def test_django_rqs_pages_carry_the_hashes_of_their_inline_blocks(operator_client):
    stats = (TEMPLATES / "django_rq" / "stats.html").read_text()
    [style] = re.findall(r"<style>(.*?)</style>", stats, flags=re.S)
    for url in ("/admin/rq/", "/admin/rq/queues/0/"):
        response = operator_client.get(url)
        assert response.status_code == 200
        policy = _policy(response)
        assert _source_hash(style) in policy
        assert "'unsafe-inline'" not in policy


def test_the_apps_own_pages_keep_the_strict_policy(operator_client):
    for url in ("/", "/admin/", "/admin/processing/phaserun/"):
        policy = _policy(operator_client.get(url))
        assert "sha256-" not in policy and "'unsafe-hashes'" not in policy
        assert "style-src 'self'" in policy


def test_favicon_ico_leads_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/img/logo.svg"
    assert finders.find("img/logo.svg")
