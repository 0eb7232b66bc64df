"""Two simultaneous creates with the same company, role and day get distinct names
(real PostgreSQL: the unique constraint decides, the loser takes the next suffix)."""

import threading

import pytest
from django.db import connection

from applications.models import Application
from applications.services import application_create
from tests.factories import JOB_DESCRIPTION, UserFactory

THREADS = 4


@pytest.mark.django_db(transaction=True)
def test_it_gives_concurrent_creates_distinct_names(require_postgres):
    user = UserFactory()
    barrier = threading.Barrier(THREADS)
    names: list[str] = []
    errors: list[BaseException] = []

    def create() -> None:
        try:
            barrier.wait(timeout=10)
            app = application_create(
                user=user,
                company_name="Google",
                role_title="Senior Developer",
                job_description=JOB_DESCRIPTION,
            )
            names.append(app.name)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=create) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert len(names) == THREADS
    base = names and min(names, key=len)
    assert sorted(names) == sorted([base, *(f"{base}_{n}" for n in range(2, THREADS + 1))])
    assert Application.objects.filter(user=user).count() == THREADS
    assert all(app.stage_events.count() == 1 for app in Application.objects.filter(user=user))
