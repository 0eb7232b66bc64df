"""Scale benchmark: the applications API for a user with 100,000 applications against one
with 100, on PostgreSQL.

Not a test: run it with

    .venv/bin/python bench/scale.py [--database jf8_scale] [--rows 100000] [--rounds 15]

It (re)creates the database named (on the server of `BENCH_PG`, default
postgres://postgres@127.0.0.1:5432), migrates it, loads the rows with one SQL statement per
user (plus `--others` users with 1,000 applications each, so the table is not one user's),
runs VACUUM ANALYZE, then times each request through Django's full stack (middleware, JWT,
the view) in interleaved rounds: the small user, then the large one, for every scenario.
It prints the median per request for each user and their ratio, and, with `--explain`,
the plan of each list query. The database is left in place for EXPLAIN by hand.
"""

import argparse
import os
import re
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SCENARIOS = {
    "list(20) first page": "/api/v1/applications?limit=20",
    "list(20) offset=50000": "/api/v1/applications?limit=20&offset={deep}",
    "list q=robotics": "/api/v1/applications?limit=20&q=robotics",
    "list stage=offer": "/api/v1/applications?limit=20&stage=offer",
    "list ordering=-updated_at": "/api/v1/applications?limit=20&ordering=-updated_at",
    "list ordering=company_name": "/api/v1/applications?limit=20&ordering=company_name",
    "list ordering=-company_name": "/api/v1/applications?limit=20&ordering=-company_name",
    "list ordering=deadline": "/api/v1/applications?limit=20&ordering=deadline",
    "list ordering=-deadline": "/api/v1/applications?limit=20&ordering=-deadline",
    "list ordering=-salary_max": "/api/v1/applications?limit=20&ordering=-salary_max",
}

# One statement per user: company names cycle through 200 (one in a hundred rows is a
# robotics company), posting text of about 2,000 characters, dates over two years.
LOAD_SQL = """
INSERT INTO applications_application (
    id, user_id, name, company_name, role_title, job_url, job_description, location,
    priority_level, work_mode, employment_type, salary_min, salary_max, salary_currency,
    salary_period, posted_at, deadline, source, additional_context, status,
    research_completed, resume_optimized, cover_letter_generated, stage, applied_at, notes,
    created_at, updated_at
)
SELECT
    gen_random_uuid(), %(user_id)s, 'company_' || (i %% 200) || '_engineer_' || i,
    CASE WHEN i %% 100 = 7 THEN 'Acme Robotics ' || (i %% 200) ELSE 'Company ' || (i %% 200) END,
    'Engineer ' || (i %% 37), '', repeat('We build things with care and tests. ', 55), 'Berlin',
    (ARRAY['low', 'medium', 'high'])[1 + i %% 3], (ARRAY['', 'onsite', 'hybrid', 'remote'])[1 + i %% 4],
    '', NULL, CASE WHEN i %% 3 = 0 THEN NULL ELSE 50000 + (i %% 1000) * 100 END, '', '',
    NULL, CASE WHEN i %% 2 = 0 THEN NULL ELSE DATE '2026-01-01' + (i %% 700) END, '',
    repeat('context ', 100), 'draft', false, false, false,
    (ARRAY['saved', 'applied', 'interviewing', 'offer', 'rejected', 'withdrawn'])[1 + i %% 6],
    NULL, repeat('note ', 200),
    now() - make_interval(secs => i * 600), now() - make_interval(secs => i * 300)
FROM generate_series(1, %(rows)s) AS i
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="jf8_scale")
    parser.add_argument("--rows", type=int, default=100_000, help="applications of the large user")
    parser.add_argument("--small", type=int, default=100, help="applications of the small user")
    parser.add_argument("--others", type=int, default=50, help="other users with 1,000 applications")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--creates", type=int, default=30, help="applications created per user")
    parser.add_argument("--explain", action="store_true", help="print the plan of each list query")
    parser.add_argument("--reuse", action="store_true", help="keep the loaded database")
    return parser.parse_args()


def setup_database(args) -> None:
    import psycopg

    server = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    if not args.reuse:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{args.database}"')
            admin.execute(f'CREATE DATABASE "{args.database}"')
    os.environ["DATABASE_URL"] = f"{server}/{args.database}"
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobforge.settings")


def load(args):
    from django.core.management import call_command
    from django.db import connection

    from jobforge.accounts.models import User

    call_command("migrate", verbosity=0)
    users = {}
    for label, rows in (("small", args.small), ("large", args.rows)):
        email = f"{label}@bench.invalid"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=uuid.uuid4().hex)
            with connection.cursor() as cursor:
                cursor.execute(LOAD_SQL, {"user_id": user.pk, "rows": rows})
        users[label] = user
    if not args.reuse:
        for n in range(args.others):
            other = User.objects.create_user(email=f"other{n}@bench.invalid", password=uuid.uuid4().hex)
            with connection.cursor() as cursor:
                cursor.execute(LOAD_SQL, {"user_id": other.pk, "rows": 1000})
    connection.ensure_connection()
    connection.connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return users


def explain(client, url: str) -> str:
    """The plan of the page's SELECT (the last query), with the COUNT's beside it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    lines = []
    for query in captured.captured_queries:
        sql = query["sql"]
        if "applications_application" not in sql:
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) " + sql)
            plan = [row[0] for row in cursor.fetchall()]
        lines.append("    " + sql[:100].replace("\n", " ") + " ...")
        lines.extend("      " + line for line in plan if re.search(r"Scan|Sort|Limit|Execution", line))
    return "\n".join(lines)


def main() -> None:
    args = parse_args()
    setup_database(args)
    import django

    django.setup()
    from django.test import Client
    from rest_framework_simplejwt.tokens import AccessToken

    started = time.perf_counter()
    users = load(args)
    print(f"loaded and analyzed in {time.perf_counter() - started:.0f} s")
    clients = {}
    for label, user in users.items():
        clients[label] = Client(
            HTTP_HOST="localhost", HTTP_AUTHORIZATION=f"Bearer {AccessToken.for_user(user)}"
        )
    deep = {"small": min(args.small // 2, 50), "large": args.rows // 2}
    timings = {(name, label): [] for name in SCENARIOS for label in users}
    for name, url in SCENARIOS.items():  # warm-up, and the responses are checked once
        for label, client in clients.items():
            response = client.get(url.format(deep=deep[label]))
            assert response.status_code == 200, (name, response.content[:300])
    for _ in range(args.rounds):
        for name, url in SCENARIOS.items():
            for label, client in clients.items():
                start = time.perf_counter()
                client.get(url.format(deep=deep[label]))
                timings[name, label].append(time.perf_counter() - start)
    create_body = {
        "company_name": "Bench Co",
        "role_title": "Engineer",
        "job_description": "A posting long enough to pass the rules of the service. " * 3,
    }
    for n in range(args.creates):
        for label, client in clients.items():
            body = {**create_body, "company_name": f"Bench Co {n % 3}"}
            start = time.perf_counter()
            response = client.post("/api/v1/applications", body, content_type="application/json")
            timings.setdefault(("create", label), []).append(time.perf_counter() - start)
            assert response.status_code == 201, response.content[:300]
    print(f"{'request':32} {'100 rows ms':>12} {args.rows:>7,} rows ms {'ratio':>7}")
    for name in [*SCENARIOS, "create"]:
        small = statistics.median(timings[name, "small"]) * 1000
        large = statistics.median(timings[name, "large"]) * 1000
        print(f"{name:32} {small:12.2f} {large:16.2f} {large / small:7.2f}")
    if args.explain:
        for name, url in SCENARIOS.items():
            print(f"\n{name} (large user):")
            print(explain(clients["large"], url.format(deep=deep["large"])))


if __name__ == "__main__":
    main()
