"""A resume's structure (SPEC §9.1): read on every write, replaced through the API with the
Markdown written anew from it, uploaded and downloaded as JSON Resume."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from resumes.models import Resume
from resumes.services import resume_create, resume_update
from tests.factories import RESUME_MARKDOWN, ResumeFactory

pytestmark = pytest.mark.django_db

JSON_RESUME = {
    "basics": {"name": "Riley Example", "label": "Data Engineer", "email": "riley@example.com"},
    "work": [
        {
            "name": "Example Analytics",
            "position": "Data Engineer",
            "startDate": "2019-04-01",
            "highlights": ["Built the nightly warehouse loads in Airflow.", "Cut the load time by 30%."],
        },
        {"name": "Sample Bank", "position": "Analyst", "startDate": "2016-09", "endDate": "2019-03"},
    ],
    "education": [{"institution": "University of Example", "studyType": "BSc", "area": "Statistics"}],
    "skills": [{"name": "Data", "keywords": ["Python", "SQL", "Airflow"]}],
}


def url(resume, suffix=""):
    return f"/api/v1/resumes/{resume.pk}{suffix}"


class TestReadOnEveryWrite:
    def test_a_new_resume_gets_its_structure(self, alice):
        resume = resume_create(user=alice, name="Main", content=RESUME_MARKDOWN)
        work = resume.structure["work"]
        assert [(w["position"], w["name"], w["startDate"], w["endDate"]) for w in work] == [
            ("Senior Software Engineer", "Northwind Logistics", "2020", "2025"),
            ("Software Engineer", "Bluebird Analytics", "2017", "2020"),
        ]
        assert resume.structure["basics"]["name"] == "Jordan Rivera"

    def test_new_content_is_read_again(self, alice):
        resume = resume_create(user=alice, name="Main", content=RESUME_MARKDOWN)
        edited = RESUME_MARKDOWN.replace("Northwind Logistics", "Southwind Freight")
        resume_update(user=alice, resume=resume, content=edited)
        resume.refresh_from_db()
        assert resume.structure["work"][0]["name"] == "Southwind Freight"


class TestStructureApi:
    def test_it_returns_the_structure(self, alice_client, alice):
        resume = resume_create(user=alice, name="Main", content=RESUME_MARKDOWN)
        response = alice_client.get(url(resume, "/structure"))
        assert response.status_code == 200
        body = response.json()
        assert body["work"][0]["id"] == "w1"
        assert body["work"][0]["highlights"][0]["id"] == "w1h1"
        assert body["warnings"] == []

    def test_a_put_replaces_it_and_writes_the_markdown_from_it(self, alice_client, alice):
        resume = resume_create(user=alice, name="Main", content=RESUME_MARKDOWN)
        structure = alice_client.get(url(resume, "/structure")).json()
        structure["work"][0]["position"] = "Staff Software Engineer"
        structure["work"][0]["endDate"] = "present"
        response = alice_client.put(url(resume, "/structure"), structure, format="json")
        assert response.status_code == 200, response.content
        resume.refresh_from_db()
        assert resume.structure["work"][0]["position"] == "Staff Software Engineer"
        assert "### Staff Software Engineer — Northwind Logistics" in resume.content
        assert "2020 – Present" in resume.content
        # The ids the user sent are kept.
        assert resume.structure["work"][0]["highlights"][0]["id"] == "w1h1"

    def test_a_role_left_without_a_title_comes_back_as_a_warning(self, alice_client, alice):
        resume = resume_create(user=alice, name="Main", content=RESUME_MARKDOWN)
        structure = alice_client.get(url(resume, "/structure")).json()
        structure["work"][1]["position"] = ""
        body = alice_client.put(url(resume, "/structure"), structure, format="json").json()
        assert body["warnings"] == ["No job title found for “Bluebird Analytics”: please check."]

    def test_bad_input_is_a_400_naming_each_field_and_changes_nothing(self, alice_client, alice):
        resume = resume_create(user=alice, name="Main", content=RESUME_MARKDOWN)
        before = (resume.content, resume.structure)
        response = alice_client.put(
            url(resume, "/structure"),
            {"work": [{"name": "Acme", "startDate": "someday", "highlights": "no"}]},
            format="json",
        )
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["code"] == "VALIDATION_ERROR"
        assert error["details"]["work[0].startDate"] == ["Use a date like 2021-06 or 2021, or “present”."]
        assert error["details"]["work[0].highlights"] == ["Must be a list."]
        resume.refresh_from_db()
        assert (resume.content, resume.structure) == before

    def test_a_structure_too_short_to_be_a_resume_is_refused(self, alice_client, alice):
        resume = resume_create(user=alice, name="Main", content=RESUME_MARKDOWN)
        response = alice_client.put(url(resume, "/structure"), {"basics": {"name": "Jo"}}, format="json")
        assert response.status_code == 400
        assert "at least 100" in response.json()["error"]["details"]["structure"][0]

    @pytest.mark.parametrize("method", ["get", "put"])
    def test_a_stranger_gets_a_404(self, charlie_client, alice, method):
        resume = ResumeFactory(user=alice)
        response = getattr(charlie_client, method)(url(resume, "/structure"), {}, format="json")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "NOT_FOUND"


class TestJsonResume:
    def test_a_json_resume_file_uploads_with_its_own_structure(self, alice_client, alice):
        upload = SimpleUploadedFile("riley.json", json.dumps(JSON_RESUME).encode(), "application/json")
        response = alice_client.post("/api/v1/resumes/upload", {"file": upload}, format="multipart")
        assert response.status_code == 201, response.content
        resume = Resume.objects.get(pk=response.json()["id"])
        assert resume.structure["work"][0]["endDate"] == "present"
        assert resume.structure["work"][0]["startDate"] == "2019-04"
        assert resume.content.startswith("# Riley Example\n")
        assert "### Data Engineer — Example Analytics" in resume.content

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            (b"{not json", "not valid JSON"),
            (b'{"hello": "world"}', "not a JSON Resume"),
            (b"{" + b'"a":[' * 5000 + b"]" * 5000 + b"}", "not valid JSON"),
        ],
    )
    def test_a_json_file_that_is_no_resume_is_a_400(self, alice_client, alice, data, message):
        upload = SimpleUploadedFile("x.json", data, "application/json")
        response = alice_client.post("/api/v1/resumes/upload", {"file": upload}, format="multipart")
        assert response.status_code == 400
        assert message in response.json()["error"]["details"]["file"][0]
        assert not Resume.objects.filter(user=alice).exists()

    def test_it_exports_as_json_resume(self, alice_client, alice):
        resume = resume_create(user=alice, name="Main résumé", content=RESUME_MARKDOWN)
        response = alice_client.get(url(resume, "/export?format=json"))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/json")
        assert response["Cache-Control"] == "private, no-store"
        assert 'filename="main_resume.resume.json"' in response["Content-Disposition"]
        document = json.loads(response.content)
        assert document["work"][0]["name"] == "Northwind Logistics"
        assert document["basics"]["name"] == "Jordan Rivera"

    def test_it_exports_as_markdown_and_refuses_other_formats(self, alice_client, alice):
        resume = resume_create(user=alice, name="Main", content=RESUME_MARKDOWN)
        assert alice_client.get(url(resume, "/export?format=md")).content.decode() == RESUME_MARKDOWN.strip()
        response = alice_client.get(url(resume, "/export?format=pdf"))
        assert response.status_code == 400
        assert response.json()["error"]["details"]["format"] == ["Must be one of: json, md."]

    def test_a_stranger_cannot_export(self, charlie_client, alice):
        resume = ResumeFactory(user=alice)
        assert charlie_client.get(url(resume, "/export?format=json")).status_code == 404
