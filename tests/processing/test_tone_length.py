"""Tone (`formal|warm|concise`) and length (`short|standard`) of the cover letter and the emails
(SPEC §13): validated at the start, stored on the run and the version, honoured offline, passed
to the models."""

from datetime import date

import pytest
from django.utils import timezone

from documents.models import DocumentVersion
from processing.guard import document_check, facts_from_structure
from processing.llm.base import PhaseInput
from processing.llm.offline import OfflineProvider
from processing.llm.prompts import prompt_build
from processing.models import PhaseRun
from resumes.structure import resume_structure_parse
from tests.factories import JOB_DESCRIPTION, RESUME_MARKDOWN
from tests.processing.pipeline_helpers import (  # noqa: F401  (fixtures)
    application_at,
    fast_passwords_fixture,
    offline_fixture,
    post_fixture,
    sync_queue_fixture,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords", "sync_queue", "offline")]

BASE = "/api/v1/processing/applications"
TODAY = date(2026, 7, 1)
TONED = ("cover_letter", "follow_up_email", "thank_you_note")


def _write(phase: str, tone: str, length: str) -> str:
    phase_input = PhaseInput(
        phase=phase,
        company_name="Acme Robotics",
        role_title="Senior Backend Engineer",
        job_description=JOB_DESCRIPTION,
        resume=RESUME_MARKDOWN,
        tone=tone,
        length=length,
    )
    return (
        OfflineProvider(today=lambda: TODAY)
        .generate(phase_input, timeout=30, on_progress=lambda f: None)
        .text
    )


def _violations(text: str) -> list:
    structure = resume_structure_parse(RESUME_MARKDOWN)
    return document_check(
        document=text,
        facts=facts_from_structure(structure, today=TODAY, source_text=RESUME_MARKDOWN),
        today=TODAY,
        posting=JOB_DESCRIPTION,
        company="Acme Robotics",
        role_title="Senior Backend Engineer",
    )


class TestOfflineWriter:
    @pytest.mark.parametrize("phase", TONED)
    def test_each_tone_and_length_reads_differently_and_stays_guard_clean(self, phase):
        texts = {
            (tone, length): _write(phase, tone, length)
            for tone in ("formal", "warm", "concise")
            for length in ("standard", "short")
        }
        assert len(set(texts.values())) == 6, phase
        for key, text in texts.items():
            assert _violations(text) == [], (phase, key)
            assert text.rstrip().endswith("Jordan Rivera"), (phase, key)
        for tone in ("formal", "warm", "concise"):
            assert len(texts[(tone, "short")]) < len(texts[(tone, "standard")]), (phase, tone)

    @pytest.mark.parametrize(
        ("tone", "greeting", "sign_off"),
        [
            ("formal", "Dear Acme Robotics hiring team,", "Sincerely,"),
            ("warm", "Hello Acme Robotics team,", "Warm regards,"),
            ("concise", "Dear Acme Robotics team,", "Best regards,"),
        ],
    )
    def test_the_tone_sets_the_greeting_and_the_sign_off(self, tone, greeting, sign_off):
        for phase in TONED:
            text = _write(phase, tone, "standard")
            assert f"\n{greeting}\n" in text, phase
            assert f"\n{sign_off}\n" in text, phase

    def test_the_formal_standard_letter_is_the_letter_as_before(self):
        letter = _write("cover_letter", "formal", "standard")
        assert "I am writing to apply for the Senior Backend Engineer position at Acme Robotics." in letter
        assert "Before that, I worked as a Software Engineer at Bluebird Analytics." in letter

    def test_a_short_letter_keeps_the_latest_role_and_one_line(self):
        letter = _write("cover_letter", "formal", "short")
        assert "Most recently, I worked as a Senior Software Engineer at Northwind Logistics." in letter
        assert "Bluebird" not in letter
        assert letter.count("I designed") + letter.count("I cut") == 1


class TestApi:
    @pytest.mark.parametrize(("field", "value"), [("tone", "casual"), ("length", "long"), ("tone", 3)])
    def test_an_unknown_value_is_a_400_in_the_envelope_and_starts_nothing(
        self, alice, alice_client, post, field, value
    ):
        application = application_at(alice, resume=True)
        response = post(alice_client, f"{BASE}/{application.pk}/cover-letter", {field: value})
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["code"] == "VALIDATION_ERROR"
        assert list(error["details"]) == [field]
        assert not PhaseRun.objects.exists()

    def test_they_are_stored_on_the_run_and_the_version_and_listed(self, alice, alice_client, post):
        application = application_at(alice, resume=True)
        response = post(
            alice_client, f"{BASE}/{application.pk}/cover-letter", {"tone": "warm", "length": "short"}
        )
        assert response.status_code == 202
        run = PhaseRun.objects.get(pk=response.json()["run_id"])
        assert (run.status, run.tone, run.length) == ("completed", "warm", "short")
        versions = alice_client.get(f"/api/v1/applications/{application.pk}/documents/cover_letter/versions")
        [version] = versions.json()["versions"]
        assert (version["tone"], version["length"]) == ("warm", "short")
        assert "Warm regards," in version["content"]

    def test_without_them_a_letter_is_formal_and_standard(self, alice, alice_client, post):
        application = application_at(alice, research=True)
        response = post(alice_client, f"{BASE}/{application.pk}/follow-up-email")
        run = PhaseRun.objects.get(pk=response.json()["run_id"])
        assert (run.tone, run.length) == ("formal", "standard")

    def test_a_phase_without_tone_ignores_them(self, alice, alice_client, post):
        application = application_at(alice)
        response = post(
            alice_client, f"{BASE}/{application.pk}/research", {"tone": "warm", "length": "short"}
        )
        assert response.status_code == 202
        run = PhaseRun.objects.get(pk=response.json()["run_id"])
        assert (run.tone, run.length) == ("", "")
        version = DocumentVersion.objects.get(
            document__application=application, document__document_type="research_report", source_run_id=run.id
        )
        assert (version.tone, version.length) == ("", "")


def test_the_history_page_shows_the_tone_and_length(alice, alice_client, web, post):
    application = application_at(alice, research=True)
    post(alice_client, f"{BASE}/{application.pk}/follow-up-email", {"tone": "concise", "length": "short"})
    post(alice_client, f"{BASE}/{application.pk}/follow-up-email", {"regenerate": True, "tone": "warm"})
    html = web.get(f"/applications/{application.pk}/documents/follow_up_email/versions/").content.decode()
    assert "Concise tone · short" in html
    assert "Warm tone · standard" in html


def test_the_page_form_offers_the_tones_and_lengths(alice, web):
    application = application_at(alice, research=True)
    html = web.get(f"/applications/{application.pk}/phases/", HTTP_HX_REQUEST="true").content.decode()
    assert 'id="tone-start-follow_up_email"' in html and 'id="length-start-follow_up_email"' in html
    assert '<option value="concise">Concise</option>' in html
    # The research and the prep sheet take no tone.
    assert 'id="tone-start-interview_prep"' not in html


def test_a_page_start_with_an_unknown_tone_is_refused_plainly(alice, web):
    from tests.pages import messages_of

    application = application_at(alice, research=True)
    response = web.post(
        f"/applications/{application.pk}/phases/follow_up_email/start/", {"tone": "sarcastic"}, follow=True
    )
    assert "Pick a tone and a length from the lists." in messages_of(response)
    assert not PhaseRun.objects.exists()


@pytest.mark.parametrize(
    ("tone", "words"), [("warm", "friendly and personal"), ("concise", "plain and brief")]
)
def test_the_prompt_passes_them_to_the_model(tone, words):
    phase_input = PhaseInput(
        phase="follow_up_email",
        company_name="Acme Robotics",
        role_title="Senior Backend Engineer",
        job_description=JOB_DESCRIPTION,
        resume=RESUME_MARKDOWN,
        tone=tone,
        length="short",
    )
    task = prompt_build(phase_input).task
    assert f"Tone: {tone} ({words}" in task
    assert "Length: short (about half the length" in task
    # After the data, with the instructions.
    assert task.index("Tone:") > task.index("</research_report>")


def test_an_operator_rerun_keeps_the_tone_and_length(alice):
    from processing.services import phase_run_rerun

    application = application_at(alice, resume=True)
    failed = PhaseRun.objects.create(
        application=application,
        phase="cover_letter",
        status="failed",
        tone="warm",
        length="short",
        completed_at=timezone.now(),
    )
    again = phase_run_rerun(run=failed)
    assert (again.tone, again.length) == ("warm", "short")


def test_regenerating_offers_the_last_runs_tone_and_length(alice, alice_client, web, post):
    application = application_at(alice, research=True)
    post(alice_client, f"{BASE}/{application.pk}/thank-you-note", {"tone": "warm", "length": "short"})
    html = web.get(f"/applications/{application.pk}/phases/", HTTP_HX_REQUEST="true").content.decode()
    regenerate = html[html.index('id="tone-regen-thank_you_note"') :]
    assert regenerate.index('<option value="warm" selected>') < regenerate.index("</select>")
    assert '<option value="short" selected>' in regenerate
