"""CSV import benchmark: a tracker's spreadsheet of 5,000 rows, previewed, imported,
imported again (every row skipped), and our own export of it re-imported.

Not a test: run it with

    DJANGO_DEBUG=1 .venv/bin/python bench/csv_import.py [--rows 5000] [--rounds 3]

It uses a throwaway test database on the configured server (SQLite in memory by default;
with `DATABASE_URL` set, `test_<name>` on that server), and prints the median seconds of
each step over the rounds (the account is emptied between rounds).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STATUSES = ["Applied", "Interview", "Offer received", "Ghosted", "No response", "Wishlist", "Rejected"]


def tracker_csv(rows: int) -> bytes:
    """Rows as a spreadsheet keeps them: US dates, pay written by hand, links, notes."""
    lines = ["Company,Job Title,Status,Date Applied,URL,Location,Salary,Notes"]
    for n in range(rows):
        month, day = 1 + n % 12, 1 + n % 28
        lines.append(
            f"Company {n},Engineer {n % 37},{STATUSES[n % len(STATUSES)]},{month:02d}/{day:02d}/2025,"
            f'https://jobs.example/{n},Berlin,"${90 + n % 50}k - ${120 + n % 50}k",'
            f'"Referred by a friend, follow up in a week"'
        )
    return ("\n".join(lines) + "\n").encode()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobforge.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    settings.JOBFORGE_THROTTLE_UPLOAD = "1000/min"
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        run(args)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(args) -> None:
    from django.db import connection

    from applications.models import Application
    from applications.porting.csv_import import applications_import_csv
    from jobforge.account_data import applications_csv
    from tests.factories import UserFactory

    user = UserFactory(email="bench@example.com")
    content = tracker_csv(args.rows)
    timings: dict[str, list[float]] = {}

    def timed(step: str, action):
        start = time.perf_counter()
        result = action()
        timings.setdefault(step, []).append(time.perf_counter() - start)
        return result

    for _ in range(args.rounds):
        Application.objects.filter(user=user).delete()
        preview = timed("dry run", lambda: applications_import_csv(user=user, content=content, dry_run=True))
        done = timed("import", lambda: applications_import_csv(user=user, content=content))
        again = timed(
            "import again (all skipped)", lambda: applications_import_csv(user=user, content=content)
        )
        exported = timed("export CSV", lambda: "".join(applications_csv(user=user)).encode())
        back = timed(
            "re-import the export",
            lambda exported=exported: applications_import_csv(user=user, content=exported),
        )
        assert preview["counts"]["created"] == done["counts"]["created"] == args.rows, done["counts"]
        assert again["counts"]["created"] == back["counts"]["created"] == 0
        assert Application.objects.filter(user=user).count() == args.rows

    print(f"{args.rows:,} rows on {connection.vendor}, median of {args.rounds} rounds:")
    for step, seconds in timings.items():
        print(f"  {step:<28} {statistics.median(seconds):6.2f} s")


if __name__ == "__main__":
    main()
