"""`GET /api/v1/applications/{id}/match` (SPEC §11) and `match_score` in the list:
the report's shape, tenancy, a clear error without a resume, sorting by match, fixed
query counts, and answers that match the published schema."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from applications.models import Application
from applications.services import application_update
from documents.services import document_version_write
from matching.models import MatchReport
from tests.api.test_schema_conformance import openapi  # noqa: F401  (fixture)
from tests.factories import JOB_DESCRIPTION, RESUME_MARKDOWN, ApplicationFactory
from tests.matching.conftest import NURSING_POSTING, application_save

pytestmark = pytest.mark.django_db

LIST = "/api/v1/applications"
SCHEMA_PATH = "/api/v1/applications/{application_id}/match"
REPORT_KEYS = {
    "score",
    "score_source",
    "score_tailored",
    "requirements",
    "keywords",
    "missing_claimable",
    "missing_unclaimable",
    "resume_id",
    "document_version",
    "computed_at",
}


def url(application) -> str:
    return f"/api/v1/applications/{application.pk}/match"


def assert_error(response, status, code):
    assert response.status_code == status, response.content
    assert response.json()["error"]["code"] == code


def test_it_answers_the_report_in_the_spec_shape(alice_client, application, resume):
    response = alice_client.get(url(application))

    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == REPORT_KEYS
    assert body["score"] == body["score_source"] == Application.objects.get(pk=application.pk).match_score
    assert body["score_tailored"] is None and body["document_version"] is None
    assert body["resume_id"] == str(resume.pk)
    assert body["computed_at"].endswith("Z")
    requirement = next(r for r in body["requirements"] if "PostgreSQL" in r["text"])
    assert set(requirement) == {"text", "kind", "keywords", "source", "tailored", "evidence"}
    assert requirement["kind"] == "must" and requirement["source"] == "matched"
    assert {"document": "source_resume", "text": requirement["evidence"][0]["text"]} in requirement[
        "evidence"
    ]
    assert "PostgreSQL" in requirement["evidence"][0]["text"]
    keyword = body["keywords"][0]
    assert set(keyword) == {"term", "synonyms", "weight", "in_source", "in_tailored"}
    assert keyword["in_tailored"] is None


def test_it_scores_the_tailored_resume_once_there_is_one(alice_client, application, committed):
    with committed():
        document_version_write(
            application=application, document_type="optimized_resume", content=RESUME_MARKDOWN, source="ai"
        )

    body = alice_client.get(url(application)).json()
    assert body["document_version"] == 1
    assert body["score"] == body["score_tailored"] is not None
    assert all(requirement["tailored"] is not None for requirement in body["requirements"])


def test_a_stranger_gets_a_404_and_no_report(charlie_client, application):
    response = charlie_client.get(url(application))

    assert_error(response, 404, "NOT_FOUND")
    assert "PostgreSQL" not in response.content.decode()


def test_an_unknown_application_is_a_404(alice_client, application):
    assert_error(
        alice_client.get("/api/v1/applications/00000000-0000-0000-0000-000000000000/match"), 404, "NOT_FOUND"
    )


def test_it_needs_a_token(api_client, application):
    assert_error(api_client.get(url(application)), 401, "AUTHENTICATION_ERROR")


def test_without_a_resume_it_says_to_add_one(alice, alice_client):
    application = ApplicationFactory(user=alice)

    response = alice_client.get(url(application))

    assert_error(response, 412, "PRECONDITION_FAILED")
    assert "add one to your resume library" in response.json()["error"]["message"]


def test_a_get_never_writes_and_answers_the_current_inputs(alice, alice_client, application):
    stored = MatchReport.objects.get(application=application)
    # A posting change whose refresh has not run (its transaction has not committed).
    application_update(
        user=alice,
        application_id=application.pk,
        job_description=JOB_DESCRIPTION + "\n- Terraform required\n",
    )

    body = alice_client.get(url(application)).json()

    assert any("Terraform" in r["text"] for r in body["requirements"])
    unchanged = MatchReport.objects.get(application=application)
    assert (unchanged.inputs_digest, unchanged.computed_at) == (stored.inputs_digest, stored.computed_at)


def test_it_runs_a_fixed_number_of_queries(alice_client, application, django_assert_num_queries):
    # The token's user, the application, the primary resume, the tailored version, the report.
    with django_assert_num_queries(5):
        assert alice_client.get(url(application)).status_code == 200


def test_the_answers_match_the_published_schema(alice, alice_client, application, committed, openapi):  # noqa: F811
    openapi(alice_client.get(url(application)), SCHEMA_PATH)
    with committed():
        document_version_write(
            application=application, document_type="optimized_resume", content=RESUME_MARKDOWN, source="ai"
        )
    openapi(alice_client.get(url(application)), SCHEMA_PATH)
    alice.resumes.all().delete()
    openapi(alice_client.get(url(application)), SCHEMA_PATH)  # 412


@pytest.fixture
def scored(alice, resume, committed):
    """Three of alice's applications: a strong match, a weak one, and one with no score."""
    with committed():
        strong = application_save(alice, "Strong")
        weak = application_save(alice, "Weak", NURSING_POSTING)
        unknown = application_save(alice, "Unknown")
    Application.objects.filter(pk=unknown.pk).update(match_score=None)
    assert Application.objects.get(pk=strong.pk).match_score > Application.objects.get(pk=weak.pk).match_score
    return strong, weak, unknown


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [("-match_score", ["Strong", "Weak", "Unknown"]), ("match_score", ["Weak", "Strong", "Unknown"])],
)
def test_the_list_sorts_by_match_with_unknown_scores_last(alice_client, scored, ordering, expected):
    body = alice_client.get(LIST, {"ordering": ordering}).json()

    assert [item["company_name"] for item in body["applications"]] == expected
    assert [item["match_score"] for item in body["applications"]][-1] is None


def test_a_summary_carries_the_match_score(alice_client, scored):
    strong = scored[0]
    listed = {item["id"]: item for item in alice_client.get(LIST).json()["applications"]}

    assert listed[str(strong.pk)]["match_score"] == Application.objects.get(pk=strong.pk).match_score
    assert listed[str(scored[2].pk)]["match_score"] is None


@pytest.mark.parametrize("count", [1, 25])
def test_the_list_sorted_by_match_runs_two_queries(alice, alice_client, resume, committed, count):
    with committed():
        for number in range(count):
            application_save(alice, f"Company {number}")
    with CaptureQueriesContext(connection) as queries:
        body = alice_client.get(LIST, {"ordering": "-match_score", "limit": 100}).json()
    assert len(body["applications"]) == count
    # The token's user, then the page's rows with the count (the page is not full).
    assert len(queries) == 2, "\n".join(query["sql"] for query in queries.captured_queries)
