"""The tracking lists run a fixed number of queries, whatever the page size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ApplicationFactory
from tracking.models import Contact, Interview, Task

pytestmark = pytest.mark.django_db


def _queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return [q["sql"] for q in ctx.captured_queries]


@pytest.mark.parametrize("kind", ["contacts", "interviews", "tasks"])
def test_an_applications_list_runs_the_same_queries_for_1_and_30_rows(alice_client, alice, kind):
    application = ApplicationFactory(user=alice)

    def add():
        if kind == "contacts":
            Contact.objects.create(application=application, name="C")
        elif kind == "interviews":
            Interview.objects.create(application=application, scheduled_at="2030-01-01T10:00:00Z")
        else:
            Task.objects.create(user=alice, application=application, title="T")

    add()
    url = f"/api/v1/applications/{application.pk}/{kind}"
    one = _queries(alice_client, url)
    for _ in range(29):
        add()
    thirty = _queries(alice_client, url)
    # user (token), application, count, page
    assert len(thirty) == len(one) == 4, "\n".join(thirty)


def test_the_task_list_runs_the_same_queries_for_1_and_30_tasks(alice_client, alice):
    application = ApplicationFactory(user=alice)
    Task.objects.create(user=alice, title="T")
    one = _queries(alice_client, "/api/v1/tasks")
    for n in range(29):
        Task.objects.create(user=alice, application=application if n % 2 else None, title="T")
    thirty = _queries(alice_client, "/api/v1/tasks")
    # user (token), count, page
    assert len(thirty) == len(one) == 3, "\n".join(thirty)
