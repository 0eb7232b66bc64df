"""Concurrent imports on real PostgreSQL: the same file uploaded twice at once is created
once, and an import racing single creates of the same company and role gives every
application its own name."""

import threading

import pytest

from applications.models import Application
from applications.porting.csv_import import applications_import_csv
from applications.services import application_create
from tests.concurrency import in_parallel
from tests.factories import JOB_DESCRIPTION, UserFactory

FILE = (
    "Company,Job Title,Date Applied\n"
    + "".join(f"Co {n},Engineer,2024-01-{1 + n % 28:02d}\n" for n in range(50))
).encode()


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.JOBFORGE_THROTTLE_UPLOAD = "1000/min"


@pytest.mark.django_db(transaction=True)
def test_the_same_file_imported_twice_at_once_is_created_once(require_postgres):
    user = UserFactory()
    results = in_parallel(lambda: applications_import_csv(user=user, content=FILE)["counts"], threads=3)
    assert sorted(result["created"] for result in results) == [0, 0, 50]
    assert sorted(result["skipped"] for result in results) == [0, 50, 50]
    assert Application.objects.filter(user=user).count() == 50


@pytest.mark.django_db(transaction=True)
def test_an_import_racing_single_creates_gives_distinct_names(require_postgres):
    user = UserFactory()
    turns = iter(range(4))
    lock = threading.Lock()

    def work() -> int:
        with lock:
            turn = next(turns)
        if turn == 0:  # one import of the row while three single creates of the same job run
            return applications_import_csv(user=user, content=b"Company,Job Title\nGoogle,Developer\n")[
                "counts"
            ]["created"]
        application_create(
            user=user, company_name="Google", role_title="Developer", job_description=JOB_DESCRIPTION
        )
        return 1

    results = in_parallel(work, threads=4)
    created = Application.objects.filter(user=user)
    # The import skips the row when a single create got there first; every name is distinct.
    assert created.count() == sum(results)
    names = list(created.values_list("name", flat=True))
    assert len(names) == len(set(names))
    assert all(name.startswith("google_developer_") for name in names)
