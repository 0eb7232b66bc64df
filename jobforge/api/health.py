"""GET /health: a database round trip, a Redis ping when configured, queue counts."""

import logging

from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)


def _database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.warning("Health check: database unreachable", exc_info=True)
        return "unavailable"
    return "ok"


def _redis_status_and_queue() -> tuple[str, dict]:
    if not settings.REDIS_URL:
        return "not configured", {"queued": 0, "failed": 0}
    import django_rq

    try:
        queue = django_rq.get_queue("default")
        queue.connection.ping()
        return "ok", {"queued": queue.count, "failed": queue.failed_job_registry.count}
    except Exception:
        logger.warning("Health check: Redis unreachable", exc_info=True)
        return "unavailable", {"queued": 0, "failed": 0}


def health_report() -> dict:
    database = _database_status()
    redis_status, queue = _redis_status_and_queue()
    healthy = database == "ok" and redis_status in {"ok", "not configured"}
    return {
        "status": "ok" if healthy else "unavailable",
        "database": database,
        "redis": redis_status,
        "queue": queue,
    }
