"""Helpers for the pipeline tests: a scripted in-process provider and application builders.

Fixtures are defined under a `*_fixture` name and registered by `name=`, so a test module
imports `scripted_fixture` and asks for `scripted`.
"""

import json
from collections import deque
from collections.abc import Callable

import pytest

from processing.llm.base import LlmResult, PhaseInput
from processing.llm.errors import LlmError
from processing.phases import phase_get
from processing.verify import source_structure
from tests.factories import ApplicationFactory, ResumeFactory, document_write


def faithful_draft(phase_input: PhaseInput) -> str:
    """A tailored-resume draft that keeps every line of every role as it stands."""
    structure = source_structure(phase_input)
    roles = [
        {
            "id": role["id"],
            "bullets": [{"text": h["text"], "source_ids": [h["id"]]} for h in role["highlights"]],
        }
        for role in structure["work"]
    ]
    return json.dumps({"roles": roles})


def default_reply(phase_input: PhaseInput) -> str:
    if phase_get(phase_input.phase).drafts_structure:
        return faithful_draft(phase_input)
    return f"# {phase_input.phase}\n\nScripted document."


class ScriptedProvider:
    """A provider whose replies are scripted per call: a text, an `LlmError`, or a callable.

    A callable gets `(phase_input, timeout, on_progress)` and returns a text or raises.
    Each call is recorded as `(phase, timeout)`.
    """

    name = "scripted"
    model = "gpt-4o-mini"

    def __init__(self, *replies) -> None:
        self.replies = deque(replies)
        self.calls: list[tuple[str, float]] = []
        self.inputs: list[PhaseInput] = []

    def generate(self, phase_input: PhaseInput, *, timeout: float, on_progress) -> LlmResult:
        self.calls.append((phase_input.phase, timeout))
        self.inputs.append(phase_input)
        reply = self.replies.popleft() if self.replies else default_reply(phase_input)
        if isinstance(reply, Exception):
            raise reply
        if callable(reply):
            reply = reply(phase_input, timeout, on_progress)
        on_progress(0.5)
        return LlmResult(text=reply, model=self.model, input_tokens=1200, output_tokens=800)


def transient(status: int = 500, retry_after: float | None = None) -> LlmError:
    return LlmError(
        f"The AI provider is unavailable right now (HTTP {status}).",
        transient=True,
        status=status,
        retry_after=retry_after,
    )


def permanent(message: str = "The AI provider sent a reply that could not be read.") -> LlmError:
    return LlmError(message, transient=False)


@pytest.fixture(name="scripted")
def scripted_fixture(monkeypatch) -> Callable[..., ScriptedProvider]:
    """`scripted(*replies)` installs a ScriptedProvider as the configured provider."""

    def install(*replies) -> ScriptedProvider:
        provider = ScriptedProvider(*replies)
        monkeypatch.setattr("processing.jobs._provider", lambda: provider)
        return provider

    return install


@pytest.fixture(name="no_backoff")
def no_backoff_fixture(monkeypatch):
    """Retries without real waiting; the waits asked for are recorded."""
    waits: list[float] = []
    monkeypatch.setattr("processing.jobs._sleep", waits.append)
    return waits


def sql_writes(queries) -> list[str]:
    """The statements of a `CaptureQueriesContext` that write (INSERT, UPDATE, DELETE, ...)."""
    return [
        query["sql"]
        for query in queries.captured_queries
        if not query["sql"].lstrip().upper().startswith(("SELECT", "SAVEPOINT", "RELEASE SAVEPOINT"))
    ]


def application_at(user, *, research=False, resume=False, with_resume=True, **fields):
    """An application of `user` with the earlier phases marked done (and their documents)."""
    if with_resume and not user.resumes.filter(is_primary=True).exists():
        ResumeFactory(user=user, is_primary=True)
    application = ApplicationFactory(user=user, **fields)
    updates = {}
    if research or resume:
        document_write(application, "research_report", "# Research\n\nThe role needs Python and Kubernetes.")
        updates.update(research_completed=True, status="research_complete")
    if resume:
        document_write(application, "optimized_resume", "# Jordan Rivera\n\nPython, Django, PostgreSQL.")
        updates.update(resume_optimized=True, status="resume_complete")
    if updates:
        type(application).objects.filter(pk=application.pk).update(**updates)
        application.refresh_from_db()
    return application


@pytest.fixture(name="sync_queue")
def sync_queue_fixture(settings):
    """The queue as without Redis: jobs run in-process after commit, even when REDIS_URL is set."""
    settings.RQ_QUEUES = {"default": {"HOST": "localhost", "PORT": 6379, "DB": 0, "ASYNC": False}}


@pytest.fixture(name="fast_passwords")
def fast_passwords_fixture(settings):
    """Users made by the fixtures hash their password cheaply (these tests never check it)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(name="offline")
def offline_fixture(settings):
    """The offline provider, whatever the environment configures."""
    settings.JOBFORGE_LLM_PROVIDER = "offline"


@pytest.fixture(name="post")
def post_fixture(django_capture_on_commit_callbacks):
    """`post(client, path, body)`: POST, then run the jobs its commit enqueues (and the ones
    those enqueue in turn), as a request without Redis does."""

    def send(client, path, body=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(path, body if body is not None else {}, format="json")

    return send
