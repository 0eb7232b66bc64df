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

LIST = "/api/v1/applications?limit=20"
SCENARIOS = {
    "list(20) first page": LIST,
    "list(20) offset=50000": LIST + "&offset={deep}",
    "list q=robotics (1% of rows match)": LIST + "&q=robotics",
    "list q=lisbon (one row matches)": LIST + "&q=lisbon",
    **{
        f"list {name}={value}": LIST + f"&{name}={value}"
        for name, value in (
            ("status", "draft"),
            ("priority", "high"),
            ("stage", "offer"),
            ("work_mode", "remote"),
            ("employment_type", "contract"),
        )
    },
    **{
        f"list ordering={ordering}": LIST + f"&ordering={ordering}"
        for name in ("created_at", "updated_at", "company_name", "deadline", "salary_max")
        for ordering in (name, f"-{name}")
    },
}
# The cursor pages: each reached by the `next` link of the page at the offset named (the
# link is made once per user, then timed like the others).
CURSOR_SCENARIOS = {
    "cursor after offset=50000": LIST + "&offset={deep}",
    **{
        f"cursor ordering={ordering} at 1/2": LIST + f"&ordering={ordering}&offset={{deep}}"
        for ordering in (
            "-updated_at",
            "company_name",
            "-company_name",
            "deadline",
            "-deadline",
            "salary_max",
        )
    },
}

# One statement per user: company names cycle through 200 (one in a hundred rows is a
# robotics company), one row is in Lisbon (the rest in Berlin), posting text of about
# 2,000 characters, dates over two years.
LOAD_SQL = """
INSERT INTO applications_application (
    id, user_id, name, company_name, role_title, job_url, job_description, location,
    priority_level, work_mode, employment_type, salary_min, salary_max, salary_currency,
    salary_period, posted_at, deadline, source, additional_context, status,
    research_completed, resume_optimized, cover_letter_generated, stage, applied_at, notes,
    created_at, updated_at, archived
)
SELECT
    gen_random_uuid(), %(user_id)s, 'company_' || (i %% 200) || '_engineer_' || i,
    CASE WHEN i %% 100 = 7 THEN 'Acme Robotics ' || (i %% 200) ELSE 'Company ' || (i %% 200) END,
    'Engineer ' || (i %% 37), '', repeat('We build things with care and tests. ', 55),
    CASE WHEN i = 3 THEN 'Lisbon' ELSE 'Berlin' END,
    (ARRAY['low', 'medium', 'high'])[1 + i %% 3], (ARRAY['', 'onsite', 'hybrid', 'remote'])[1 + i %% 4],
    (ARRAY['', 'full_time', 'contract', 'part_time', 'other'])[1 + i %% 5], NULL, CASE WHEN i %% 3 = 0 THEN NULL ELSE 50000 + (i %% 1000) * 100 END, '', '',
    NULL, CASE WHEN i %% 2 = 0 THEN NULL ELSE DATE '2026-01-01' + (i %% 700) END, '',
    repeat('context ', 100), 'draft', false, false, false,
    (ARRAY['saved', 'applied', 'interviewing', 'offer', 'rejected', 'withdrawn'])[1 + i %% 6],
    NULL, repeat('note ', 200),
    now() - make_interval(secs => i * 600), now() - make_interval(secs => i * 300), false
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
    depths = {label: {"deep": deep[label]} for label in users}
    urls = {(name, label): url.format(**depths[label]) for name, url in SCENARIOS.items() for label in users}
    for name, url in CURSOR_SCENARIOS.items():
        for label, client in clients.items():
            link = client.get(url.format(**depths[label])).json()["next"]
            assert link and "cursor=" in link, (name, label)
            urls[name, label] = link
    timings = {key: [] for key in urls}
    for (name, label), url in urls.items():  # warm-up, and the responses are checked once
        response = clients[label].get(url)
        assert response.status_code == 200, (name, response.content[:300])
        assert response.json()["applications"], (name, label)
    for _ in range(args.rounds):
        for (name, label), url in urls.items():
            start = time.perf_counter()
            clients[label].get(url)
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
    print(f"{'request':36} {'100 rows ms':>12} {args.rows:>7,} rows ms {'ratio':>7}")
    for name in [*SCENARIOS, *CURSOR_SCENARIOS, "create"]:
        small = statistics.median(timings[name, "small"]) * 1000
        large = statistics.median(timings[name, "large"]) * 1000
        print(f"{name:36} {small:12.2f} {large:16.2f} {large / small:7.2f}")
    if args.explain:
        for name in [*SCENARIOS, *CURSOR_SCENARIOS]:
            print(f"\n{name} (large user):")
            print(explain(clients["large"], urls[name, "large"]))


if __name__ == "__main__":
    main()
