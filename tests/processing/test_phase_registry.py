"""The phase registry: every declaration names things that exist, and everything reads it."""

import uuid

from django.urls import reverse

from applications.models import Application
from documents.models import Document
from processing.llm.prompts import PROMPTS_DIR
from processing.models import PhaseRun
from processing.phases import PHASES, PIPELINE, Phase, phase_get, phases_before, pipeline_next


def test_it_declares_the_three_phases_in_pipeline_order_then_the_documents_made_on_demand():
    assert [spec.key for spec in PIPELINE] == ["research", "resume", "cover_letter"]
    assert [spec.key for spec in PHASES] == [
        "research",
        "resume",
        "cover_letter",
        "follow_up_email",
        "thank_you_note",
        "interview_prep",
    ]
    assert [spec.prerequisite for spec in PHASES] == [None, "research", "resume", *["research"] * 3]
    assert [earlier.key for earlier in phases_before("cover_letter")] == ["research", "resume"]
    assert [earlier.key for earlier in phases_before("interview_prep")] == ["research"]
    assert Phase.COVER_LETTER == "cover_letter"
    assert [pipeline_next(key) for key in ("research", "resume", "cover_letter", "interview_prep")] == [
        phase_get("resume"),
        phase_get("cover_letter"),
        None,
        None,
    ]


def test_the_run_choices_are_the_registry_with_unchanged_values_and_labels():
    assert PhaseRun.Phase.choices == [
        ("research", "Research"),
        ("resume", "Tailored resume"),
        ("cover_letter", "Cover letter"),
        ("follow_up_email", "Follow-up email"),
        ("thank_you_note", "Thank-you note"),
        ("interview_prep", "Interview prep"),
    ]
    assert PhaseRun.Phase.RESUME.label == phase_get("resume").label


def test_every_declaration_names_real_fields_statuses_documents_and_prompts():
    for spec in PIPELINE:
        assert isinstance(Application._meta.get_field(spec.application_flag).default, bool), spec.key
        assert spec.application_status in Application.Status.values, spec.key
    for spec in PHASES:
        assert spec.document_type in Document.Type.values, spec.key
        assert (PROMPTS_DIR / spec.prompt_file).is_file(), spec.key
        assert spec.prerequisite is None or phase_get(spec.prerequisite) in phases_before(spec.key)


def test_each_phase_has_its_start_route_in_the_api():
    for spec in PHASES:
        url = reverse(f"api-processing-{spec.api_path}", kwargs={"application_id": uuid.uuid4()})
        assert url.endswith(f"/{spec.api_path}")
