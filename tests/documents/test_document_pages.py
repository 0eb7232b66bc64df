"""Document pages: read, edit with live preview, history, view and restore a version, export."""

import pytest

from documents.export import MAX_LAYOUT_UNITS
from documents.models import Document, DocumentVersion
from tests.factories import ApplicationFactory, document_write
from tests.pages import field_errors, messages_of

pytestmark = pytest.mark.django_db

HOSTILE = "# Letter\n\nHello <script>alert('x')</script> there.\n\n<img src=x onerror=alert(1)>\n\nBye."


@pytest.fixture
def application(alice):
    return ApplicationFactory(user=alice)


def _url(application, suffix="", document_type="cover_letter"):
    return f"/applications/{application.pk}/documents/{document_type}/{suffix}"


class TestRead:
    def test_it_renders_markdown_through_the_safe_renderer(self, web, application):
        document_write(application, "cover_letter", HOSTILE)
        html = web.get(_url(application)).content.decode()
        assert "<h1>Letter</h1>" in html
        assert "<script>alert" not in html and "<img src=x" not in html
        # The markup shows as the text the writer typed.
        assert "Hello &lt;script&gt;alert('x')&lt;/script&gt; there." in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in html
        assert "Bye." in html

    def test_it_offers_the_four_export_formats(self, web, application):
        document_write(application, "cover_letter")
        html = web.get(_url(application)).content.decode()
        for fmt in ("pdf", "docx"):  # laid out: with the layout and paper size chosen beside them
            assert f'formaction="{_url(application, f"export/{fmt}/")}"' in html
        for fmt in ("md", "txt"):
            assert f'href="{_url(application, f"export/{fmt}/")}"' in html
        assert '<select name="template"' in html and '<select name="page_size"' in html

    def test_a_document_not_written_yet_sends_back_with_a_message(self, web, application):
        response = web.get(_url(application), follow=True)
        assert response.redirect_chain[-1][0] == f"/applications/{application.pk}/"
        assert "The cover letter has not been generated yet. Run its phase from this page." in messages_of(
            response
        )

    def test_an_unknown_type_is_a_404(self, web, application):
        assert web.get(_url(application, document_type="memo")).status_code == 404


class TestEdit:
    def test_it_shows_the_editor_with_a_preview(self, web, application):
        document_write(application, "cover_letter", "# Dear team\n\nHello.")
        html = web.get(_url(application, "edit/")).content.decode()
        assert f'hx-post="{_url(application, "preview/")}"' in html
        assert 'id="preview"' in html
        # The preview pane scrolls on its own: it must be reachable with the keyboard.
        assert '<section class="preview-pane card" aria-labelledby="preview-heading" tabindex="0">' in html
        assert "<h1>Dear team</h1>" in html

    def test_it_saves_a_new_user_version(self, web, application):
        document_write(application, "cover_letter", "# First\n\nOriginal text.")
        response = web.post(_url(application, "edit/"), {"content": "# Second\n\nEdited text."}, follow=True)
        document = Document.objects.get(application=application, document_type="cover_letter")
        assert (document.version, document.content) == (2, "# Second\n\nEdited text.")
        assert document.versions.get(number=2).source == "user"
        assert "Saved as version 2. Earlier versions are in the history." in messages_of(response)

    def test_it_shows_a_too_short_text_next_to_the_field(self, web, application):
        document_write(application, "cover_letter", "# First\n\nOriginal text.")
        response = web.post(_url(application, "edit/"), {"content": "short"})
        assert field_errors(response, "form", "content") == ["Write at least 10 characters."]
        assert Document.objects.get(application=application).version == 1

    def test_the_preview_renders_posted_markdown_safely(self, web, application):
        response = web.post(_url(application, "preview/"), {"content": HOSTILE}, HTTP_HX_REQUEST="true")
        html = response.content.decode()
        assert response.status_code == 200
        assert "<h1>Letter</h1>" in html
        assert "<script" not in html and "<img" not in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in html
        assert "<html" not in html  # a fragment, not a page

    def test_the_preview_refuses_oversized_text_politely(self, web, application):
        response = web.post(_url(application, "preview/"), {"content": "x" * 50001})
        assert "too long to preview" in response.content.decode()

    def test_the_preview_lays_out_nothing_beyond_the_layout_budget(self, web, application):
        content = "- item\n" * (MAX_LAYOUT_UNITS // 3 + 1)
        html = web.post(_url(application, "preview/"), {"content": content}).content.decode()
        assert "too large to preview" in html
        assert "<li>" not in html

    def test_the_editor_shows_no_preview_of_a_document_beyond_the_budget(self, web, application):
        document_write(application, "cover_letter", "- item\n" * (MAX_LAYOUT_UNITS // 3 + 1))
        html = web.get(_url(application, "edit/")).content.decode()
        assert "too large to preview" in html
        assert "<li>" not in html

    def test_the_preview_is_rate_limited_per_user(self, web, stranger, charlie, application, settings):
        settings.JOBFORGE_THROTTLE_PREVIEW = "2/min"
        for _ in range(2):
            assert (
                "<h1>Hi</h1>" in web.post(_url(application, "preview/"), {"content": "# Hi"}).content.decode()
            )
        response = web.post(_url(application, "preview/"), {"content": "# Hi"}, HTTP_HX_REQUEST="true")
        html = response.content.decode()
        assert "The preview is paused" in html and "<h1>Hi</h1>" not in html
        assert 1 <= int(response["Retry-After"]) <= 61
        # Another user's budget is their own.
        theirs = ApplicationFactory(user=charlie)
        html = stranger.post(_url(theirs, "preview/"), {"content": "# Hi"}).content.decode()
        assert "<h1>Hi</h1>" in html


class TestHistory:
    def test_it_lists_versions_newest_first_and_restores_one(self, web, application):
        document_write(application, "cover_letter", "# One\n\nFirst version.")
        web.post(_url(application, "edit/"), {"content": "# Two\n\nSecond version."})
        response = web.get(_url(application, "versions/"))
        assert [v.number for v in response.context["versions"]] == [2, 1]
        version_page = web.get(_url(application, "versions/1/")).content.decode()
        assert "<h1>One</h1>" in version_page
        restored = web.post(_url(application, "versions/1/restore/"), follow=True)
        document = Document.objects.get(application=application)
        assert (document.version, document.content) == (3, "# One\n\nFirst version.")
        assert "Version 1 restored as version 3." in messages_of(restored)

    def test_a_missing_version_is_a_404(self, web, application):
        document_write(application, "cover_letter")
        assert web.get(_url(application, "versions/9/")).status_code == 404
        assert web.post(_url(application, "versions/9/restore/")).status_code == 404

    @pytest.mark.parametrize("old_content", ["Too short", "x" * 50_001], ids=["too-short", "too-long"])
    def test_a_version_that_breaks_todays_rules_is_not_restored_and_says_why(
        self, web, application, old_content
    ):
        document_write(application, "cover_letter", old_content)
        document_write(application, "cover_letter", "# Two\n\nSecond version.")
        response = web.post(_url(application, "versions/1/restore/"), follow=True)
        assert response.status_code == 200
        assert response.redirect_chain[-1][0] == _url(application, "versions/1/")
        (message,) = messages_of(response)
        assert message.startswith("Version 1 cannot be restored")
        document = Document.objects.get(application=application)
        assert (document.version, document.content) == (2, "# Two\n\nSecond version.")
        assert DocumentVersion.objects.filter(document=document).count() == 2

    def test_restore_needs_post(self, web, application):
        document_write(application, "cover_letter")
        assert web.get(_url(application, "versions/1/restore/")).status_code == 405


class TestExport:
    @pytest.mark.parametrize(
        ("fmt", "content_type", "extension"),
        [("md", "text/markdown", ".md"), ("txt", "text/plain", ".txt"), ("docx", "officedocument", ".docx")],
    )
    def test_it_downloads_a_file(self, web, application, fmt, content_type, extension):
        document_write(application, "cover_letter", "# Letter\n\nDear team, hello.")
        response = web.get(_url(application, f"export/{fmt}/"))
        assert response.status_code == 200
        assert content_type in response["Content-Type"]
        assert response["Content-Disposition"].startswith("attachment; filename=")
        assert f'_Cover_Letter_Acme_Robotics{extension}"; filename*=UTF-8' in response["Content-Disposition"]
        # The same download headers as the API: private documents stay out of every cache.
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Content-Type-Options"] == "nosniff"

    def test_it_downloads_a_pdf(self, web, application):
        document_write(application, "cover_letter", "# Letter\n\nDear team, hello.")
        response = web.get(_url(application, "export/pdf/"))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")

    def test_an_unknown_format_is_a_404(self, web, application):
        document_write(application, "cover_letter")
        assert web.get(_url(application, "export/exe/")).status_code == 404

    def test_a_version_that_does_not_exist_is_a_404(self, web, application):
        document_write(application, "cover_letter")
        assert web.get(_url(application, "export/md/"), {"version": "7"}).status_code == 404

    @pytest.mark.parametrize("version", ["0", "-1", "two", "1.5", "", "9999999999", "\u0661"])
    def test_a_malformed_version_says_so_as_the_api_does(self, web, application, version):
        document_write(application, "cover_letter")
        response = web.get(_url(application, "export/md/"), {"version": version}, follow=True)
        assert response.redirect_chain[-1][0] == _url(application)
        assert messages_of(response) == ["The version must be a positive whole number."]

    def test_it_exports_an_earlier_version(self, web, application):
        document_write(application, "cover_letter", "# First\n\nThe first letter.")
        document_write(application, "cover_letter", "# Second\n\nThe second letter.")
        response = web.get(_url(application, "export/md/"), {"version": "1"})
        assert response.content.decode() == "# First\n\nThe first letter."

    def test_too_many_exports_in_a_row_explain_when_to_try_again(self, web, application, settings):
        settings.JOBFORGE_THROTTLE_EXPORT = "1/min"
        document_write(application, "cover_letter", "# Letter\n\nDear team, hello.")
        assert web.get(_url(application, "export/docx/")).status_code == 200
        response = web.get(_url(application, "export/pdf/"), follow=True)
        assert response.redirect_chain[-1][0] == _url(application)
        (message,) = messages_of(response)
        assert message.startswith("Too many requests. Try again in")

    def test_a_document_too_large_for_pdf_explains_why_and_offers_the_way_out(self, web, application):
        document_write(application, "cover_letter", "# Letter\n\n" + "- x\n" * (MAX_LAYOUT_UNITS // 3 + 1))
        response = web.get(_url(application, "export/pdf/"), follow=True)
        assert response.redirect_chain[-1][0] == _url(application)
        (message,) = messages_of(response)
        assert message.startswith("This document has too many paragraphs")
        assert "export it as Markdown or plain text" in message


class TestStranger:
    @pytest.mark.parametrize(
        ("method", "suffix"),
        [
            ("get", ""),
            ("get", "edit/"),
            ("post", "edit/"),
            ("post", "preview/"),
            ("get", "versions/"),
            ("get", "versions/1/"),
            ("post", "versions/1/restore/"),
            ("get", "export/pdf/"),
            ("get", "export/md/"),
        ],
    )
    def test_it_is_a_404_for_another_users_document(self, stranger, application, method, suffix):
        document_write(application, "cover_letter", "# Private\n\nMy letter text.")
        data = {"content": "# Overwritten by a stranger"} if method == "post" else None
        response = getattr(stranger, method)(_url(application, suffix), data)
        assert response.status_code == 404
        assert b"My letter text" not in response.content
        document = Document.objects.get(application=application)
        assert (document.version, document.content) == (1, "# Private\n\nMy letter text.")
