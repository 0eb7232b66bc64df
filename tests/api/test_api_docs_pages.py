"""Swagger UI (/docs) and ReDoc (/redoc) under the app's CSP: their inline scripts carry the
request's nonce, nothing comes from another site, and ReDoc's extra allowances stay on
its own page."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _directives(response) -> dict[str, list[str]]:
    parts = [part.split() for part in response["Content-Security-Policy"].split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


def _nonce(response) -> str:
    nonces = [s for s in _directives(response)["script-src"] if s.startswith("'nonce-")]
    assert len(nonces) == 1
    return nonces[0][len("'nonce-") : -1]


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_it_serves_the_docs_with_nonced_inline_scripts_only(path):
    response = Client().get(path)
    assert response.status_code == 200
    directives = _directives(response)
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-inline'" not in directives["style-src"]
    nonce = _nonce(response)
    html = response.content.decode()
    inline = [tag for tag in re.findall(r"<script\b[^>]*>", html) if " src=" not in tag]
    assert inline, "the page initialises its viewer inline"
    assert all(f'nonce="{nonce}"' in tag for tag in inline)
    assert "<style" not in html


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_the_docs_load_nothing_from_another_site(path):
    html = Client().get(path).content.decode()
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
    assert external == []
    assert "fonts.googleapis" not in html


def test_redoc_tags_its_styles_with_the_nonce_and_may_use_a_search_worker():
    response = Client().get("/redoc")
    directives = _directives(response)
    nonce = _nonce(response)
    assert f"'nonce-{nonce}'" in directives["style-src"]
    assert f'redocSettings.nonce = "{nonce}"' in response.content.decode()
    assert directives["worker-src"] == ["'self'", "blob:"]
    assert directives["img-src"] == ["'self'", "data:"]


def test_the_redoc_allowances_do_not_reach_the_app_pages(alice_web):
    for path in ("/", "/docs", "/resumes/"):
        directives = _directives(alice_web.get(path))
        assert directives["style-src"] == ["'self'"]
        assert "worker-src" not in directives
