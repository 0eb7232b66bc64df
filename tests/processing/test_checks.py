"""System checks: a remote AI provider without a queue server is reported at start and at deploy."""

import io

import pytest
from django.core.management import call_command

SYNC_QUEUE = {"default": {"HOST": "localhost", "PORT": 6379, "DB": 0, "ASYNC": False}}
REDIS_QUEUE = {"default": {"URL": "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 600}}


@pytest.fixture(autouse=True)
def _no_async_override(monkeypatch):
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; `check --deploy`
    # reports it as an error, which is not what these tests are about.
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)


def check_output(*args) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("check", *args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


@pytest.mark.parametrize("provider", ["anthropic", "openai"])
@pytest.mark.parametrize("args", [(), ("--deploy",)])
def test_it_warns_about_a_remote_provider_without_redis(settings, provider, args):
    settings.JOBFORGE_LLM_PROVIDER = provider
    settings.RQ_QUEUES = SYNC_QUEUE
    settings.JOBFORGE_PHASE_TIMEOUT = 300
    output = check_output(*args)
    assert "jobforge.W031" in output
    assert f"JOBFORGE_LLM_PROVIDER={provider} without REDIS_URL" in output
    assert "up to 300 seconds" in output


@pytest.mark.parametrize(("provider", "queues"), [("offline", SYNC_QUEUE), ("anthropic", REDIS_QUEUE)])
def test_it_is_quiet_offline_or_with_a_queue_server(settings, provider, queues):
    settings.JOBFORGE_LLM_PROVIDER = provider
    settings.RQ_QUEUES = queues
    assert "jobforge.W031" not in check_output("--deploy")
