"""Fixed query counts on the other list-like pages: the dashboard, the resume library and a
document's history do not grow with the number of rows they show."""

import pytest

from documents.services import document_edit
from tests.factories import ApplicationFactory, ResumeFactory, document_write
from tests.pages import page_queries

pytestmark = pytest.mark.django_db


def test_the_dashboard_runs_the_same_queries_for_1_and_30_applications(alice_web, alice):
    ApplicationFactory(user=alice)
    ResumeFactory(user=alice, is_primary=True)
    one = page_queries(alice_web, "/")
    for _ in range(29):
        ApplicationFactory(user=alice)
    thirty = page_queries(alice_web, "/")
    # session, user, counts per stage (one grouped query), recent rows, resume count,
    # tasks due (with their application), follow-ups due
    assert len(thirty) == len(one) == 7, "\n".join(thirty)


def test_the_resume_library_runs_the_same_queries_for_1_and_30_resumes(alice_web, alice):
    ResumeFactory(user=alice, is_primary=True)
    one = page_queries(alice_web, "/resumes/")
    for _ in range(29):
        ResumeFactory(user=alice)
    thirty = page_queries(alice_web, "/resumes/")
    # session, user, the resumes without their text
    assert len(thirty) == len(one) == 3, "\n".join(thirty)
    assert all('"content"' not in sql for sql in thirty[2:])


def test_a_documents_history_runs_the_same_queries_for_1_and_30_versions(alice_web, alice):
    application = ApplicationFactory(user=alice)
    document_write(application, "cover_letter", "# Letter\n\nVersion one.")
    url = f"/applications/{application.pk}/documents/cover_letter/versions/"
    one = page_queries(alice_web, url)
    for n in range(29):
        document_edit(
            application=application, document_type="cover_letter", content=f"# Letter\n\nVersion {n + 2}."
        )
    thirty = page_queries(alice_web, url)
    # session, user, application, document, its versions
    assert len(thirty) == len(one) == 5, "\n".join(thirty)
    assert '"documents_documentversion"."content"' not in thirty[-1]  # the list shows no text
