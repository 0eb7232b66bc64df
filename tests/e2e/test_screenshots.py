"""README screenshots of the main pages, taken with fictional demo data.

Runs only when asked: `JOBFORGE_SCREENSHOTS=1 .venv/bin/pytest tests/e2e/test_screenshots.py`
writes `docs/screenshots/*.png` (desktop 1280 px wide, plus one phone-width shot).
"""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from applications.models import Application, StageEvent
from applications.services import application_stage_change, application_update
from documents.models import Document, DocumentVersion
from processing.services import phase_start
from resumes.services import resume_create
from tests.e2e.conftest import PHONE
from tests.factories import JOB_DESCRIPTION, RESUME_MARKDOWN, ApplicationFactory, UserFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        os.environ.get("JOBFORGE_SCREENSHOTS") != "1",
        reason="writes docs/screenshots/: run with JOBFORGE_SCREENSHOTS=1",
    ),
]

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DESKTOP_SHOT = {"width": 1280, "height": 860}

DATA_RESUME = """# Jordan Rivera

jordan.rivera@example.com · Portland, OR

## Summary

Data engineer who turns messy operational data into dependable pipelines and dashboards.

## Experience

### Software Engineer — Bluebird Analytics (2017–2020)

- Built ETL pipelines in Python and Airflow feeding a Snowflake warehouse.
- Modelled sales and inventory data used by 40 analysts every day.

## Skills

Python, SQL, Airflow, dbt, Snowflake, PostgreSQL
"""

# Fictional companies and postings; (company, role, location, priority, stage, days ago, phases run).
DEMO_APPLICATIONS = [
    ("Copperline Logistics", "Platform Engineer", "Denver, CO", "medium", "interviewing", 12, 3),
    ("Lumen Health", "Python Developer", "Remote (US)", "medium", "applied", 9, 3),
    ("Northstar Analytics", "Data Engineer", "Chicago, IL", "low", "rejected", 20, 1),
    ("Fernhill Labs", "Backend Engineer, Payments", "Remote", "high", "offer", 26, 3),
    ("Brightwave Energy", "Site Reliability Engineer", "Austin, TX", "medium", "saved", 6, 1),
    ("Harbor & Pine", "Software Engineer, Search", "Seattle, WA", "low", "saved", 4, 0),
]
POSTING = """{company} is hiring a {role} to help us build the systems behind our products.

What you will do:
- Design and run Python services on PostgreSQL and Redis
- Own features end to end, from the data model to production monitoring
- Work closely with product and design in a small, calm team

What we look for:
- 4+ years of backend development in Python
- Experience with Docker, CI/CD and cloud infrastructure
- Clear written communication
"""


def _demo_user():
    user = UserFactory(email="jordan.rivera@example.com", first_name="Jordan", last_name="Rivera")
    resume_create(
        user=user,
        name="Backend engineer — 2025",
        content=RESUME_MARKDOWN,
        focus_area="software_development",
        is_primary=True,
    )
    resume_create(user=user, name="Data engineering focus", content=DATA_RESUME, focus_area="data_science")
    return user


def _phases_run(user, application, count: int) -> None:
    for phase in ("research", "resume", "cover_letter")[:count]:
        phase_start(user=user, application_id=application.pk, phase=phase)


def _backdate(application, days: int) -> None:
    """Spread the demo over the past weeks, as a real search would be."""
    # Whole hours of the morning, so the shots only change when the pages do (or the date).
    when = (timezone.now() - timedelta(days=days)).replace(hour=8, minute=0, second=0, microsecond=0)
    Application.objects.filter(pk=application.pk).update(created_at=when, updated_at=when)
    events = list(StageEvent.objects.filter(application=application).order_by("created_at"))
    step = timedelta(hours=days * 24 // (len(events) + 1))
    for number, event in enumerate(events):
        StageEvent.objects.filter(pk=event.pk).update(created_at=when + step * number + timedelta(hours=1))
    if len(events) > 1:
        applied = next((e for e in events if e.to_stage == "applied"), None)
        if applied is not None:
            Application.objects.filter(pk=application.pk).update(
                applied_at=when + step * events.index(applied) + timedelta(hours=1)
            )
    for document in Document.objects.filter(application=application):
        Document.objects.filter(pk=document.pk).update(updated_at=when + timedelta(hours=1))
        DocumentVersion.objects.filter(document=document).update(created_at=when + timedelta(hours=1))


def _demo_data():
    user = _demo_user()
    for company, role, location, priority, stage, days, phases in DEMO_APPLICATIONS:
        application = ApplicationFactory(
            user=user,
            company_name=company,
            role_title=role,
            location=location,
            priority_level=priority,
            job_description=POSTING.format(company=company, role=role),
        )
        _phases_run(user, application, phases)
        path = {"applied": ["applied"], "interviewing": ["applied", "interviewing"]}.get(stage, [])
        path = {"rejected": ["applied", "rejected"], "offer": ["applied", "interviewing", "offer"]}.get(
            stage, path
        )
        for step in path:
            application_stage_change(user=user, application_id=application.pk, stage=step)
        _backdate(application, days)

    # The one the shots focus on: the newest, with every document written.
    featured = ApplicationFactory(
        user=user,
        company_name="Acme Robotics",
        role_title="Senior Backend Engineer",
        location="Remote",
        priority_level="high",
        job_url="https://careers.example.com/acme-robotics/senior-backend-engineer",
        job_description=JOB_DESCRIPTION,
        additional_context="I was referred by Sam Lee, who leads the fleet telemetry team.",
    )
    _phases_run(user, featured, 3)
    application_stage_change(user=user, application_id=featured.pk, stage="applied")
    application_update(
        user=user,
        application_id=featured.pk,
        notes="Sam Lee referred me. Recruiter call booked for Thursday at 10:00.",
    )
    _backdate(featured, 3)
    return user, featured


def _shot(page, name: str, *, full_page: bool = False) -> None:
    path = OUT / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page, animations="disabled", caret="hide")
    assert path.stat().st_size < 400_000, f"{path.name} is too large for the README"


def test_it_saves_screenshots_of_the_main_pages(browsing):
    OUT.mkdir(parents=True, exist_ok=True)
    user, featured = _demo_data()
    page = browsing.page(viewport=DESKTOP_SHOT, user=user)

    page.goto("/")
    expect(page.locator("h1")).to_have_text("Hello, Jordan")
    _shot(page, "dashboard")

    page.goto("/applications/board/")
    expect(page.locator(f"#card-{featured.pk}")).to_be_visible()
    _shot(page, "board")

    page.goto(f"/applications/{featured.pk}/")
    expect(page.locator("#phase-cover_letter")).to_have_attribute("data-state", "completed")
    _shot(page, "application")

    page.goto(f"/applications/{featured.pk}/documents/cover_letter/")
    expect(page.locator("#document-body")).to_be_visible()
    _shot(page, "document")

    page.goto(f"/applications/{featured.pk}/documents/optimized_resume/edit/")
    expect(page.locator("#preview h1")).to_be_visible()
    _shot(page, "document-edit")

    page.goto(f"/applications/{featured.pk}/match/")
    expect(page.locator("#match-score-tailored")).to_be_visible()
    _shot(page, "match", full_page=True)

    page.goto("/resumes/")
    expect(page.locator(".resume-card")).to_have_count(2)
    _shot(page, "resumes")

    page.goto("/insights/")
    expect(page.locator("svg.chart-svg").first).to_be_visible()
    _shot(page, "insights", full_page=True)

    phone = browsing.page(viewport=PHONE, user=user)
    phone.goto(f"/applications/{featured.pk}/")
    expect(phone.locator("#phase-cover_letter")).to_have_attribute("data-state", "completed")
    _shot(phone, "phone-application")

    for name in ("dashboard", "board", "application", "document", "document-edit", "match", "resumes"):
        assert (OUT / f"{name}.png").exists()
