"""Application services: generated names, field rules, the stage timeline, deletion."""

import datetime as dt

import pytest
from django.utils import timezone

from applications import services
from applications.models import Application, StageEvent
from documents.models import Document, DocumentVersion
from jobforge.errors import NotFound, ValidationFailed
from tests.factories import JOB_DESCRIPTION, ApplicationFactory, ResumeFactory, document_write

pytestmark = pytest.mark.django_db


def create(user, **fields):
    data = {"company_name": "Google", "role_title": "Senior Developer", "job_description": JOB_DESCRIPTION}
    data.update(fields)
    return services.application_create(user=user, **data)


def today() -> str:
    return timezone.now().strftime("%Y_%m_%d")


class TestNames:
    def test_it_names_from_company_role_and_date(self, alice):
        assert create(alice).name == f"google_senior_developer_{today()}"

    def test_it_suffixes_collisions_per_user(self, alice, charlie):
        names = [create(alice).name for _ in range(3)]
        assert names == [f"google_senior_developer_{today()}{suffix}" for suffix in ("", "_2", "_3")]
        # Another user's names do not collide with alice's.
        assert create(charlie).name == f"google_senior_developer_{today()}"

    def test_it_takes_the_next_free_suffix_after_a_deletion(self, alice):
        first, second, third = create(alice), create(alice), create(alice)
        services.application_delete(user=alice, application_id=second.pk)
        assert create(alice).name == second.name
        assert create(alice).name == f"{first.name}_4"
        assert third.name == f"{first.name}_3"

    def test_it_slugs_accents_and_punctuation(self, alice):
        app = create(alice, company_name="  Café Zürich & Co. ", role_title="C++/Go Engineer (Sr.)")
        assert app.name == f"cafe_zurich_co_c_go_engineer_sr_{today()}"

    def test_it_falls_back_when_nothing_is_ascii(self, alice):
        assert (
            create(alice, company_name="株式会社", role_title="エンジニア").name == f"application_{today()}"
        )

    def test_base_name_uses_the_date(self):
        name = services.application_base_name(
            company_name="Google",
            role_title="Senior Developer",
            created_at=dt.datetime(2025, 7, 1, tzinfo=dt.UTC),
        )
        assert name == "google_senior_developer_2025_07_01"

    def test_it_keeps_the_name_when_company_or_role_change(self, alice):
        app = create(alice)
        updated = services.application_update(
            user=alice, application_id=app.pk, company_name="Alphabet", role_title="Staff Engineer"
        )
        assert updated.name == app.name
        assert updated.company_name == "Alphabet"


class TestFieldRules:
    @pytest.mark.parametrize(
        ("field", "good", "bad", "message"),
        [
            ("company_name", "x", "", "This field may not be blank."),
            ("company_name", "x" * 255, "x" * 256, "Ensure this field has no more than 255 characters."),
            ("role_title", "x", "   ", "This field may not be blank."),
            ("role_title", "x" * 255, "x" * 256, "Ensure this field has no more than 255 characters."),
            ("job_description", "x" * 50, "x" * 49, "Ensure this field has at least 50 characters."),
            (
                "job_description",
                "x" * 20000,
                "x" * 20001,
                "Ensure this field has no more than 20000 characters.",
            ),
            ("location", "x" * 255, "x" * 256, "Ensure this field has no more than 255 characters."),
            (
                "additional_context",
                "x" * 5000,
                "x" * 5001,
                "Ensure this field has no more than 5000 characters.",
            ),
            ("notes", "x" * 10000, "x" * 10001, "Ensure this field has no more than 10000 characters."),
            (
                "job_url",
                "https://example.com/jobs/1",
                "ftp://example.com/jobs/1",
                "Enter a valid http or https URL.",
            ),
            ("job_url", "http://example.com", "javascript:alert(1)", "Enter a valid http or https URL."),
            ("priority_level", "high", "urgent", "Must be one of: low, medium, high."),
        ],
    )
    def test_it_enforces_each_bound_on_both_sides(self, alice, field, good, bad, message):
        assert getattr(create(alice, **{field: good}), field) == good
        with pytest.raises(ValidationFailed) as caught:
            create(alice, **{field: bad})
        assert caught.value.details == {field: [message]}
        app = create(alice)
        with pytest.raises(ValidationFailed):
            services.application_update(user=alice, application_id=app.pk, **{field: bad})
        app.refresh_from_db()
        assert getattr(app, field) != bad

    def test_it_requires_company_role_and_description(self, alice):
        with pytest.raises(ValidationFailed) as caught:
            services.application_create(user=alice)
        assert set(caught.value.details) == {"company_name", "role_title", "job_description"}
        assert Application.objects.count() == 0

    def test_it_refuses_null_characters(self, alice):
        with pytest.raises(ValidationFailed) as caught:
            create(alice, notes="a\x00b")
        assert caught.value.details == {"notes": ["Null characters are not allowed."]}

    def test_it_trims_surrounding_whitespace(self, alice):
        assert create(alice, company_name="  Google  ").company_name == "Google"

    def test_it_ignores_read_only_fields(self, alice):
        app = create(alice, status="cover_letter_complete", research_completed=True, name="mine")
        assert app.status == Application.Status.DRAFT
        assert app.research_completed is False
        assert app.name.startswith("google_")


class TestResumeChoice:
    def test_it_accepts_the_users_own_resume(self, alice):
        resume = ResumeFactory(user=alice)
        assert create(alice, resume_id=resume.pk).resume == resume

    def test_another_users_resume_is_a_validation_error_on_resume_id(self, alice, charlie):
        foreign = ResumeFactory(user=charlie)
        with pytest.raises(ValidationFailed) as caught:
            create(alice, resume_id=foreign.pk)
        assert caught.value.details == {"resume_id": ["Resume not found."]}
        app = create(alice)
        with pytest.raises(ValidationFailed):
            services.application_update(user=alice, application_id=app.pk, resume_id=foreign.pk)
        app.refresh_from_db()
        assert app.resume_id is None

    def test_application_resume_falls_back_to_the_primary(self, alice):
        primary = ResumeFactory(user=alice, is_primary=True)
        other = ResumeFactory(user=alice)
        app = create(alice)
        assert services.application_resume(application=app) == primary
        services.application_update(user=alice, application_id=app.pk, resume_id=other.pk)
        app.refresh_from_db()
        assert services.application_resume(application=app) == other
        services.application_update(user=alice, application_id=app.pk, resume_id=None)
        app.refresh_from_db()
        assert services.application_resume(application=app) == primary


class TestStages:
    def test_it_starts_the_timeline_at_saved(self, alice):
        app = create(alice)
        assert app.stage == "saved"
        assert app.applied_at is None
        assert [(e.from_stage, e.to_stage) for e in services.application_timeline(application=app)] == [
            ("", "saved")
        ]

    def test_it_records_every_change_and_sets_applied_at_once(self, alice):
        app = create(alice)
        app = services.application_stage_change(user=alice, application_id=app.pk, stage="applied")
        applied_at = app.applied_at
        assert applied_at is not None
        services.application_stage_change(user=alice, application_id=app.pk, stage="interviewing")
        services.application_stage_change(user=alice, application_id=app.pk, stage="saved")
        app = services.application_stage_change(user=alice, application_id=app.pk, stage="applied")
        assert app.applied_at == applied_at
        assert [(e.from_stage, e.to_stage) for e in services.application_timeline(application=app)] == [
            ("", "saved"),
            ("saved", "applied"),
            ("applied", "interviewing"),
            ("interviewing", "saved"),
            ("saved", "applied"),
        ]

    def test_the_same_stage_adds_nothing(self, alice):
        app = create(alice)
        services.application_stage_change(user=alice, application_id=app.pk, stage="saved")
        assert app.stage_events.count() == 1

    def test_an_unknown_stage_is_refused(self, alice):
        app = create(alice)
        with pytest.raises(ValidationFailed) as caught:
            services.application_stage_change(user=alice, application_id=app.pk, stage="hired")
        assert "stage" in caught.value.details
        with pytest.raises(ValidationFailed):
            services.application_update(user=alice, application_id=app.pk, stage="hired", notes="changed")
        app.refresh_from_db()
        assert (app.stage, app.notes) == ("saved", "")

    def test_update_moves_the_stage_through_the_timeline(self, alice):
        app = create(alice)
        app = services.application_update(user=alice, application_id=app.pk, stage="applied", notes="sent")
        assert (app.stage, app.notes) == ("applied", "sent")
        assert app.applied_at is not None
        assert app.stage_events.filter(from_stage="saved", to_stage="applied").count() == 1

    def test_it_can_start_at_applied(self, alice):
        app = create(alice, stage="applied")
        assert app.applied_at is not None
        assert [(e.from_stage, e.to_stage) for e in app.stage_events.all()] == [("", "applied")]


class TestTenancyAndDeletion:
    def test_a_stranger_cannot_read_change_or_delete(self, alice, charlie):
        app = create(alice)
        for call in (
            lambda: services.application_get_for_user(user=charlie, application_id=app.pk),
            lambda: services.application_update(user=charlie, application_id=app.pk, notes="x"),
            lambda: services.application_stage_change(user=charlie, application_id=app.pk, stage="offer"),
            lambda: services.application_delete(user=charlie, application_id=app.pk),
        ):
            with pytest.raises(NotFound):
                call()
        app.refresh_from_db()
        assert (app.notes, app.stage) == ("", "saved")

    def test_delete_takes_timeline_documents_and_versions_along(self, alice):
        app = ApplicationFactory(user=alice)
        document_write(app)
        document_write(app, content="# Report\n\nSecond version of it.")
        other = ApplicationFactory(user=alice)
        document_write(other)
        services.application_delete(user=alice, application_id=app.pk)
        assert not Application.objects.filter(pk=app.pk).exists()
        assert StageEvent.objects.filter(application_id=app.pk).count() == 0
        assert Document.objects.filter(application_id=app.pk).count() == 0
        assert DocumentVersion.objects.filter(document__application=other).count() == 1
        assert DocumentVersion.objects.count() == 1


class TestLoadedApplication:
    """A page loads the application once and hands it to the service."""

    def test_an_update_writes_only_its_fields_so_a_phase_finished_meanwhile_stays(self, alice):
        loaded = services.application_get_for_user(user=alice, application_id=create(alice).pk)
        Application.objects.filter(pk=loaded.pk).update(research_completed=True, status="research_complete")
        services.application_update(user=alice, application=loaded, notes="Recruiter called")
        fresh = Application.objects.get(pk=loaded.pk)
        assert (fresh.notes, fresh.research_completed, fresh.status) == (
            "Recruiter called",
            True,
            "research_complete",
        )

    def test_a_move_records_the_stage_it_really_starts_from(self, alice):
        app = create(alice)
        loaded = services.application_get_for_user(user=alice, application_id=app.pk)
        services.application_stage_change(user=alice, application_id=app.pk, stage="applied")
        services.application_stage_change(user=alice, application=loaded, stage="interviewing")
        assert [(e.from_stage, e.to_stage) for e in services.application_timeline(application=app)] == [
            ("", "saved"),
            ("saved", "applied"),
            ("applied", "interviewing"),
        ]
        app.refresh_from_db()
        assert app.stage == loaded.stage == "interviewing"
        assert app.applied_at is not None

    def test_another_users_loaded_application_is_not_found(self, alice, charlie):
        app = create(alice)
        with pytest.raises(NotFound):
            services.application_update(user=charlie, application=app, notes="mine")
        with pytest.raises(NotFound):
            services.application_stage_change(user=charlie, application=app, stage="offer")
        app.refresh_from_db()
        assert (app.notes, app.stage) == ("", "saved")

    def test_an_application_deleted_meanwhile_is_not_found(self, alice):
        loaded = services.application_get_for_user(user=alice, application_id=create(alice).pk)
        Application.objects.filter(pk=loaded.pk).delete()
        with pytest.raises(NotFound):
            services.application_update(user=alice, application=loaded, notes="late")
        with pytest.raises(NotFound):
            services.application_stage_change(user=alice, application=loaded, stage="applied")
