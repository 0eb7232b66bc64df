"""Insights benchmark: GET /api/v1/insights for a user with 1,000 applications and their
stage events, on PostgreSQL.

Not a test: run it with

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jobforge_bench \
        .venv/bin/python bench/insights.py [--rows 1000] [--rounds 50]

It migrates the database named by `DATABASE_URL`, creates one user (removing a previous
run's) with `--rows` applications spread over a year: every one saved, most applied, some
interviewing, offered, rejected, withdrawn or declined, each move a stage event (about
three per application), runs ANALYZE, then times the request through Django's full stack
(middleware, JWT, the view) and prints the median and p95 with the number of queries,
and the median CPU time of this process (the database server's time excluded).
The user and their rows are deleted at the end.
"""

import argparse
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EMAIL = "insights@bench.invalid"

# One statement for the applications: stage by i, applied for four in five, sources and
# work modes cycling, created over the last year.
APPLICATIONS_SQL = """
INSERT INTO applications_application (
    id, user_id, name, company_name, role_title, job_url, job_description, location,
    priority_level, work_mode, employment_type, salary_currency, salary_period, source,
    additional_context, status, research_completed, resume_optimized, cover_letter_generated,
    stage, applied_at, archived, notes, created_at, updated_at
)
SELECT
    gen_random_uuid(), %(user_id)s, 'bench_' || i, 'Company ' || (i %% 97), 'Engineer', '',
    repeat('We build things with care. ', 20), 'Berlin', 'medium',
    (ARRAY['', 'onsite', 'hybrid', 'remote'])[1 + i %% 4], '', '', '',
    (ARRAY['', 'linkedin.com', 'indeed.com', 'Referral', 'company site'])[1 + i %% 5], '', 'draft',
    false, false, false,
    (ARRAY['saved', 'applied', 'applied', 'interviewing', 'rejected', 'rejected', 'offer',
           'withdrawn', 'declined', 'applied'])[1 + i %% 10],
    CASE WHEN i %% 10 = 0 THEN NULL ELSE now() - make_interval(days => i %% 365) END,
    i %% 25 = 0, '', now() - make_interval(days => i %% 365, hours => 6),
    now() - make_interval(days => i %% 365)
FROM generate_series(1, %(rows)s) AS i
"""

# The timeline each stage implies: created (saved), applied, then the later moves a few days apart.
EVENTS_SQL = """
INSERT INTO applications_stageevent (id, application_id, from_stage, to_stage, created_at)
SELECT gen_random_uuid(), a.id, step.from_stage, step.to_stage, a.created_at + step.offset_days
FROM applications_application a
CROSS JOIN LATERAL (VALUES
    ('', 'saved', interval '0 days', 0),
    ('saved', 'applied', interval '6 hours', 1),
    ('applied', CASE WHEN a.stage IN ('rejected', 'withdrawn') THEN a.stage ELSE 'interviewing' END,
     interval '9 days', 2),
    ('interviewing', CASE WHEN a.stage = 'rejected' THEN 'rejected' ELSE 'offer' END, interval '20 days', 3),
    ('offer', 'declined', interval '25 days', 4)
) AS step(from_stage, to_stage, offset_days, depth)
WHERE a.user_id = %(user_id)s AND step.depth <= CASE a.stage
    WHEN 'saved' THEN 0 WHEN 'applied' THEN 1 WHEN 'withdrawn' THEN 2 WHEN 'interviewing' THEN 2
    WHEN 'rejected' THEN 2 + (length(a.name) %% 2) WHEN 'offer' THEN 3 ELSE 4 END
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=50)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database.")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobforge.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from rest_framework_simplejwt.tokens import AccessToken

    from applications.models import StageEvent
    from jobforge.accounts.models import User

    call_command("migrate", verbosity=0)
    User.objects.filter(email=EMAIL).delete()
    user = User.objects.create_user(email=EMAIL, password=uuid.uuid4().hex)
    try:
        with connection.cursor() as cursor:
            cursor.execute(APPLICATIONS_SQL, {"user_id": user.pk, "rows": args.rows})
            cursor.execute(EVENTS_SQL, {"user_id": user.pk})
            cursor.execute("ANALYZE applications_application, applications_stageevent")
        events = StageEvent.objects.filter(application__user=user).count()
        client = Client(HTTP_HOST="localhost", HTTP_AUTHORIZATION=f"Bearer {AccessToken.for_user(user)}")
        reset_queries()  # the request resets the log as it starts; the capture starts at 0 then
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/api/v1/insights")
        assert response.status_code == 200, response.content[:300]
        body = response.json()
        timings, cpu = [], []
        for _ in range(args.rounds):
            start, start_cpu = time.perf_counter(), time.process_time()
            client.get("/api/v1/insights")
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        timings.sort()
        p95 = timings[max(0, round(len(timings) * 0.95) - 1)]
        print(f"{args.rows:,} applications, {events:,} stage events, {len(captured)} queries a request")
        print(f"funnel {[step['count'] for step in body['funnel']]}, response rate {body['response_rate']}")
        print(f"GET /api/v1/insights: median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms")
        print(
            f"  of which this process's CPU (Django and the figures): median {statistics.median(cpu):.1f} ms"
        )
    finally:
        user.delete()


if __name__ == "__main__":
    main()
