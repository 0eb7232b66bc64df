"""Document services: every write is a version; edits need an existing document."""

import uuid

import pytest

from documents import services
from documents.models import Document, DocumentVersion
from jobforge.errors import InvalidState, NotFound, ValidationFailed
from tests.factories import ApplicationFactory, document_write

pytestmark = pytest.mark.django_db


@pytest.fixture
def app(alice):
    return ApplicationFactory(user=alice)


def test_it_writes_versions_and_keeps_the_latest_current(app):
    document_write(app, "cover_letter", "Dear team, first draft.")
    document = services.document_version_write(
        application=app, document_type="cover_letter", content="Dear team, second draft.", source="ai"
    )
    assert (document.version, document.content) == (2, "Dear team, second draft.")
    assert Document.objects.filter(application=app).count() == 1
    assert [(v.number, v.source) for v in document.versions.all()] == [(2, "ai"), (1, "ai")]


def test_a_run_writes_its_version_once(app):
    run_id = uuid.uuid4()
    services.document_version_write(
        application=app,
        document_type="research_report",
        content="# Report one",
        source="ai",
        source_run_id=run_id,
    )
    with pytest.raises(InvalidState):
        services.document_version_write(
            application=app,
            document_type="research_report",
            content="# Report two",
            source="ai",
            source_run_id=run_id,
        )
    document = services.document_get(application=app, document_type="research_report")
    assert (document.version, document.content) == (1, "# Report one")
    assert DocumentVersion.objects.count() == 1


def test_an_unknown_source_is_a_programming_error(app):
    with pytest.raises(ValueError, match="source"):
        services.document_version_write(
            application=app, document_type="cover_letter", content="x" * 20, source="x"
        )


def test_an_edit_adds_a_user_version_and_keeps_the_ai_one(app):
    document_write(app, "optimized_resume", "# Resume\n\nAI text.")
    document = services.document_edit(
        application=app, document_type="optimized_resume", content="# Resume\n\nMine."
    )
    assert (document.version, document.content) == (2, "# Resume\n\nMine.")
    versions = services.document_version_list(application=app, document_type="optimized_resume")
    assert [(v.number, v.source, v.content) for v in versions] == [
        (2, "user", "# Resume\n\nMine."),
        (1, "ai", "# Resume\n\nAI text."),
    ]


def test_a_regeneration_after_an_edit_keeps_the_edit_in_history(app):
    document_write(app, "cover_letter", "AI letter, first.")
    services.document_edit(application=app, document_type="cover_letter", content="My own letter.")
    document_write(app, "cover_letter", "AI letter, regenerated.")
    contents = [
        v.content for v in services.document_version_list(application=app, document_type="cover_letter")
    ]
    assert contents == ["AI letter, regenerated.", "My own letter.", "AI letter, first."]


def test_editing_a_document_that_does_not_exist_is_a_404(app):
    with pytest.raises(NotFound):
        services.document_edit(application=app, document_type="cover_letter", content="Some new content")
    assert Document.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "ok"), [("x" * 9, False), ("x" * 10, True), ("x" * 50000, True), ("x" * 50001, False)]
)
def test_edit_content_bounds(app, content, ok):
    document_write(app)
    if ok:
        assert (
            services.document_edit(application=app, document_type="research_report", content=content).content
            == content
        )
    else:
        with pytest.raises(ValidationFailed) as caught:
            services.document_edit(application=app, document_type="research_report", content=content)
        assert list(caught.value.details) == ["content"]
        assert services.document_get(application=app, document_type="research_report").version == 1


def test_blank_content_is_refused_whatever_its_length(app):
    document_write(app)
    with pytest.raises(ValidationFailed):
        services.document_edit(application=app, document_type="research_report", content=" " * 20)


def test_restore_makes_an_old_version_current_as_a_new_one(app):
    document_write(app, content="# Version one")
    services.document_edit(application=app, document_type="research_report", content="# Version two")
    document = services.document_version_restore(application=app, document_type="research_report", number=1)
    assert (document.version, document.content) == (3, "# Version one")
    with pytest.raises(NotFound):
        services.document_version_restore(application=app, document_type="research_report", number=9)


@pytest.mark.parametrize("old_content", ["Too short", "x" * 50_001], ids=["too-short", "too-long"])
def test_restoring_a_version_that_breaks_todays_rules_is_refused_and_changes_nothing(app, old_content):
    # Written before today's rules (the pipeline's writes are not the editor's).
    document_write(app, content=old_content)
    document_write(app, content="# Version two\n\nCurrent text.")
    with pytest.raises(ValidationFailed) as refused:
        services.document_version_restore(application=app, document_type="research_report", number=1)
    assert refused.value.message.startswith("Version 1 cannot be restored")
    assert list(refused.value.details) == ["version"]
    document = Document.objects.get(application=app)
    assert (document.version, document.content) == (2, "# Version two\n\nCurrent text.")
    assert document.versions.count() == 2


def test_the_map_has_every_type(app):
    document_write(app, "cover_letter", "A cover letter here.")
    mapping = services.document_map(application=app)
    assert list(mapping) == [
        "research_report",
        "optimized_resume",
        "cover_letter",
        "follow_up_email",
        "thank_you_note",
        "interview_prep",
    ]
    assert mapping["research_report"] is None
    assert mapping["cover_letter"].content == "A cover letter here."


def test_an_unknown_type_names_the_allowed_ones(app):
    with pytest.raises(ValidationFailed) as caught:
        services.document_get(application=app, document_type="essay")
    assert "research_report, optimized_resume, cover_letter" in caught.value.message
