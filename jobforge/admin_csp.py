"""django-rq's admin pages under the strict Content Security Policy.

Their templates carry a few inline `<style>` and `<script>` blocks (and two `style`
attributes), which the policy's `'self'` refuses, so those pages lost their styles and
scripts. The exact blocks are allowed by their SHA-256 hashes, read from the installed
django-rq templates at start (an upgrade brings its own), on django-rq's views only:
every other page keeps the policy as it is.
"""

import base64
import hashlib
import re
from pathlib import Path

import django_rq

TEMPLATES = Path(django_rq.__file__).resolve().parent / "templates"
_INLINE = re.compile(r"<(script|style)\b[^>]*>(.*?)</\1>", re.S)
_STYLE_ATTRIBUTE = re.compile(r"""\sstyle=(["'])(.*?)\1""", re.S)


def _source_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def inline_hashes(folder: Path = TEMPLATES) -> dict[str, list[str]]:
    """The hashes of every static inline block and style attribute in the folder's templates."""
    found = {"script": set(), "style": set(), "attribute": set()}
    for template in sorted(folder.rglob("*.html")):
        source = template.read_text(encoding="utf-8")
        for tag, body in _INLINE.findall(source):
            if body.strip() and "{{" not in body and "{%" not in body:
                found[tag].add(_source_hash(body))
        for _, value in _STYLE_ATTRIBUTE.findall(source):
            if "{{" not in value and "{%" not in value:
                found["attribute"].add(_source_hash(value))
    attributes = ["'unsafe-hashes'", *sorted(found["attribute"])] if found["attribute"] else []
    return {
        "script-src": sorted(found["script"]),
        "style-src": [*sorted(found["style"]), *attributes],
    }


DJANGO_RQ_POLICY = inline_hashes()


def is_django_rq_view(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return bool(match) and getattr(match.func, "__module__", "").startswith("django_rq")


class DjangoRQInlineMiddleware:
    """Adds the hashes of django-rq's inline blocks to the policy of its pages only.

    Listed after `csp.middleware.CSPMiddleware`, so the policy is built with them.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_django_rq_view(request):
            response._csp_update = DJANGO_RQ_POLICY
        return response
