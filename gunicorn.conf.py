"""gunicorn settings for the web tier; gunicorn reads this file from the working directory.

Serve with `gunicorn` from the project folder (bind with `--bind` or `$PORT`, workers with
`$WEB_CONCURRENCY`). The limits are set so that the app answers first, in its own format
(the error envelope under /api/), and gunicorn's own HTML error pages stay out of the way:

- the request line may be as long as gunicorn allows (8,190 bytes) while the app refuses
  URLs over 4,096 characters itself (`jobforge.api.request_limits`);
- a worker is killed only after the longest work a request may do: without Redis a phase
  runs inside the request for up to JOBFORGE_PHASE_TIMEOUT seconds and ends itself then;
- a worker is replaced after JOBFORGE_WEB_MAX_REQUESTS requests (default 1000), give or take
  up to JOBFORGE_WEB_MAX_REQUESTS_JITTER (default 100) so the workers do not all restart at
  once: a backstop against memory that grows in a long-lived process (0 turns it off).
"""

import os

wsgi_app = "jobforge.wsgi:application"

# gunicorn's maximum; the app's own limit on URLs is lower, so it answers first.
limit_request_line = 8190
# gunicorn's defaults, stated: at most 100 headers of at most 8,190 bytes each.
limit_request_fields = 100
limit_request_field_size = 8190


def _count(name: str, default: int) -> int:
    """A non-negative whole number from the environment; a bad value stops the server."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit():
        raise SystemExit(f"{name} must be a whole number of requests (0 turns it off), not {raw!r}.")
    return int(raw)


def _phase_timeout() -> int:
    raw = os.environ.get("JOBFORGE_PHASE_TIMEOUT", "").strip()
    return int(raw) if raw.isdigit() else 300


# With Redis the AI phases run in the queue workers and no request needs more than a minute;
# without it a phase runs in the request, bounded by JOBFORGE_PHASE_TIMEOUT.
timeout = 60 if os.environ.get("REDIS_URL", "").strip() else _phase_timeout() + 30
# On a restart, requests under way get as long to finish as any request may take.
graceful_timeout = timeout

# Recycling workers: each serves about this many requests, then a fresh one takes its place.
max_requests = _count("JOBFORGE_WEB_MAX_REQUESTS", 1000)
max_requests_jitter = _count("JOBFORGE_WEB_MAX_REQUESTS_JITTER", 100) if max_requests else 0
