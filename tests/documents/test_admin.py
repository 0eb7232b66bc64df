"""Operators' document pages: the change lists load no document or posting text."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.models import Document
from jobforge.accounts.models import User
from tests.factories import ApplicationFactory, document_write

pytestmark = pytest.mark.django_db

BODY = "# Research\n\n" + "A long paragraph of research. " * 100


@pytest.fixture
def operator_client(client):
    client.force_login(User.objects.create_superuser("ops@example.com", "Ops-Pass-123"))
    return client


@pytest.fixture
def documents(alice):
    for n in range(5):
        application = ApplicationFactory(user=alice, company_name=f"Globex {n}")
        document_write(application, "research_report", BODY)
        document_write(application, "research_report", BODY + " Second version.")


TEXT_COLUMNS = (
    '"documents_document"."content"',
    '"documents_documentversion"."content"',
    '"applications_application"."job_description"',
    '"applications_application"."additional_context"',
    '"applications_application"."notes"',
)


def text_read(captured) -> list[str]:
    """The queries that read a document body or a posting."""
    return [
        query["sql"]
        for query in captured.captured_queries
        if any(column in query["sql"] for column in TEXT_COLUMNS)
    ]


@pytest.mark.parametrize("url", ["/admin/documents/document/", "/admin/documents/documentversion/"])
def test_the_change_list_reads_no_text_and_a_fixed_number_of_queries(operator_client, documents, url):
    with CaptureQueriesContext(connection) as captured:
        response = operator_client.get(url)
    assert response.status_code == 200
    assert "Globex 4" in response.content.decode()
    assert text_read(captured) == []
    # Session, user, then the count and the page: the same whatever the number of rows.
    queries = len(captured.captured_queries)
    application = ApplicationFactory(company_name="Initech")
    document_write(application, "research_report", BODY)
    with CaptureQueriesContext(connection) as again:
        operator_client.get(url)
    assert len(again.captured_queries) == queries


def test_a_documents_own_page_still_shows_its_text(operator_client, documents):
    document = Document.objects.first()
    page = operator_client.get(f"/admin/documents/document/{document.pk}/change/").content.decode()
    assert "Second version." in page
