"""A user's edit of the tailored resume or the cover letter is checked by the fact guard,
as a warning only (SPEC §9.3): the edit is saved regardless."""

import ast
from pathlib import Path

import pytest

from documents.models import DocumentVersion
from documents.services import document_edit_warnings
from tests.api.test_schema_conformance import openapi  # noqa: F401  (fixture)
from tests.documents.tailored import tailored_resume_write
from tests.factories import ApplicationFactory, ResumeFactory, document_write
from tests.pages import messages_of, text_of

pytestmark = pytest.mark.django_db

INVENTED = "Dear Acme Robotics,\n\nI ran Kubernetes clusters at Google for 12 years.\n\nJordan Rivera"
HONEST = (
    "Dear Acme Robotics,\n\nAt Northwind Logistics I cut API latency by 40% with Redis caching."
    "\n\nSincerely,\nJordan Rivera"
)
WARNING = (
    "These lines state things your resume does not: “12 years”, “Kubernetes”, “Google”; "
    "that is fine if they are true."
)


@pytest.fixture
def app(alice):
    """Alice's application, tailored from her primary resume, with a cover letter."""
    ResumeFactory(user=alice, is_primary=True)
    application = ApplicationFactory(user=alice)
    tailored_resume_write(application)
    document_write(application, "cover_letter", HONEST)
    document_write(application, "research_report", "# Research\n\nFindings.")
    return application


def edit_url(app, document_type):
    return f"/applications/{app.pk}/documents/{document_type}/edit/"


class TestService:
    @pytest.mark.parametrize("document_type", ["cover_letter", "optimized_resume"])
    def test_it_lists_what_the_resume_does_not_state(self, app, document_type):
        violations = document_edit_warnings(application=app, document_type=document_type, content=INVENTED)
        assert [(v.kind, v.text) for v in violations] == [
            ("year_count", "12 years"),
            ("skill", "Kubernetes"),
            ("employer", "Google"),
        ]

    def test_an_edit_that_keeps_to_the_resume_has_none(self, app):
        assert document_edit_warnings(application=app, document_type="cover_letter", content=HONEST) == []

    def test_the_research_report_states_no_facts_about_the_user(self, app):
        assert (
            document_edit_warnings(application=app, document_type="research_report", content=INVENTED) == []
        )

    def test_without_a_resume_there_is_nothing_to_check_against(self, alice):
        application = ApplicationFactory(user=alice)
        assert (
            document_edit_warnings(application=application, document_type="cover_letter", content=INVENTED)
            == []
        )

    def test_it_reads_the_resume_text_when_the_structure_is_empty(self, alice):
        ResumeFactory(user=alice, is_primary=True, structure={})
        application = ApplicationFactory(user=alice)
        violations = document_edit_warnings(
            application=application, document_type="cover_letter", content=INVENTED
        )
        assert "Kubernetes" in [v.text for v in violations]

    def test_a_long_text_of_short_sentences_is_still_checked(self, app):
        content = "At Northwind Logistics I cut API latency by 40% in 2020. " * 800 + INVENTED
        assert len(content) > 45000
        violations = document_edit_warnings(application=app, document_type="cover_letter", content=content)
        assert [v.text for v in violations] == ["12 years", "Kubernetes", "Google"]

    @pytest.mark.parametrize("content", ["1 " * 25000, "1.1, " * 10000, "Google $1 " * 5000])
    def test_a_run_of_numbers_without_a_full_stop_is_past_the_budget_and_not_checked(self, app, content):
        # The guard's cost grows with a sentence's length times its numbers: these would
        # take it minutes, so the warning is skipped (the edit itself is saved as usual).
        assert document_edit_warnings(application=app, document_type="cover_letter", content=content) == []

    def test_documents_imports_processing_only_inside_functions(self):
        """`processing` depends on `documents`; a module-level import back would be a cycle."""
        for path in Path("documents").rglob("*.py"):
            for node in ast.parse(path.read_text()).body:
                if isinstance(node, ast.ImportFrom | ast.Import):
                    names = (
                        [node.module or ""]
                        if isinstance(node, ast.ImportFrom)
                        else [a.name for a in node.names]
                    )
                    assert not any(n.split(".")[0] == "processing" for n in names), path


class TestEditPage:
    @pytest.mark.parametrize("document_type", ["cover_letter", "optimized_resume"])
    def test_it_saves_and_warns_on_the_document_page(self, web, app, document_type):
        response = web.post(edit_url(app, document_type), {"content": INVENTED}, follow=True)
        assert response.redirect_chain[-1][0] == f"/applications/{app.pk}/documents/{document_type}/"
        assert messages_of(response) == ["Saved as version 2. Earlier versions are in the history.", WARNING]
        assert "message-warning" in response.content.decode()
        assert INVENTED.splitlines()[2] in text_of(response)
        assert DocumentVersion.objects.filter(document__document_type=document_type, number=2).exists()

    def test_an_honest_edit_gets_no_warning(self, web, app):
        response = web.post(edit_url(app, "cover_letter"), {"content": HONEST + "\n\nThanks."}, follow=True)
        assert messages_of(response) == ["Saved as version 2. Earlier versions are in the history."]

    def test_the_research_report_gets_no_warning(self, web, app):
        response = web.post(edit_url(app, "research_report"), {"content": INVENTED}, follow=True)
        assert messages_of(response) == ["Saved as version 2. Earlier versions are in the history."]

    def test_a_restore_of_a_flagged_version_warns_too(self, web, app):
        web.post(edit_url(app, "cover_letter"), {"content": INVENTED})
        web.post(edit_url(app, "cover_letter"), {"content": HONEST + "\n\nThanks."})
        response = web.post(f"/applications/{app.pk}/documents/cover_letter/versions/2/restore/", follow=True)
        assert messages_of(response)[-2:] == ["Version 2 restored as version 4.", WARNING]

    def test_an_invalid_edit_saves_nothing_and_does_not_warn(self, web, app):
        response = web.post(edit_url(app, "cover_letter"), {"content": "Google"})
        assert response.status_code == 200
        assert messages_of(response) == []
        assert DocumentVersion.objects.filter(document__document_type="cover_letter").count() == 1


class TestEditApi:
    def url(self, app, document_type="cover_letter"):
        return f"/api/v1/applications/{app.pk}/documents/{document_type}"

    def test_the_answer_lists_the_warnings_and_the_edit_is_saved(self, alice_client, app):
        response = alice_client.put(self.url(app), {"content": INVENTED}, format="json")
        assert response.status_code == 200, response.content
        data = response.json()
        assert (data["content"], data["version"]) == (INVENTED, 2)
        assert [(w["kind"], w["text"]) for w in data["warnings"]] == [
            ("year_count", "12 years"),
            ("skill", "Kubernetes"),
            ("employer", "Google"),
        ]
        assert data["warnings"][1]["message"] == "“Kubernetes” is not in the resume."

    def test_a_run_of_numbers_is_saved_without_warnings(self, alice_client, app):
        data = alice_client.put(self.url(app), {"content": "1 " * 25000}, format="json").json()
        assert (data["version"], data["warnings"]) == (2, [])

    def test_an_honest_edit_has_no_warnings(self, alice_client, app):
        data = alice_client.put(self.url(app), {"content": HONEST + "\n\nThanks."}, format="json").json()
        assert data["warnings"] == []

    def test_a_stranger_gets_a_404_and_nothing_changes(self, charlie_client, app):
        response = charlie_client.put(self.url(app), {"content": INVENTED}, format="json")
        assert response.status_code == 404
        assert DocumentVersion.objects.filter(document__document_type="cover_letter").count() == 1

    def test_the_answer_matches_the_published_schema(self, alice_client, app, openapi):  # noqa: F811
        path = "/api/v1/applications/{application_id}/documents/{document_type}"
        openapi(alice_client.put(self.url(app), {"content": INVENTED}, format="json"), path)
        openapi(
            alice_client.put(self.url(app, "research_report"), {"content": INVENTED}, format="json"), path
        )
