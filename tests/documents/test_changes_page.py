""" "What changed" beside the tailored resume (SPEC §9.3):
/applications/<pk>/documents/optimized_resume/changes/."""

import re

import pytest

from documents.services import document_edit, document_version_write
from processing.guard import Violation
from tests.documents.tailored import tailored_resume, tailored_resume_write
from tests.factories import document_write
from tests.pages import messages_of, page_queries, text_of

pytestmark = pytest.mark.django_db


def changes_url(app, query="", document_type="optimized_resume"):
    return f"/applications/{app.pk}/documents/{document_type}/changes/{query}"


def _items(response) -> list[str]:
    """The text of each tailored line's entry, in order."""
    html = response.content.decode()
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", item)).strip()
        for item in re.findall(r'<li class="change-item">(.*?)</li>', html, flags=re.S)
    ]


class TestTracedVersion:
    def test_it_shows_each_tailored_line_beside_its_source_with_keywords_and_change(self, web, app):
        tailored_resume_write(app)
        response = web.get(changes_url(app))
        assert response.status_code == 200
        assert _items(response) == [
            "Tailored Backend engineer building Python services and data pipelines. "
            "From your resume Backend engineer with seven years of experience building Python services "
            "and data pipelines. Posting keywords Python Change Summary drawn from your resume",
            "Tailored Cut API latency by 40% with Redis caching and query tuning. "
            "From your resume Cut API latency by 40% with Redis caching and query tuning. "
            "Posting keywords Redis Change Same words, new place",
            "Tailored Built a Django and PostgreSQL order platform for 2 million orders a month. "
            "From your resume Designed a Django and PostgreSQL order platform handling 2 million orders "
            "a month. Posting keywords Django PostgreSQL Change Reworded",
            "Tailored Built ETL pipelines in Python and Airflow feeding a Snowflake warehouse. "
            "From your resume Built ETL pipelines in Python and Airflow feeding a Snowflake warehouse. "
            "Posting keywords Python Change Kept as written",
        ]

    def test_it_lists_what_was_left_out_and_the_guards_verdict(self, web, app):
        tailored_resume_write(app)
        text = text_of(web.get(changes_url(app)))
        assert "Left out Lines of your resume this version does not use. Led a team of four engineers" in text
        assert "Wrote REST APIs with Flask" in text
        assert "Fact check Passed: every line states only what your resume states." in text

    def test_it_shows_the_violations_when_the_guard_flagged_some(self, web, app):
        flagged = Violation("skill", "Kubernetes", "“Kubernetes” is not in the resume.")
        tailored_resume_write(app, violations=[flagged])
        text = text_of(web.get(changes_url(app)))
        assert (
            "Fact check These lines state things your resume does not: “Kubernetes” is not in the resume."
            in text
        )

    def test_the_document_pages_link_to_it(self, web, app):
        tailored_resume_write(app)
        html = web.get(f"/applications/{app.pk}/documents/optimized_resume/").content.decode()
        assert f'href="{changes_url(app)}"' in html and "What changed" in html
        current = web.get(changes_url(app)).content.decode()
        assert f'href="{changes_url(app)}" aria-current="page">What changed' in current

    def test_the_page_escapes_the_lines(self, web, app):
        content, provenance = tailored_resume()
        provenance["lines"][0]["text"] = "Built <script>alert(1)</script> tools."
        provenance["dropped"][0]["source_text"] = "<img src=x onerror=alert(1)>"
        document_version_write(
            application=app,
            document_type="optimized_resume",
            content=content,
            source="ai",
            provenance=provenance,
        )
        html = web.get(changes_url(app)).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "Built &lt;script&gt;alert(1)&lt;/script&gt; tools." in html

    def test_it_runs_a_fixed_number_of_queries(self, web, app):
        tailored_resume_write(app)
        # Session, user, application, document, the version's provenance.
        assert len(page_queries(web, changes_url(app))) == 5


class TestUntracedAndEarlierVersions:
    def test_a_hand_edit_says_its_lines_are_not_traced_and_links_to_the_last_traced_one(self, web, app):
        tailored_resume_write(app)
        document_edit(application=app, document_type="optimized_resume", content="# Mine, written by hand")
        response = web.get(changes_url(app))
        assert response.status_code == 200
        text = text_of(response)
        assert "What changed in version 2 This version was edited by hand; its lines are not traced." in text
        assert f'href="{changes_url(app, "?version=1")}"' in response.content.decode()

    def test_an_earlier_version_is_shown_with_version(self, web, app):
        tailored_resume_write(app)
        document_edit(application=app, document_type="optimized_resume", content="# Mine, written by hand")
        text = text_of(web.get(changes_url(app, "?version=1")))
        assert "What changed in version 1 An earlier version: the current one is version 2." in text
        assert "Kept as written" in text

    @pytest.mark.parametrize("query", ["?version=9", "?version=0", "?version=abc", "?version=12345678901"])
    def test_a_missing_or_bad_version_is_the_404_page(self, web, app, query):
        tailored_resume_write(app)
        assert web.get(changes_url(app, query)).status_code == 404

    @pytest.mark.parametrize("document_type", ["cover_letter", "research_report", "essay"])
    def test_another_document_type_has_no_such_page(self, web, app, document_type):
        document_write(app, "cover_letter", "Dear Acme, hello.")
        document_write(app, "research_report", "# Research\n\nFindings.")
        assert web.get(changes_url(app, document_type=document_type)).status_code == 404
        if document_type != "essay":
            html = web.get(f"/applications/{app.pk}/documents/{document_type}/").content.decode()
            assert "What changed" not in html

    def test_before_generation_it_sends_the_user_back_to_the_application(self, web, app):
        response = web.get(changes_url(app), follow=True)
        assert response.redirect_chain[-1][0] == f"/applications/{app.pk}/"
        assert "The tailored resume has not been generated yet." in messages_of(response)[0]

    def test_a_stranger_gets_the_404_page(self, stranger, app):
        tailored_resume_write(app)
        response = stranger.get(changes_url(app))
        assert response.status_code == 404
        assert b"Backend engineer" not in response.content
