"""Applications: list with filters, board, create, detail, edit, stage, notes, delete."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from applications.models import Application, StageEvent
from tests.applications.posting_server import base_url, page, posting_server
from tests.factories import JOB_DESCRIPTION, ApplicationFactory, ResumeFactory, document_write
from tests.pages import (
    error_next_to,
    field_errors,
    login_client,
    messages_of,
    page_queries,
    reads_of,
    text_of,
)

pytestmark = pytest.mark.django_db


def _valid(**overrides):
    data = {
        "company_name": "Initech",
        "role_title": "Python Developer",
        "job_url": "https://jobs.example.com/42",
        "location": "Austin, TX",
        "priority_level": "high",
        "resume": "",
        "job_description": JOB_DESCRIPTION,
        "additional_context": "",
    }
    data.update(overrides)
    return data


class TestList:
    def test_it_lists_the_users_applications_newest_first(self, web, alice, charlie):
        ApplicationFactory(user=alice, company_name="Older Co")
        ApplicationFactory(user=alice, company_name="Newer Co")
        ApplicationFactory(user=charlie, company_name="Not Yours")
        response = web.get("/applications/")
        names = [a.company_name for a in response.context["page_obj"]]
        assert names == ["Newer Co", "Older Co"]
        assert "Not Yours" not in text_of(response)

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("?stage=applied", ["Applied Co"]),
            ("?priority=high", ["High Co"]),
            ("?status=draft", ["High Co", "Applied Co"]),
            ("?q=appl", ["Applied Co"]),
            ("?q=backend", ["High Co", "Applied Co"]),
        ],
    )
    def test_it_filters_and_searches(self, web, alice, query, expected):
        applied = ApplicationFactory(user=alice, company_name="Applied Co", priority_level="low")
        web.post(f"/applications/{applied.pk}/stage/", {"stage": "applied"})
        ApplicationFactory(user=alice, company_name="High Co", priority_level="high")
        response = web.get(f"/applications/{query}")
        assert [a.company_name for a in response.context["page_obj"]] == expected

    def test_it_ignores_an_invalid_filter_value_instead_of_failing(self, web, alice):
        ApplicationFactory(user=alice)
        response = web.get("/applications/?stage=bogus&page=zzz")
        assert response.status_code == 200
        assert len(response.context["page_obj"]) == 1

    def test_it_paginates(self, web, alice):
        for n in range(23):
            ApplicationFactory(user=alice, company_name=f"Co {n}")
        first = web.get("/applications/")
        second = web.get("/applications/?page=2")
        assert len(first.context["page_obj"]) == 20
        assert len(second.context["page_obj"]) == 3
        assert 'rel="next"' in first.content.decode()

    def test_it_says_what_to_do_when_empty(self, web):
        assert "Add your first application" in text_of(web.get("/applications/"))

    def test_it_runs_the_same_queries_for_1_and_30_applications(self, web, alice):
        ApplicationFactory(user=alice)
        one = len(page_queries(web, "/applications/"))
        for _ in range(29):
            ApplicationFactory(user=alice)
        # session, user, count, page of rows
        assert len(page_queries(web, "/applications/")) == one == 4


class TestBoard:
    def test_it_puts_each_application_in_its_stage_column(self, web, alice):
        saved = ApplicationFactory(user=alice, company_name="Saved Co")
        moved = ApplicationFactory(user=alice, company_name="Moved Co")
        web.post(f"/applications/{moved.pk}/stage/", {"stage": "interviewing"})
        columns = {c["value"]: c["cards"] for c in web.get("/applications/board/").context["columns"]}
        assert columns["saved"] == [saved]
        assert columns["interviewing"] == [moved]
        assert columns["offer"] == []

    def test_each_card_has_a_stage_form_that_works_without_javascript(self, web, alice):
        application = ApplicationFactory(user=alice)
        html = web.get("/applications/board/").content.decode()
        assert f'action="/applications/{application.pk}/stage/"' in html
        response = web.post(
            f"/applications/{application.pk}/stage/",
            {"stage": "applied", "next": "/applications/board/"},
            follow=True,
        )
        assert response.redirect_chain[-1][0] == "/applications/board/"
        application.refresh_from_db()
        assert application.stage == "applied"
        assert application.applied_at is not None
        # Named in full: two cards can share a company.
        assert "Acme Robotics — Senior Backend Engineer moved to “Applied”." in messages_of(response)

    def test_an_htmx_move_answers_with_the_board(self, web, alice):
        application = ApplicationFactory(user=alice)
        response = web.post(
            f"/applications/{application.pk}/stage/",
            {"stage": "offer", "next": "/applications/board/"},
            HTTP_HX_REQUEST="true",
            follow=True,
        )
        assert 'id="board"' in response.content.decode()
        assert 'id="messages"' in response.content.decode()

    def test_it_runs_the_same_queries_for_1_and_30_applications(self, web, alice):
        ApplicationFactory(user=alice)
        one = len(page_queries(web, "/applications/board/"))
        for _ in range(29):
            ApplicationFactory(user=alice)
        # session, user, all the user's applications
        assert len(page_queries(web, "/applications/board/")) == one == 3

    def test_it_says_what_to_do_when_empty(self, web):
        assert "Your board is empty" in text_of(web.get("/applications/board/"))


class TestCreate:
    def test_it_renders_the_form_with_only_the_users_resumes(self, web, alice, charlie):
        mine = ResumeFactory(user=alice, name="Mine", is_primary=True)
        ResumeFactory(user=charlie, name="Theirs", is_primary=True)
        response = web.get("/applications/new/")
        assert list(response.context["form"].fields["resume"].queryset) == [mine]

    def test_it_creates_and_redirects_to_the_application(self, web, alice):
        resume = ResumeFactory(user=alice, is_primary=True)
        response = web.post("/applications/new/", _valid(resume=str(resume.pk)), follow=True)
        application = Application.objects.get(user=alice)
        assert response.redirect_chain[-1][0] == f"/applications/{application.pk}/"
        assert application.resume == resume
        assert application.priority_level == "high"
        assert application.name.startswith("initech_python_developer_")
        assert "Application saved. Next: run the research." in messages_of(response)

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("company_name", "", "This field is required."),
            ("job_description", "Too short.", "Paste the full posting: at least 50 characters."),
            ("job_url", "javascript:alert(1)", "Enter a link starting with http:// or https://."),
            (
                "priority_level",
                "urgent",
                "Select a valid choice. urgent is not one of the available choices.",
            ),
        ],
    )
    def test_it_shows_errors_next_to_the_fields(self, web, alice, field, value, message):
        response = web.post("/applications/new/", _valid(**{field: value}))
        assert response.status_code == 200
        assert field_errors(response, "form", field) == [message]
        assert message.split(".")[0] in response.content.decode()
        assert not Application.objects.filter(user=alice).exists()

    def test_it_refuses_another_users_resume(self, web, alice, charlie):
        theirs = ResumeFactory(user=charlie, is_primary=True)
        response = web.post("/applications/new/", _valid(resume=str(theirs.pk)))
        assert field_errors(response, "form", "resume")
        assert not Application.objects.filter(user=alice).exists()


PASTED = (
    "Senior Backend Engineer\n"
    "Northwind · Austin, TX (Hybrid)\n\n"
    "We build logistics software for regional carriers. This is a full-time role.\n"
    "Compensation: $140k - $165k per year plus equity.\n"
)


class TestImport:
    """The new-application page's import box fills the form for review (no JavaScript needed)."""

    def test_it_offers_a_link_and_a_paste_box(self, web):
        page_text = text_of(web.get("/applications/new/"))
        assert "Import from a link" in page_text
        assert "Paste the whole posting" in page_text

    def test_it_fills_the_form_from_pasted_text_and_saves_nothing(self, web, alice):
        response = web.post("/applications/new/", {"import": "text", "import-text": PASTED})
        assert response.status_code == 200
        form = response.context["form"]
        assert not form.is_bound  # shown for review, no errors yet
        assert form.initial["company_name"] == "Northwind"
        assert form.initial["role_title"] == "Senior Backend Engineer"
        assert form.initial["job_description"] == PASTED.strip()
        page_html = response.content.decode()
        assert 'value="Northwind"' in page_html
        assert "Filled from the posting: check every field, then save." in text_of(response)
        assert not Application.objects.filter(user=alice).exists()

    def test_it_fills_the_form_from_a_link(self, web, settings):
        settings.JOBFORGE_IMPORT_PRIVATE_HOSTS = ["127.0.0.1"]
        with posting_server({"/job": page("meta_only.html")}) as server:
            url = base_url(server) + "/job"
            response = web.post("/applications/new/", {"import": "url", "import-url": url})
        form = response.context["form"]
        assert (form.initial["company_name"], form.initial["role_title"]) == (
            "Quarry Analytics",
            "Data Engineer",
        )
        assert form.initial["job_url"] == url
        assert form.initial["location"] == "Atlanta, GA"

    def test_it_shows_why_a_link_is_refused_and_connects_nowhere(self, web, alice, settings):
        settings.JOBFORGE_IMPORT_PRIVATE_HOSTS = []
        with posting_server({"/job": page("meta_only.html")}) as server:
            url = base_url(server) + "/job"
            response = web.post("/applications/new/", {"import": "url", "import-url": url})
            assert server.connections == 0
        assert response.status_code == 400
        assert error_next_to(response, "id_import-url", "inside a private network")
        assert not Application.objects.filter(user=alice).exists()

    def test_it_asks_for_a_link_or_text(self, web):
        response = web.post("/applications/new/", {"import": "url", "import-url": ""})
        assert response.status_code == 400
        assert field_errors(response, "import_form", "url")

    def test_a_reviewed_draft_saves(self, web, alice):
        draft = (
            web.post("/applications/new/", {"import": "text", "import-text": PASTED}).context["form"].initial
        )
        response = web.post("/applications/new/", _valid(**draft), follow=True)
        assert response.status_code == 200
        application = Application.objects.get(user=alice)
        assert application.company_name == "Northwind"
        assert application.job_description == PASTED.strip()


class TestJobDetails:
    """Pay, work mode, dates and source on the form, detail page, list rows and board cards;
    a long posting is never cut."""

    def test_a_14000_character_posting_saves_intact_through_the_form(self, web, alice):
        posting = "\n\n".join(f"Paragraph {n}: " + "duties and requirements " * 12 for n in range(48))[:14000]
        assert len(posting) == 14000
        page_html = web.get("/applications/new/").content.decode()
        textarea = re.search(r"<textarea[^>]*id=\"id_job_description\"[^>]*>", page_html)[0]
        assert "maxlength" not in textarea  # the browser cuts nothing
        assert 'data-char-limit="20000"' in textarea
        response = web.post("/applications/new/", _valid(job_description=posting))
        assert response.status_code == 302
        assert Application.objects.get(user=alice).job_description == posting.strip()

    def test_a_posting_over_the_limit_is_refused_with_its_length(self, web, alice):
        response = web.post("/applications/new/", _valid(job_description="x" * 20001))
        assert field_errors(response, "form", "job_description") == [
            "Ensure this value has at most 20000 characters (it has 20001)."
        ]
        assert not Application.objects.filter(user=alice).exists()

    def test_the_details_save_from_the_form_and_show_everywhere(self, web, alice):
        details = {
            "work_mode": "remote",
            "employment_type": "full_time",
            "salary_min": "120000",
            "salary_max": "150000",
            "salary_currency": "usd",
            "salary_period": "year",
            "posted_at": "2025-06-01",
            "deadline": "2025-07-15",
            "source": "Hacker News",
        }
        response = web.post("/applications/new/", _valid(**details), follow=True)
        application = Application.objects.get(user=alice)
        assert application.pay_display == "USD 120,000–150,000 per year"
        detail = text_of(response)
        for text in ("Remote", "Full-time", "USD 120,000–150,000 per year", "Jul 15, 2025", "Hacker News"):
            assert text in detail
        row = text_of(web.get("/applications/"))
        assert "USD 120,000–150,000 per year · apply by Jul 15" in row
        assert "USD 120,000–150,000 per year · apply by Jul 15" in text_of(web.get("/applications/board/"))
        edit = web.get(f"/applications/{application.pk}/edit/").context["form"]
        assert edit.initial["deadline"] == application.deadline

    def test_the_form_refuses_a_backwards_pay_range(self, web, alice):
        response = web.post("/applications/new/", _valid(salary_min="150000", salary_max="120000"))
        assert field_errors(response, "form", "salary_max") == [
            "The highest pay must not be below the lowest."
        ]
        assert not Application.objects.filter(user=alice).exists()

    def test_an_imported_draft_fills_the_details(self, web):
        form = web.post("/applications/new/", {"import": "text", "import-text": PASTED}).context["form"]
        assert (form.initial["salary_min"], form.initial["salary_max"]) == (140000, 165000)
        assert form.initial["work_mode"] == "hybrid"
        assert form.initial["employment_type"] == "full_time"


class TestDetail:
    def test_the_scrolling_posting_is_reachable_with_the_keyboard(self, web, alice):
        application = ApplicationFactory(user=alice)
        html = web.get(f"/applications/{application.pk}/").content.decode()
        assert '<div class="posting" tabindex="0" role="region" aria-label="Job posting text">' in html

    def test_it_shows_posting_stage_timeline_notes_phases_and_documents(self, web, alice):
        application = ApplicationFactory(user=alice, notes="Call Sam on Friday")
        document_write(application, "research_report", "# Report\n\nThe research.")
        response = web.get(f"/applications/{application.pk}/")
        html = response.content.decode()
        assert "Senior Backend Engineer" in html
        assert "warehouse robots" in html
        assert "Call Sam on Friday" in html
        assert f'hx-get="/applications/{application.pk}/phases/?seen=' in html
        assert f'href="/applications/{application.pk}/documents/research_report/"' in html
        assert "Not written yet" in html  # the two other documents
        assert [e.to_stage for e in response.context["timeline"]] == ["saved"]

    def test_it_runs_the_same_queries_for_a_user_with_1_and_30_applications(self, web, alice):
        application = ApplicationFactory(user=alice)
        document_write(application, "research_report")
        one = len(page_queries(web, f"/applications/{application.pk}/"))
        for _ in range(29):
            ApplicationFactory(user=alice)
        for document_type in ("optimized_resume", "cover_letter"):
            document_write(application, document_type)
        # session, user, application, timeline, documents, the library's resumes (for the
        # one in use and the one whose focus fits the posting)
        assert len(page_queries(web, f"/applications/{application.pk}/")) == one == 6

    def test_an_id_in_upper_case_is_the_same_application(self, web, alice, charlie):
        application = ApplicationFactory(user=alice, company_name="Upper Co")
        response = web.get(f"/applications/{str(application.pk).upper()}/")
        assert response.status_code == 200
        assert response.context["application"] == application
        # Still the owner's alone.
        assert login_client(charlie).get(f"/applications/{str(application.pk).upper()}/").status_code == 404

    def test_it_is_a_404_for_a_missing_id(self, web):
        response = web.get("/applications/00000000-0000-0000-0000-000000000000/")
        assert response.status_code == 404
        assert "We couldn’t find that page" in response.content.decode()


class TestEdit:
    def test_it_prefills_the_form(self, web, alice):
        application = ApplicationFactory(user=alice)
        form = web.get(f"/applications/{application.pk}/edit/").context["form"]
        assert form["company_name"].value() == "Acme Robotics"

    def test_it_saves_changes(self, web, alice):
        application = ApplicationFactory(user=alice)
        response = web.post(
            f"/applications/{application.pk}/edit/",
            _valid(company_name="Acme Inc", notes="Recruiter: Pat"),
            follow=True,
        )
        application.refresh_from_db()
        assert (application.company_name, application.notes) == ("Acme Inc", "Recruiter: Pat")
        assert "Changes saved." in messages_of(response)

    def test_it_shows_errors_and_changes_nothing(self, web, alice):
        application = ApplicationFactory(user=alice)
        response = web.post(f"/applications/{application.pk}/edit/", _valid(role_title=""))
        assert field_errors(response, "form", "role_title") == ["This field is required."]
        application.refresh_from_db()
        assert application.role_title == "Senior Backend Engineer"


class TestStageAndNotes:
    def test_it_records_the_move_on_the_timeline(self, web, alice):
        application = ApplicationFactory(user=alice)
        web.post(f"/applications/{application.pk}/stage/", {"stage": "applied"})
        web.post(f"/applications/{application.pk}/stage/", {"stage": "interviewing"})
        events = StageEvent.objects.filter(application=application).order_by("created_at")
        assert [(e.from_stage, e.to_stage) for e in events] == [
            ("", "saved"),
            ("saved", "applied"),
            ("applied", "interviewing"),
        ]

    def test_it_refuses_an_unknown_stage_with_a_message(self, web, alice):
        application = ApplicationFactory(user=alice)
        response = web.post(f"/applications/{application.pk}/stage/", {"stage": "hired"}, follow=True)
        assert "Choose one of the stages in the list." in messages_of(response)
        application.refresh_from_db()
        assert application.stage == "saved"

    def test_it_ignores_an_offsite_next(self, web, alice):
        application = ApplicationFactory(user=alice)
        response = web.post(
            f"/applications/{application.pk}/stage/", {"stage": "applied", "next": "https://evil.example/"}
        )
        assert response.url == f"/applications/{application.pk}/"

    def test_it_saves_notes(self, web, alice):
        application = ApplicationFactory(user=alice)
        response = web.post(
            f"/applications/{application.pk}/notes/", {"notes": "Phone screen Tue"}, follow=True
        )
        application.refresh_from_db()
        assert application.notes == "Phone screen Tue"
        assert "Notes saved." in messages_of(response)

    def test_stage_needs_post(self, web, alice):
        application = ApplicationFactory(user=alice)
        assert web.get(f"/applications/{application.pk}/stage/").status_code == 405


class TestDelete:
    def test_it_asks_for_confirmation(self, web, alice):
        application = ApplicationFactory(user=alice)
        response = web.get(f"/applications/{application.pk}/delete/")
        assert "cannot be undone" in text_of(response)
        assert Application.objects.filter(pk=application.pk).exists()

    def test_it_deletes_with_its_documents(self, web, alice):
        application = ApplicationFactory(user=alice)
        document_write(application, "research_report")
        response = web.post(f"/applications/{application.pk}/delete/", follow=True)
        assert response.redirect_chain[-1][0] == "/applications/"
        assert not Application.objects.filter(pk=application.pk).exists()
        assert "Deleted Acme Robotics — Senior Backend Engineer." in messages_of(response)


class TestStranger:
    @pytest.mark.parametrize(
        ("method", "suffix", "data"),
        [
            ("get", "", None),
            ("get", "edit/", None),
            ("post", "edit/", _valid()),
            ("get", "delete/", None),
            ("post", "delete/", {}),
            ("post", "stage/", {"stage": "offer"}),
            ("post", "notes/", {"notes": "mine now"}),
        ],
    )
    def test_it_is_a_404_for_another_users_application(self, stranger, alice, method, suffix, data):
        application = ApplicationFactory(user=alice, notes="private")
        url = f"/applications/{application.pk}/{suffix}"
        response = (
            getattr(stranger, method)(url, data) if data is not None else getattr(stranger, method)(url)
        )
        assert response.status_code == 404
        application.refresh_from_db()
        assert (application.stage, application.notes, application.company_name) == (
            "saved",
            "private",
            "Acme Robotics",
        )


class TestOneRead:
    """A POST reads the application once: the page hands the loaded object to the service."""

    @pytest.mark.parametrize(
        ("suffix", "data"),
        [
            ("edit/", _valid(company_name="Initrode")),
            ("stage/", {"stage": "applied"}),
            ("notes/", {"notes": "Hi"}),
        ],
    )
    def test_a_post_reads_the_application_once(self, web, alice, suffix, data):
        application = ApplicationFactory(user=alice)
        with CaptureQueriesContext(connection) as ctx:
            response = web.post(f"/applications/{application.pk}/{suffix}", data)
        assert response.status_code == 302
        reads = reads_of("applications_application", ctx)
        assert len(reads) == 1, "\n".join(reads)
        application.refresh_from_db()
        assert (application.company_name, application.stage, application.notes) != (
            "Acme Robotics",
            "saved",
            "",
        )
