"""Database connections: persistent with health checks in production; SQLite in WAL mode."""

import json

from tests.test_settings import PRODUCTION_ENV, manage

PRINT_CONNECTION_SETTINGS = (
    "import json; from django.conf import settings as s; d = s.DATABASES['default'];"
    "print(json.dumps([d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS']]))"
)


def connection_settings(env: dict) -> list:
    result = manage("shell", "--no-imports", "-c", PRINT_CONNECTION_SETTINGS, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_it_keeps_connections_for_60_seconds_in_production_with_health_checks():
    assert connection_settings(PRODUCTION_ENV) == [60, True]


def test_it_opens_a_connection_per_request_under_debug():
    # The development server runs each request in a thread of its own.
    assert connection_settings({"DJANGO_DEBUG": "1"}) == [0, True]


def test_database_conn_max_age_overrides_the_default():
    assert connection_settings({**PRODUCTION_ENV, "DATABASE_CONN_MAX_AGE": "300"}) == [300, True]
    assert connection_settings({**PRODUCTION_ENV, "DATABASE_CONN_MAX_AGE": "0"}) == [0, True]


def test_it_refuses_a_connection_age_that_is_not_a_number():
    result = manage("check", env={**PRODUCTION_ENV, "DATABASE_CONN_MAX_AGE": "forever"})
    assert result.returncode != 0
    assert "DATABASE_CONN_MAX_AGE" in result.stderr


def test_sqlite_writes_through_a_write_ahead_log_synced_at_checkpoints(tmp_path):
    code = (
        "from django.db import connection; c = connection.cursor();"
        "print(c.execute('PRAGMA journal_mode').fetchone()[0], c.execute('PRAGMA synchronous').fetchone()[0])"
    )
    env = {"DJANGO_DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    result = manage("shell", "--no-imports", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    # NORMAL (1): no fsync on every commit in WAL mode, and still no corruption after a crash.
    assert result.stdout.split() == ["wal", "1"]
