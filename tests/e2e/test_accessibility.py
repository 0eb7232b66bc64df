"""Every main page passes axe-core's WCAG 2 A/AA and best-practice rules.

Labels, contrast, landmarks, keyboard access to scrolling regions, heading order: what
a keyboard or screen-reader user needs. axe runs inside the real page (Chromium), with
the app's own CSS, after htmx has filled the phase panel.
"""

from pathlib import Path

import pytest

from tests.e2e.test_layout import PUBLIC_PAGES, _private_pages, _visit, seeker  # noqa: F401  (fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
AXE_RUN = """async () => {
  const result = await axe.run(document, {runOnly: ["wcag2a", "wcag2aa", "best-practice"]});
  return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes[0].target.join(" ")}`);
}"""


def _violations(page) -> list[str]:
    # Evaluated over the DevTools protocol, so the page's CSP (which refuses inline scripts)
    # does not apply to it; nothing is added to the page's own HTML.
    page.evaluate(AXE_SOURCE)
    return page.evaluate(AXE_RUN)


def test_the_public_pages_pass(browsing):
    page = browsing.page()
    for path in PUBLIC_PAGES:
        _visit(page, path)
        assert _violations(page) == [], path


def test_every_signed_in_page_passes(browsing, seeker):  # noqa: F811  (fixture)
    user, application = seeker
    page = browsing.page(user=user)
    for path in _private_pages(application):
        _visit(page, path)
        assert _violations(page) == [], path
