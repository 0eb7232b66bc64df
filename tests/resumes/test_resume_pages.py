"""Resume library pages: list, create, upload, view, edit, set primary, delete."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resumes.models import Resume
from tests.factories import RESUME_MARKDOWN, ResumeFactory
from tests.pages import field_errors, messages_of, text_of

pytestmark = pytest.mark.django_db


class TestList:
    def test_it_lists_primary_first_and_only_the_users_resumes(self, web, alice, charlie):
        ResumeFactory(user=alice, name="Second")
        ResumeFactory(user=alice, name="Main", is_primary=True)
        ResumeFactory(user=charlie, name="Not yours", is_primary=True)
        response = web.get("/resumes/")
        assert [r.name for r in response.context["resumes"]] == ["Main", "Second"]
        assert "Not yours" not in text_of(response)
        assert "your only resume can’t be deleted" in text_of(response)

    def test_it_says_what_to_do_when_empty(self, web):
        assert "Your library is empty" in text_of(web.get("/resumes/"))


class TestCreate:
    def test_it_makes_the_first_resume_primary(self, web, alice):
        response = web.post(
            "/resumes/new/",
            {"name": "Backend", "focus_area": "software_development", "content": RESUME_MARKDOWN},
            follow=True,
        )
        resume = Resume.objects.get(user=alice)
        assert resume.is_primary
        assert response.redirect_chain[-1][0] == f"/resumes/{resume.pk}/"
        assert "“Backend” added to your library." in messages_of(response)

    def test_it_shows_a_too_short_resume_next_to_the_field(self, web, alice):
        response = web.post("/resumes/new/", {"name": "Tiny", "focus_area": "other", "content": "Too short"})
        assert field_errors(response, "form", "content") == ["A resume needs at least 100 characters."]
        assert not Resume.objects.filter(user=alice).exists()


class TestUpload:
    def test_it_imports_a_markdown_file(self, web, alice):
        upload = SimpleUploadedFile(
            "jordan-rivera.md", RESUME_MARKDOWN.encode(), content_type="text/markdown"
        )
        response = web.post(
            "/resumes/upload/", {"file": upload, "name": "", "focus_area": "other"}, follow=True
        )
        resume = Resume.objects.get(user=alice)
        assert "Northwind Logistics" in resume.content
        assert response.redirect_chain[-1][0] == f"/resumes/{resume.pk}/structure/"
        assert any("imported" in m for m in messages_of(response))

    def test_it_refuses_an_unsupported_type_next_to_the_field(self, web, alice):
        upload = SimpleUploadedFile(
            "photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, content_type="image/png"
        )
        response = web.post("/resumes/upload/", {"file": upload, "focus_area": "other"})
        assert response.status_code == 200
        assert field_errors(response, "form", "file")
        assert not Resume.objects.filter(user=alice).exists()

    def test_it_refuses_a_file_that_is_too_big(self, web, alice, settings):
        settings.JOBFORGE_UPLOAD_MAX_BYTES = 200
        upload = SimpleUploadedFile("big.txt", RESUME_MARKDOWN.encode(), content_type="text/plain")
        response = web.post("/resumes/upload/", {"file": upload, "focus_area": "other"})
        assert any("MB limit" in e for e in field_errors(response, "form", "file"))
        assert not Resume.objects.filter(user=alice).exists()

    def test_it_requires_a_file(self, web):
        response = web.post("/resumes/upload/", {"focus_area": "other"})
        assert field_errors(response, "form", "file") == ["This field is required."]


class TestDetailAndEdit:
    def test_it_renders_the_resume_as_safe_html(self, web, alice):
        resume = ResumeFactory(user=alice, content=RESUME_MARKDOWN + "\n<script>alert(1)</script>\n")
        html = web.get(f"/resumes/{resume.pk}/").content.decode()
        assert "<h1>Jordan Rivera</h1>" in html
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html

    def test_it_saves_an_edit(self, web, alice):
        resume = ResumeFactory(user=alice, is_primary=True)
        response = web.post(
            f"/resumes/{resume.pk}/edit/",
            {"name": "Renamed", "focus_area": "management", "content": RESUME_MARKDOWN},
            follow=True,
        )
        resume.refresh_from_db()
        assert (resume.name, resume.focus_area, resume.is_primary) == ("Renamed", "management", True)
        assert "Resume saved." in messages_of(response)

    def test_it_shows_edit_errors_next_to_fields(self, web, alice):
        resume = ResumeFactory(user=alice)
        response = web.post(
            f"/resumes/{resume.pk}/edit/", {"name": "", "focus_area": "x", "content": RESUME_MARKDOWN}
        )
        assert field_errors(response, "form", "name") == ["This field is required."]
        assert field_errors(response, "form", "focus_area")


class TestPrimaryAndDelete:
    def test_it_moves_the_primary_flag(self, web, alice):
        first = ResumeFactory(user=alice, is_primary=True)
        second = ResumeFactory(user=alice)
        response = web.post(f"/resumes/{second.pk}/primary/", follow=True)
        first.refresh_from_db()
        second.refresh_from_db()
        assert (first.is_primary, second.is_primary) == (False, True)
        assert f"“{second.name}” is now your primary resume." in messages_of(response)

    def test_it_explains_that_the_only_resume_cannot_be_deleted(self, web, alice):
        only = ResumeFactory(user=alice, is_primary=True)
        page = web.get(f"/resumes/{only.pk}/delete/")
        assert "can’t be deleted yet" in text_of(page)
        response = web.post(f"/resumes/{only.pk}/delete/", follow=True)
        assert Resume.objects.filter(pk=only.pk).exists()
        assert any("only resume" in m for m in messages_of(response))

    def test_it_names_the_resume_that_becomes_primary(self, web, alice):
        primary = ResumeFactory(user=alice, is_primary=True, name="Main")
        ResumeFactory(user=alice, name="Backup")
        page = web.get(f"/resumes/{primary.pk}/delete/")
        assert "“Backup” , your most recently updated other resume, becomes primary" in text_of(page)
        web.post(f"/resumes/{primary.pk}/delete/")
        assert Resume.objects.get(user=alice).name == "Backup"
        assert Resume.objects.get(user=alice).is_primary

    def test_it_deletes_a_non_primary_resume(self, web, alice):
        ResumeFactory(user=alice, is_primary=True)
        other = ResumeFactory(user=alice)
        response = web.post(f"/resumes/{other.pk}/delete/", follow=True)
        assert not Resume.objects.filter(pk=other.pk).exists()
        assert response.redirect_chain[-1][0] == "/resumes/"


class TestStranger:
    @pytest.mark.parametrize(
        ("method", "suffix"),
        [
            ("get", ""),
            ("get", "edit/"),
            ("post", "edit/"),
            ("post", "primary/"),
            ("get", "delete/"),
            ("post", "delete/"),
        ],
    )
    def test_it_is_a_404_for_another_users_resume(self, stranger, alice, method, suffix):
        resume = ResumeFactory(user=alice, is_primary=True, name="Private")
        data = {"name": "Stolen", "focus_area": "other", "content": RESUME_MARKDOWN}
        response = getattr(stranger, method)(
            f"/resumes/{resume.pk}/{suffix}", data if method == "post" else None
        )
        assert response.status_code == 404
        resume.refresh_from_db()
        assert (resume.name, resume.is_primary) == ("Private", True)


class TestOneRead:
    """A POST reads the resume once: the page hands the loaded object to the service."""

    def _resume_reads(self, ctx) -> list[str]:
        return [
            q["sql"]
            for q in ctx.captured_queries
            if q["sql"].startswith("SELECT") and 'FROM "resumes_resume"' in q["sql"]
        ]

    def test_an_edit_reads_the_resume_once(self, web, alice):
        resume = ResumeFactory(user=alice, is_primary=True)
        data = {"name": "Renamed", "focus_area": "management", "content": RESUME_MARKDOWN}
        with CaptureQueriesContext(connection) as ctx:
            response = web.post(f"/resumes/{resume.pk}/edit/", data)
        assert response.status_code == 302
        assert len(self._resume_reads(ctx)) == 1, "\n".join(self._resume_reads(ctx))
        resume.refresh_from_db()
        assert (resume.name, resume.focus_area, resume.is_primary) == ("Renamed", "management", True)

    def test_making_a_resume_primary_reads_it_once(self, web, alice):
        old = ResumeFactory(user=alice, is_primary=True)
        resume = ResumeFactory(user=alice)
        with CaptureQueriesContext(connection) as ctx:
            response = web.post(f"/resumes/{resume.pk}/primary/")
        assert response.status_code == 302
        assert len(self._resume_reads(ctx)) == 1, "\n".join(self._resume_reads(ctx))
        assert list(Resume.objects.filter(user=alice, is_primary=True)) == [resume]
        old.refresh_from_db()
        assert not old.is_primary
