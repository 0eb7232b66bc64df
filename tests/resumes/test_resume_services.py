"""Resume library services: bounds, and exactly one primary while any resume exists."""

import datetime as dt

import pytest

from jobforge.errors import InvalidState, NotFound, ValidationFailed
from resumes import services
from resumes.models import Resume
from tests.factories import RESUME_MARKDOWN, ResumeFactory

pytestmark = pytest.mark.django_db


def create(user, **fields):
    data = {"name": "Main resume", "content": RESUME_MARKDOWN}
    data.update(fields)
    return services.resume_create(user=user, **data)


def primaries(user) -> list[str]:
    return list(Resume.objects.filter(user=user, is_primary=True).values_list("name", flat=True))


class TestPrimary:
    def test_the_first_resume_is_primary_whatever_was_asked(self, alice):
        assert create(alice, is_primary=False).is_primary is True
        assert create(alice, name="Second").is_primary is False
        assert primaries(alice) == ["Main resume"]

    def test_asking_for_primary_moves_the_flag(self, alice):
        create(alice, name="One")
        create(alice, name="Two", is_primary=True)
        assert primaries(alice) == ["Two"]

    def test_set_primary_moves_the_flag_and_false_on_the_primary_is_ignored(self, alice):
        one = create(alice, name="One")
        two = create(alice, name="Two")
        services.resume_set_primary(user=alice, resume_id=two.pk)
        assert primaries(alice) == ["Two"]
        services.resume_update(user=alice, resume_id=two.pk, is_primary=False)
        assert primaries(alice) == ["Two"]
        services.resume_update(user=alice, resume_id=one.pk, is_primary=True)
        assert primaries(alice) == ["One"]

    def test_users_have_their_own_primary(self, alice, charlie):
        create(alice)
        create(charlie)
        assert primaries(alice) == primaries(charlie) == ["Main resume"]

    def test_deleting_the_only_primary_is_refused(self, alice):
        only = create(alice)
        with pytest.raises(InvalidState):
            services.resume_delete(user=alice, resume_id=only.pk)
        assert Resume.objects.filter(pk=only.pk).exists()

    def test_deleting_a_primary_promotes_the_most_recently_updated_sibling(self, alice):
        primary = create(alice, name="Primary")
        older = create(alice, name="Older")
        newer = create(alice, name="Newer")
        Resume.objects.filter(pk=older.pk).update(updated_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
        Resume.objects.filter(pk=newer.pk).update(updated_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
        services.resume_delete(user=alice, resume_id=primary.pk)
        assert primaries(alice) == ["Newer"]
        newer.refresh_from_db()
        assert newer.updated_at == dt.datetime(2025, 1, 1, tzinfo=dt.UTC)  # promotion is not an edit

    def test_deleting_a_non_primary_keeps_the_primary(self, alice):
        create(alice, name="Primary")
        other = create(alice, name="Other")
        services.resume_delete(user=alice, resume_id=other.pk)
        assert primaries(alice) == ["Primary"]

    def test_the_database_refuses_two_primaries(self, alice):
        from django.db import IntegrityError, transaction

        ResumeFactory(user=alice, is_primary=True)
        with pytest.raises(IntegrityError), transaction.atomic():
            ResumeFactory(user=alice, is_primary=True)


class TestBounds:
    @pytest.mark.parametrize(
        ("field", "good", "bad", "message"),
        [
            ("name", "x", "", "This field may not be blank."),
            ("name", "x" * 255, "x" * 256, "Ensure this field has no more than 255 characters."),
            ("content", "x" * 100, "x" * 99, "Ensure this field has at least 100 characters."),
            ("content", "x" * 50000, "x" * 50001, "Ensure this field has no more than 50000 characters."),
            ("focus_area", "data_science", "astrology", None),
        ],
    )
    def test_each_bound_on_both_sides(self, alice, field, good, bad, message):
        resume = create(alice, **{field: good})
        assert getattr(resume, field) == good
        with pytest.raises(ValidationFailed) as caught:
            create(alice, **{field: bad})
        assert list(caught.value.details) == [field]
        if message:
            assert caught.value.details[field] == [message]
        with pytest.raises(ValidationFailed):
            services.resume_update(user=alice, resume_id=resume.pk, **{field: bad})
        resume.refresh_from_db()
        assert getattr(resume, field) == good

    def test_null_characters_are_refused(self, alice):
        with pytest.raises(ValidationFailed):
            create(alice, content=RESUME_MARKDOWN + "\x00")


def test_a_stranger_cannot_touch_a_resume(alice, charlie):
    resume = create(alice)
    for call in (
        lambda: services.resume_get_for_user(user=charlie, resume_id=resume.pk),
        lambda: services.resume_update(user=charlie, resume_id=resume.pk, name="Mine"),
        lambda: services.resume_set_primary(user=charlie, resume_id=resume.pk),
        lambda: services.resume_delete(user=charlie, resume_id=resume.pk),
    ):
        with pytest.raises(NotFound):
            call()
    resume.refresh_from_db()
    assert resume.name == "Main resume"


class TestLoadedResume:
    """A page loads the resume once and hands it to the service."""

    def test_an_edit_of_a_loaded_resume_keeps_the_primary_flag_where_it_moved(self, alice):
        first = create(alice)
        second = create(alice, name="Second")
        loaded = services.resume_get_for_user(user=alice, resume_id=first.pk)  # primary when read
        services.resume_set_primary(user=alice, resume_id=second.pk)
        services.resume_update(user=alice, resume=loaded, name="Renamed")
        assert list(Resume.objects.filter(user=alice, is_primary=True)) == [second]
        assert Resume.objects.get(pk=first.pk).name == "Renamed"

    def test_another_users_loaded_resume_is_not_found(self, alice, charlie):
        resume = create(alice)
        with pytest.raises(NotFound):
            services.resume_update(user=charlie, resume=resume, name="Mine")
        with pytest.raises(NotFound):
            services.resume_set_primary(user=charlie, resume=resume)
        assert Resume.objects.get(pk=resume.pk).name == "Main resume"
