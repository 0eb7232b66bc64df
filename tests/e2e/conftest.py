"""Browser tests: Debian's Chromium driven by Playwright (sync API) against a live server.

Every test gets a fresh browser context whose page fails the test on any console
error (Chromium reports CSP violations there), any uncaught page error, any dialog
(`alert()` and friends: the app opens none) and any request that leaves loopback
(nothing may come from a CDN).
"""

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings

# Playwright's sync API runs an event loop in this thread; Django then refuses ORM
# calls from it ("async context") unless told the code is really synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Bounded waits: long enough for a slow CI machine, short enough to fail fast.
TIMEOUT_MS = 15_000
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


def _browser_missing(reason: str) -> None:
    if os.environ.get("JOBFORGE_REQUIRE_SERVICES") == "1" or django_settings.JOBFORGE_REQUIRE_SERVICES:
        pytest.fail(f"{reason} (JOBFORGE_REQUIRE_SERVICES=1 forbids skipping)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        _browser_missing(f"needs Debian's Chromium at {CHROMIUM}: apt-get install -y chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - it is in requirements-dev.txt
        _browser_missing("needs Playwright for Python: pip install -r requirements-dev.txt")
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _phases_run_in_the_request(settings):
    """Phase runs execute synchronously inside the request that starts them.

    `processing.queue.queue_is_async()` reads `RQ_QUEUES["default"]["ASYNC"]`: with
    it False the job runs in the web process when the start commits (what the app does
    without Redis). The live server runs in this process, so the override reaches it.
    A real `rqworker` subprocess is not an option here: with SQLite the test database
    lives in this process's memory, and even with PostgreSQL it would add a second
    process to start, watch and stop. The queue itself is tested in tests/processing.
    The offline provider is forced so no test can reach a paid API by accident.
    """
    queues = {name: {**queue} for name, queue in settings.RQ_QUEUES.items()}
    queues["default"]["ASYNC"] = False
    settings.RQ_QUEUES = queues
    settings.JOBFORGE_LLM_PROVIDER = "offline"


@dataclass
class BrowserProblems:
    """What went wrong in the page: console errors, page errors, dialogs, off-host requests."""

    console: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)
    allowed: list[re.Pattern] = field(default_factory=list)

    def allow_console(self, pattern: str) -> None:
        """Expect console errors matching `pattern` (e.g. the 404 a stranger must get)."""
        self.allowed.append(re.compile(pattern))

    def unexpected(self) -> list[str]:
        console = [m for m in self.console if not any(p.search(m) for p in self.allowed)]
        return (
            [f"console: {m}" for m in console]
            + [f"page error: {m}" for m in self.page_errors]
            + [f"dialog: {m}" for m in self.dialogs]
            + [f"request left loopback: {m}" for m in self.blocked_requests]
        )


def _context_new(browser, live_server, problems: BrowserProblems, **options):
    context = browser.new_context(base_url=live_server.url, accept_downloads=True, **options)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)

    def guard(route):
        host = urlsplit(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOOPBACK_HOSTS:
            route.continue_()
        else:
            problems.blocked_requests.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    return context


def _watch(page, problems: BrowserProblems) -> None:
    def on_console(message):
        if message.type == "error":
            location = message.location or {}
            problems.console.append(f"{message.text} ({location.get('url', '')})")

    def on_dialog(dialog):
        problems.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.page_errors.append(str(error)))
    page.on("dialog", on_dialog)


@dataclass
class Browsing:
    """Opens watched pages in fresh contexts; all of them report to one `problems`."""

    browser: object
    live_server: object
    problems: BrowserProblems
    contexts: list = field(default_factory=list)

    def page(self, *, viewport=DESKTOP, user=None, javascript=True):
        context = _context_new(
            self.browser,
            self.live_server,
            self.problems,
            viewport=viewport,
            java_script_enabled=javascript,
        )
        self.contexts.append(context)
        if user is not None:
            login_as(context, self.live_server, user)
        page = context.new_page()
        _watch(page, self.problems)
        return page

    def close(self) -> None:
        for context in self.contexts:
            context.close()


def laid_out(page) -> None:
    """Wait until the page's stylesheets and fonts are in before measuring its layout: an
    element can be visible while a slow server still sends the CSS, and text measured in a
    fallback font is wider than in the page's own."""
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready.then(() => true)")


def login_as(context, live_server, user) -> None:
    """Sign `user` in by handing the browser a real session cookie (the login form has its own test)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


@pytest.fixture
def browsing(browser, live_server) -> Iterator[Browsing]:
    """Fresh contexts for this test; the test fails if any page misbehaved."""
    problems = BrowserProblems()
    browsing = Browsing(browser=browser, live_server=live_server, problems=problems)
    yield browsing
    browsing.close()
    unexpected = problems.unexpected()
    assert not unexpected, "The browser reported problems:\n" + "\n".join(unexpected)


@pytest.fixture
def page(browsing):
    """A desktop-sized page, signed out."""
    return browsing.page()
