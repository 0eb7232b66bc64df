"""`GET /api/v1/applications/{id}/documents/optimized_resume/provenance` (SPEC §9.3) and
the provenance a tailored resume's version keeps."""

import pytest

from documents.models import DocumentVersion
from documents.services import document_edit, document_version_restore, document_version_write
from processing.guard import Violation
from tests.api.test_schema_conformance import openapi  # noqa: F401  (fixture)
from tests.documents.tailored import tailored_resume_write
from tests.documents.test_documents_api import assert_error
from tests.factories import document_write

pytestmark = pytest.mark.django_db


def url(app, query=""):
    return f"/api/v1/applications/{app.pk}/documents/optimized_resume/provenance{query}"


KUBERNETES = Violation("skill", "Kubernetes", "“Kubernetes” is not in the resume.")


class TestStoring:
    def test_it_stores_the_provenance_with_the_versions_own_number(self, app):
        document_write(app, "optimized_resume", "# An earlier tailored resume")
        tailored_resume_write(app)
        stored = DocumentVersion.objects.get(document__application=app, number=2).provenance
        assert stored["document_version"] == 2  # the caller passed 0: the number is known only here
        assert stored["lines"][0]["section"] == "summary"

    def test_an_edit_and_a_restore_store_none(self, app):
        tailored_resume_write(app)
        document_edit(application=app, document_type="optimized_resume", content="# Mine, written by hand")
        document_version_restore(application=app, document_type="optimized_resume", number=1)
        numbers = DocumentVersion.objects.filter(document__application=app).order_by("number")
        assert [(v.number, v.provenance is not None) for v in numbers] == [(1, True), (2, False), (3, False)]

    def test_a_write_without_provenance_stores_none(self, app):
        document_write(app, "optimized_resume", "# A tailored resume")
        assert DocumentVersion.objects.get(document__application=app).provenance is None

    @pytest.mark.parametrize("bad", [["lines"], {"lines": []}, "text"])
    def test_a_malformed_provenance_is_refused_and_nothing_is_written(self, app, bad):
        with pytest.raises(ValueError, match="provenance"):
            document_version_write(
                application=app,
                document_type="optimized_resume",
                content="# A tailored resume",
                source="ai",
                provenance=bad,
            )
        assert not DocumentVersion.objects.filter(document__application=app).exists()


class TestEndpoint:
    def test_it_returns_the_current_versions_provenance_in_the_spec_shape(self, alice_client, app):
        document_write(app, "optimized_resume", "# An earlier tailored resume")
        tailored_resume_write(app)
        response = alice_client.get(url(app))
        assert response.status_code == 200, response.content
        data = response.json()
        assert set(data) == {"document_version", "lines", "dropped", "guard"}
        assert data["document_version"] == 2
        assert all(
            set(line) == {"text", "section", "source_ids", "source_text", "keywords", "change"}
            for line in data["lines"]
        )
        changes = {line["source_ids"][0]: line["change"] for line in data["lines"]}
        assert changes == {"summary": "summary", "w1h2": "reordered", "w1h1": "reworded", "w2h1": "kept"}
        reworded = next(line for line in data["lines"] if line["change"] == "reworded")
        assert reworded["source_text"] == [
            "Designed a Django and PostgreSQL order platform handling 2 million orders a month."
        ]
        assert reworded["keywords"] == ["Django", "PostgreSQL"]
        assert [d["source_id"] for d in data["dropped"]] == ["w1h3", "w2h2"]
        assert data["guard"] == {"passed": True, "violations": []}

    def test_it_returns_an_earlier_version_with_version(self, alice_client, app):
        tailored_resume_write(app)
        document_edit(application=app, document_type="optimized_resume", content="# Mine, written by hand")
        data = alice_client.get(url(app, "?version=1")).json()
        assert data["document_version"] == 1 and len(data["lines"]) == 4

    def test_a_hand_edited_version_is_a_404_saying_so(self, alice_client, app):
        tailored_resume_write(app)
        document_edit(application=app, document_type="optimized_resume", content="# Mine, written by hand")
        error = assert_error(alice_client.get(url(app)), 404, "NOT_FOUND")
        assert error["message"] == "This version was edited by hand; its lines are not traced."

    def test_an_ai_version_written_before_tracing_is_a_404_saying_so(self, alice_client, app):
        document_write(app, "optimized_resume", "# A tailored resume from before")
        error = assert_error(alice_client.get(url(app)), 404, "NOT_FOUND")
        assert "regenerate" in error["message"]

    def test_no_tailored_resume_is_a_404(self, alice_client, app):
        document_write(app, "cover_letter", "Dear Acme, hello.")
        error = assert_error(alice_client.get(url(app)), 404, "NOT_FOUND")
        assert "not been generated" in error["message"]

    def test_a_missing_version_is_a_404(self, alice_client, app):
        tailored_resume_write(app)
        error = assert_error(alice_client.get(url(app, "?version=7")), 404, "NOT_FOUND")
        assert error["message"] == "Version 7 does not exist."

    @pytest.mark.parametrize("version", ["0", "-1", "two", "1.5", "1234567890", "", "٣"])
    def test_a_bad_version_is_a_400(self, alice_client, app, version):
        tailored_resume_write(app)
        error = assert_error(alice_client.get(url(app, f"?version={version}")), 400, "VALIDATION_ERROR")
        assert "version" in error["details"]

    @pytest.mark.parametrize("document_type", ["cover_letter", "research_report", "essay"])
    def test_another_document_type_is_a_404(self, alice_client, app, document_type):
        document_write(app, "cover_letter", "Dear Acme, hello.")
        document_write(app, "research_report", "# Research\n\nFindings.")
        response = alice_client.get(f"/api/v1/applications/{app.pk}/documents/{document_type}/provenance")
        assert_error(response, 404, "NOT_FOUND")

    def test_a_stranger_gets_a_404(self, charlie_client, app):
        tailored_resume_write(app)
        response = charlie_client.get(url(app))
        assert_error(response, 404, "NOT_FOUND")
        assert "Backend engineer" not in response.content.decode()

    def test_it_needs_a_token(self, api_client, app):
        tailored_resume_write(app)
        assert_error(api_client.get(url(app)), 401, "AUTHENTICATION_ERROR")

    def test_it_runs_a_fixed_number_of_queries(self, alice_client, app, django_assert_num_queries):
        tailored_resume_write(app)
        # The token's user, the application, the document, the version.
        with django_assert_num_queries(4):
            alice_client.get(url(app))

    def test_a_failed_guard_verdict_is_shown(self, alice_client, app):
        tailored_resume_write(app, violations=[KUBERNETES])
        assert alice_client.get(url(app)).json()["guard"] == {
            "passed": False,
            "violations": [
                {"kind": "skill", "text": "Kubernetes", "message": "“Kubernetes” is not in the resume."}
            ],
        }


class TestSchema:
    def test_the_answers_match_the_published_schema(self, alice_client, app, openapi):  # noqa: F811
        path = "/api/v1/applications/{application_id}/documents/optimized_resume/provenance"
        tailored_resume_write(app)
        openapi(alice_client.get(url(app)), path)
        tailored_resume_write(app, violations=[KUBERNETES])
        openapi(alice_client.get(url(app)), path)
        openapi(alice_client.get(url(app, "?version=x")), path)
        document_edit(application=app, document_type="optimized_resume", content="# Mine, written by hand")
        openapi(alice_client.get(url(app)), path)
