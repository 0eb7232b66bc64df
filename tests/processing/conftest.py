"""Fixtures for the processing tests: a loopback fake LLM server and provider settings pointing at it."""

import ipaddress
import socket

import pytest

from tests.processing.fake_llm import FakeLlmServer


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch):
    """No processing test may reach the internet: a provider that ignored its base URL
    would otherwise call the real API with a test key. Loopback (the fake server,
    PostgreSQL, Redis) stays open."""
    real_connect = socket.socket.connect

    def connect(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            host = str(address[0])
            try:
                allowed = ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
            except ValueError:
                allowed = host == "localhost"
            if not allowed:
                raise OSError(f"tests may only connect to loopback addresses, not {host}")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)


@pytest.fixture
def fake_llm():
    """A running `FakeLlmServer` (see tests/processing/fake_llm.py), stopped after the test.

    Script it with `fake_llm.script(ok(...), status(500), ...)`; read `fake_llm.requests`.
    For a worker subprocess, pass `fake_llm.anthropic_base_url` / `fake_llm.openai_base_url`
    as ANTHROPIC_BASE_URL / OPENAI_BASE_URL in its environment.
    """
    server = FakeLlmServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def anthropic_settings(settings, fake_llm):
    """Settings for the anthropic provider talking to the fake server."""
    settings.JOBFORGE_LLM_PROVIDER = "anthropic"
    settings.ANTHROPIC_API_KEY = "sk-ant-test-secret-key-0123456789"
    settings.ANTHROPIC_MODEL = "claude-haiku-4-5"
    settings.ANTHROPIC_BASE_URL = fake_llm.anthropic_base_url
    return settings


@pytest.fixture
def openai_settings(settings, fake_llm):
    """Settings for the openai provider talking to the fake server."""
    settings.JOBFORGE_LLM_PROVIDER = "openai"
    settings.OPENAI_API_KEY = "sk-openai-test-secret-key-0123456789"
    settings.OPENAI_MODEL = "gpt-4o-mini"
    settings.OPENAI_BASE_URL = fake_llm.openai_base_url
    return settings
