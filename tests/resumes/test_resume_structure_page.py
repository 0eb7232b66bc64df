"""The page where a user checks and fixes what was read from their resume (SPEC §9.1)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from resumes.models import Resume
from resumes.services import resume_create
from tests.factories import RESUME_MARKDOWN, ResumeFactory
from tests.pages import messages_of

pytestmark = pytest.mark.django_db

NO_EMPLOYER = RESUME_MARKDOWN.replace(
    "### Software Engineer — Bluebird Analytics (2017–2020)", "### Software Engineer (2017–2020)"
)


def _roles_post(resume, **changes):
    data = {
        "basics-name": resume.structure["basics"]["name"],
        "basics-label": "",
        "basics-email": resume.structure["basics"]["email"],
        "basics-phone": "",
        "basics-location": resume.structure["basics"]["location"],
        "roles-TOTAL_FORMS": str(len(resume.structure["work"])),
        "roles-INITIAL_FORMS": str(len(resume.structure["work"])),
    }
    for index, role in enumerate(resume.structure["work"]):
        for key in ("position", "name", "location", "startDate", "endDate"):
            data[f"roles-{index}-{key}"] = role[key]
    data.update(changes)
    return data


def test_the_detail_page_shows_the_roles_read_and_what_to_check(web, alice):
    resume = resume_create(user=alice, name="Main", content=NO_EMPLOYER)
    html = web.get(f"/resumes/{resume.pk}/").content.decode()
    assert "What Job Forge read" in html
    assert "Senior Software Engineer</strong> — Northwind Logistics" in html
    assert "No employer found for “Software Engineer”: please check." in html


def test_an_upload_lands_on_the_check_page(web, alice):
    upload = SimpleUploadedFile("resume.md", RESUME_MARKDOWN.encode(), "text/markdown")
    response = web.post("/resumes/upload/", {"file": upload, "focus_area": "other"})
    resume = Resume.objects.get(user=alice)
    assert response.status_code == 302
    assert response["Location"] == f"/resumes/{resume.pk}/structure/"
    page = web.get(response["Location"]).content.decode()
    assert "Check what was read" in page
    assert 'value="Northwind Logistics"' in page


def test_fixing_an_employer_saves_the_structure_and_the_text(web, alice):
    resume = resume_create(user=alice, name="Main", content=NO_EMPLOYER)
    response = web.post(
        f"/resumes/{resume.pk}/structure/", _roles_post(resume, **{"roles-1-name": "Bluebird Analytics"})
    )
    assert response.status_code == 302
    assert messages_of(web.get(response["Location"])) == [
        "Saved. Tailored resumes and letters now use these details."
    ]
    resume.refresh_from_db()
    assert resume.structure["work"][1]["name"] == "Bluebird Analytics"
    assert resume.structure["warnings"] == []
    assert "### Software Engineer — Bluebird Analytics" in resume.content


def test_a_bad_date_is_shown_next_to_its_field_and_nothing_changes(web, alice):
    resume = resume_create(user=alice, name="Main", content=RESUME_MARKDOWN)
    before = resume.content
    response = web.post(
        f"/resumes/{resume.pk}/structure/", _roles_post(resume, **{"roles-0-startDate": "soon"})
    )
    assert response.status_code == 200
    assert "Use a date like 2021-06 or 2021, or “present”." in response.content.decode()
    resume.refresh_from_db()
    assert resume.content == before


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_stranger_gets_the_404_page(charlie_web, alice, method):
    resume = ResumeFactory(user=alice)
    response = getattr(charlie_web, method)(f"/resumes/{resume.pk}/structure/")
    assert response.status_code == 404
