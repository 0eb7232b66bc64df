"""`/api/v1/applications/{id}/documents...` (SPEC §4, export aside)."""

import uuid

import pytest

from documents.models import DocumentVersion
from tests.factories import ApplicationFactory, document_write

pytestmark = pytest.mark.django_db

DOCUMENT_FIELDS = {"id", "application_id", "document_type", "content", "version", "created_at", "updated_at"}


@pytest.fixture
def app(alice):
    return ApplicationFactory(user=alice)


def url(app, suffix=""):
    return f"/api/v1/applications/{app.pk}/documents{suffix}"


def assert_error(response, status, code):
    assert response.status_code == status, response.content
    assert response.json()["error"]["code"] == code
    return response.json()["error"]


class TestMap:
    def test_it_is_null_filled_before_generation(self, alice_client, app):
        assert alice_client.get(url(app)).json() == {
            "research_report": None,
            "optimized_resume": None,
            "cover_letter": None,
            "follow_up_email": None,
            "thank_you_note": None,
            "interview_prep": None,
        }

    def test_it_shows_generated_documents(self, alice_client, app):
        document_write(app, "research_report", "# Research\n\nFindings.")
        data = alice_client.get(url(app)).json()
        assert set(data["research_report"]) == DOCUMENT_FIELDS
        assert data["research_report"]["content"] == "# Research\n\nFindings."
        assert data["research_report"]["application_id"] == str(app.pk)
        assert data["research_report"]["version"] == 1
        assert data["optimized_resume"] is None and data["cover_letter"] is None

    def test_it_runs_a_fixed_number_of_queries(self, alice_client, app, django_assert_num_queries):
        for document_type in ("research_report", "optimized_resume", "cover_letter"):
            document_write(app, document_type, f"# {document_type} content")
        # The token's user, the application, its documents.
        with django_assert_num_queries(3):
            alice_client.get(url(app))


class TestDetail:
    def test_it_returns_the_document(self, alice_client, app):
        document_write(app, "cover_letter", "Dear Acme, hello.")
        data = alice_client.get(url(app, "/cover_letter")).json()
        assert set(data) == DOCUMENT_FIELDS
        assert (data["document_type"], data["content"], data["version"]) == (
            "cover_letter",
            "Dear Acme, hello.",
            1,
        )

    def test_it_is_a_404_before_generation(self, alice_client, app):
        error = assert_error(alice_client.get(url(app, "/cover_letter")), 404, "NOT_FOUND")
        assert "not been generated" in error["message"]

    @pytest.mark.parametrize("method", ["get", "put"])
    def test_an_unknown_type_is_a_400_naming_the_allowed_ones(self, alice_client, app, method):
        response = getattr(alice_client, method)(url(app, "/essay"), {"content": "x" * 20}, format="json")
        error = assert_error(response, 400, "VALIDATION_ERROR")
        assert "research_report, optimized_resume, cover_letter" in error["message"]
        assert_error(alice_client.get(url(app, "/essay/versions")), 400, "VALIDATION_ERROR")

    def test_an_unknown_application_is_a_404(self, alice_client):
        assert_error(alice_client.get(f"/api/v1/applications/{uuid.uuid4()}/documents"), 404, "NOT_FOUND")


class TestEdit:
    def test_it_adds_a_user_version(self, alice_client, app):
        document_write(app, "optimized_resume", "# Resume\n\nAI version.")
        response = alice_client.put(
            url(app, "/optimized_resume"), {"content": "# Resume\n\nMy edit."}, format="json"
        )
        assert response.status_code == 200, response.content
        data = response.json()
        assert (data["content"], data["version"]) == ("# Resume\n\nMy edit.", 2)
        assert list(DocumentVersion.objects.order_by("number").values_list("source", flat=True)) == [
            "ai",
            "user",
        ]

    def test_it_is_a_404_before_generation(self, alice_client, app):
        assert_error(
            alice_client.put(url(app, "/cover_letter"), {"content": "x" * 20}, format="json"),
            404,
            "NOT_FOUND",
        )
        assert DocumentVersion.objects.count() == 0

    @pytest.mark.parametrize(
        ("content", "status"), [("x" * 9, 400), ("x" * 10, 200), ("x" * 50000, 200), ("x" * 50001, 400)]
    )
    def test_content_bounds(self, alice_client, app, content, status):
        document_write(app)
        response = alice_client.put(url(app, "/research_report"), {"content": content}, format="json")
        assert response.status_code == status, response.content
        if status == 400:
            assert list(response.json()["error"]["details"]) == ["content"]
            assert DocumentVersion.objects.count() == 1
        else:
            assert DocumentVersion.objects.count() == 2

    def test_content_is_required(self, alice_client, app):
        document_write(app)
        error = assert_error(
            alice_client.put(url(app, "/research_report"), {}, format="json"), 400, "VALIDATION_ERROR"
        )
        assert error["details"] == {"content": ["This field is required."]}

    def test_patch_and_post_are_not_allowed(self, alice_client, app):
        document_write(app)
        assert_error(
            alice_client.patch(url(app, "/research_report"), {"content": "x" * 20}, format="json"),
            405,
            "METHOD_NOT_ALLOWED",
        )
        assert_error(alice_client.post(url(app), {}, format="json"), 405, "METHOD_NOT_ALLOWED")


class TestVersions:
    def test_it_lists_versions_newest_first(self, alice_client, app):
        document_write(app, "cover_letter", "First AI letter.")
        alice_client.put(url(app, "/cover_letter"), {"content": "My own letter."}, format="json")
        document_write(app, "cover_letter", "Regenerated letter.")
        versions = alice_client.get(url(app, "/cover_letter/versions")).json()["versions"]
        assert [(v["version"], v["source"], v["content"]) for v in versions] == [
            (3, "ai", "Regenerated letter."),
            (2, "user", "My own letter."),
            (1, "ai", "First AI letter."),
        ]
        assert set(versions[0]) == {
            "version",
            "source",
            "restored_from",
            "tone",
            "length",
            "created_at",
            "content",
        }

    def test_it_is_a_404_before_generation(self, alice_client, app):
        assert_error(alice_client.get(url(app, "/cover_letter/versions")), 404, "NOT_FOUND")

    def test_it_runs_the_same_queries_for_1_and_many_versions(
        self, alice_client, app, django_assert_num_queries
    ):
        document_write(app)
        # The token's user, the application, the document, its versions.
        with django_assert_num_queries(4):
            alice_client.get(url(app, "/research_report/versions"))
        for n in range(20):
            document_write(app, content=f"# Report, take {n}")
        with django_assert_num_queries(4):
            assert len(alice_client.get(url(app, "/research_report/versions")).json()["versions"]) == 21


class TestStranger:
    """Another user's application hides its documents on every route and method."""

    @pytest.mark.parametrize(
        ("method", "suffix", "payload"),
        [
            ("get", "", None),
            ("get", "/research_report", None),
            ("get", "/cover_letter", None),
            ("get", "/essay", None),
            ("put", "/research_report", {"content": "Taken over by a stranger."}),
            ("put", "/essay", {"content": "Taken over by a stranger."}),
            ("get", "/research_report/versions", None),
        ],
    )
    def test_a_stranger_gets_404(self, charlie_client, app, method, suffix, payload):
        document_write(app, "research_report", "# Alice's private research.")
        send = getattr(charlie_client, method)
        response = send(url(app, suffix), payload, format="json") if payload else send(url(app, suffix))
        assert_error(response, 404, "NOT_FOUND")
        assert "private research" not in response.content.decode()
        assert DocumentVersion.objects.count() == 1
