"""The history's difference between two versions (line and word level, server-side), and
restores labelled with the version they restore."""

import re

import pytest

from documents import diff as diff_module
from documents.diff import text_diff
from documents.models import DocumentVersion
from documents.services import document_version_diff, document_version_restore
from jobforge.errors import NotFound
from tests.factories import ApplicationFactory, document_write
from tests.pages import login_client, page_queries, text_of

pytestmark = pytest.mark.django_db

FIRST = "# Letter\n\nDear team,\n\nI led a team of five engineers.\n\nSincerely,\nAlice"
SECOND = "# Letter\n\nDear team,\n\nI led a team of six engineers at Acme.\n\nSincerely,\nAlice"


def rows(diff):
    return [(line.kind, "".join(piece.text for piece in line.pieces), line.skipped) for line in diff.lines]


def changed_words(line):
    return [piece.text for piece in line.pieces if piece.changed]


class TestTextDiff:
    def test_a_rewritten_line_shows_the_words_that_changed(self):
        diff = text_diff(FIRST, SECOND)
        (removed,) = [line for line in diff.lines if line.kind == "removed"]
        (added,) = [line for line in diff.lines if line.kind == "added"]
        assert changed_words(removed) == ["five"]
        assert changed_words(added) == ["six", " at Acme"]
        assert (removed.old_number, added.new_number) == (5, 5)
        assert (diff.added, diff.removed, diff.identical) == (1, 1, False)

    def test_long_unchanged_runs_fold_around_the_change(self):
        old = "\n".join(f"line {n}" for n in range(1, 21))
        new = old.replace("line 10", "line ten")
        assert rows(text_diff(old, new)) == [
            ("skipped", "", 6),
            ("same", "line 7", 0),
            ("same", "line 8", 0),
            ("same", "line 9", 0),
            ("removed", "line 10", 0),
            ("added", "line ten", 0),
            ("same", "line 11", 0),
            ("same", "line 12", 0),
            ("same", "line 13", 0),
            ("skipped", "", 7),
        ]

    def test_added_and_removed_lines_are_whole(self):
        diff = text_diff("a\nb\nc", "a\nc\nd")
        assert rows(diff) == [("same", "a", 0), ("removed", "b", 0), ("same", "c", 0), ("added", "d", 0)]

    def test_identical_texts_have_no_change(self):
        diff = text_diff(FIRST, FIRST)
        assert diff.identical
        assert [line.kind for line in diff.lines] == ["skipped"]

    def test_word_comparison_stops_at_its_budget(self, monkeypatch):
        monkeypatch.setattr(diff_module, "WORD_DIFF_BUDGET", 30)
        diff = text_diff("one two three\nfour five six", "one 2 three\nfour 5 six")
        removed = [line for line in diff.lines if line.kind == "removed"]
        # The first pair (5 × 5 tokens) fits the budget; the second is shown whole.
        assert changed_words(removed[0]) == ["two"]
        assert changed_words(removed[1]) == ["four five six"]


@pytest.fixture
def application(alice):
    application = ApplicationFactory(user=alice)
    document_write(application, "cover_letter", FIRST)
    document_write(application, "cover_letter", SECOND, source="user")
    return application


def url(application, query=""):
    return f"/applications/{application.pk}/documents/cover_letter/versions/compare/{query}"


class TestService:
    def test_it_compares_any_two_versions_in_either_order(self, application):
        document = application.documents.get()
        forward = document_version_diff(document=document, old=1, new=2).diff
        backward = document_version_diff(document=document, old=2, new=1).diff
        assert (forward.added, backward.added) == (1, 1)
        assert changed_words(next(line for line in backward.lines if line.kind == "added")) == ["five"]

    def test_by_default_it_compares_the_previous_and_the_current_version(self, application):
        comparison = document_version_diff(document=application.documents.get())
        assert (comparison.old, comparison.new, comparison.diff.added) == (1, 2, 1)

    def test_a_missing_version_is_not_found(self, application):
        with pytest.raises(NotFound, match="Version 3 does not exist"):
            document_version_diff(document=application.documents.get(), old=1, new=3)


class TestPage:
    def test_it_shows_the_previous_and_current_versions_by_default(self, web, application):
        response = web.get(url(application))
        assert response.status_code == 200
        page = response.content.decode()
        assert "Changes from version 1 to version 2" in page
        assert "<del>five</del>" in page
        assert "<ins>six</ins>" in page and "<ins> at Acme</ins>" in page
        # Screen readers hear which line went and which came, not only the colours.
        assert '<span class="visually-hidden">Removed: </span>I led a team of <del>five</del>' in page
        assert '<span class="visually-hidden">Added: </span>I led a team of <ins>six</ins>' in page
        assert "1 line removed and 1 added" in text_of(response)

    def test_it_compares_the_chosen_versions(self, web, application):
        document_write(application, "cover_letter", FIRST + "\n\nP.S. Thank you.", source="user")
        page = web.get(url(application, "?from=1&to=3")).content.decode()
        assert "Changes from version 1 to version 3" in page
        assert '<option value="1" selected>' in page and '<option value="3" selected>' in page
        assert "<ins>P.S. Thank you.</ins>" in page
        assert "<del>" not in page

    def test_the_same_version_twice_says_so(self, web, application):
        assert "The two versions are the same." in text_of(web.get(url(application, "?from=2&to=2")))

    @pytest.mark.parametrize("query", ["?from=9", "?to=0", "?from=abc", "?to=-1", "?from=1&to=99999999999"])
    def test_a_bad_or_missing_version_is_the_404_page(self, web, application, query):
        assert web.get(url(application, query)).status_code == 404

    def test_a_stranger_gets_a_404(self, application, charlie):
        assert login_client(charlie).get(url(application)).status_code == 404

    def test_document_text_is_escaped(self, web, application):
        document_write(application, "cover_letter", FIRST + "\n<script>alert(1)</script>", source="user")
        page = web.get(url(application, "?from=2&to=3")).content.decode()
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page

    def test_it_runs_a_fixed_number_of_queries(self, web, application):
        before = len(page_queries(web, url(application)))
        for n in range(5):
            document_write(application, "cover_letter", f"{SECOND}\n\nEdit {n}.", source="user")
        assert len(page_queries(web, url(application))) == before

    def test_the_history_offers_the_comparison(self, web, application):
        page = web.get(f"/applications/{application.pk}/documents/cover_letter/versions/").content.decode()
        assert 'action="/applications/' in page and 'name="from"' in page and 'name="to"' in page
        assert re.search(r'href="[^"]*/versions/compare/\?from=1&amp;to=2"', page)


class TestRestoreOrigin:
    def test_a_restore_is_labelled_with_the_version_it_restores(self, web, application):
        response = web.post(f"/applications/{application.pk}/documents/cover_letter/versions/1/restore/")
        assert response.status_code == 302
        restored = DocumentVersion.objects.get(document__application=application, number=3)
        assert (restored.source, restored.restored_from, restored.content) == ("user", 1, FIRST)
        history = text_of(web.get(f"/applications/{application.pk}/documents/cover_letter/versions/"))
        assert "Version 3 Restored from version 1" in history
        assert "Version 2 Your edit" in history and "Version 1 Generated" in history
        detail = text_of(web.get(f"/applications/{application.pk}/documents/cover_letter/versions/3/"))
        assert "Restored from version 1 on" in detail

    def test_the_api_lists_the_restored_version(self, alice_client, application):
        document_version_restore(application=application, document_type="cover_letter", number=1)
        body = alice_client.get(
            f"/api/v1/applications/{application.pk}/documents/cover_letter/versions"
        ).json()
        versions = body["versions"]
        assert [(v["version"], v["source"], v["restored_from"]) for v in versions] == [
            (3, "user", 1),
            (2, "user", None),
            (1, "ai", None),
        ]

    def test_an_edit_is_not_a_restore(self, application):
        from documents.services import document_edit

        document_edit(application=application, document_type="cover_letter", content=FIRST)
        assert application.documents.get().versions.get(number=3).restored_from is None


class TestApi:
    def url(self, application, query=""):
        return f"/api/v1/applications/{application.pk}/documents/cover_letter/versions/diff{query}"

    def test_it_gives_the_lines_and_words_that_changed(self, alice_client, application):
        response = alice_client.get(self.url(application))
        assert response.status_code == 200
        body = response.json()
        assert (body["from_version"], body["to_version"], body["added"], body["removed"]) == (1, 2, 1, 1)
        assert body["identical"] is False
        removed = next(line for line in body["lines"] if line["kind"] == "removed")
        assert removed["old_number"] == 5 and removed["new_number"] is None
        assert [piece["text"] for piece in removed["pieces"] if piece["changed"]] == ["five"]

    def test_it_compares_the_chosen_versions(self, alice_client, application):
        body = alice_client.get(self.url(application, "?from=2&to=1")).json()
        assert (body["from_version"], body["to_version"]) == (2, 1)
        added = next(line for line in body["lines"] if line["kind"] == "added")
        assert [piece["text"] for piece in added["pieces"] if piece["changed"]] == ["five"]

    @pytest.mark.parametrize("query", ["?from=abc", "?to=0", "?from=-1"])
    def test_a_malformed_version_is_a_400(self, alice_client, application, query):
        response = alice_client.get(self.url(application, query))
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "VALIDATION_ERROR"

    def test_a_missing_version_is_a_404(self, alice_client, application):
        response = alice_client.get(self.url(application, "?to=7"))
        assert response.status_code == 404
        assert response.json()["error"]["message"] == "Version 7 does not exist."

    def test_a_stranger_gets_a_404(self, application, charlie_client):
        response = charlie_client.get(self.url(application))
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "NOT_FOUND"
