"""The structure a user sends is checked field by field; JSON Resume converts both ways."""

import pytest

from resumes.structure import resume_structure_parse
from resumes.structure.schema import (
    StructureInvalid,
    structure_clean,
    structure_from_json_resume,
    structure_to_json_resume,
)
from tests.resumes.structure import samples

JSON_RESUME = {
    "basics": {
        "name": "Richard Example",
        "label": "Programmer",
        "email": "richard@example.com",
        "summary": "Compression nerd.",
        "location": {"city": "San Francisco", "region": "California", "countryCode": "US"},
        "profiles": [{"network": "GitHub", "username": "rexample", "url": "https://github.com/rexample"}],
    },
    "work": [
        {
            "name": "Pied Example",
            "position": "CEO/President",
            "startDate": "2013-12-01",
            "summary": "Ran a compression startup.",
            "highlights": ["Raised a seed round", "Hired 12 engineers"],
        },
        {
            "name": "Hooli Example",
            "position": "Developer",
            "startDate": "2011-01-01",
            "endDate": "2013-11-30",
        },
    ],
    "education": [
        {
            "institution": "University of Example",
            "area": "Information Technology",
            "studyType": "Bachelor",
            "startDate": "2007-09",
            "endDate": "2011-06",
            "score": "4.0",
        }
    ],
    "skills": [{"name": "Compression", "level": "Master", "keywords": ["Mpeg", "MP4"]}],
    "awards": [{"title": "Pioneer Award", "summary": "There is no spoon."}],
}


def test_a_json_resume_becomes_a_structure_with_ids():
    structure = structure_from_json_resume(JSON_RESUME)
    assert structure["basics"]["location"] == "San Francisco, California, US"
    assert structure["summary"] == "Compression nerd."
    first = structure["work"][0]
    assert (first["id"], first["startDate"], first["endDate"]) == ("w1", "2013-12", "present")
    assert [h["text"] for h in first["highlights"]] == [
        "Ran a compression startup.",
        "Raised a seed round",
        "Hired 12 engineers",
    ]
    assert [h["id"] for h in first["highlights"]] == ["w1h1", "w1h2", "w1h3"]
    assert structure["work"][1]["endDate"] == "2013-11"
    assert structure["education"][0]["id"] == "e1"
    assert structure["other"] == [{"heading": "Awards", "lines": ["Pioneer Award — There is no spoon."]}]


def test_the_structure_exports_as_json_resume_and_comes_back_the_same():
    structure = resume_structure_parse(samples.MARKDOWN)
    document = structure_to_json_resume(structure)
    assert "endDate" not in document["work"][0]  # a current role has no end date
    assert document["work"][1]["endDate"] == "2019-12"
    again = structure_from_json_resume(document)
    assert [(w["name"], w["position"], w["startDate"], w["endDate"]) for w in again["work"]] == [
        (w["name"], w["position"], w["startDate"], w["endDate"]) for w in structure["work"]
    ]


def test_a_json_file_that_is_no_resume_is_refused():
    with pytest.raises(StructureInvalid) as caught:
        structure_from_json_resume({"hello": "world"})
    assert "not a JSON Resume" in caught.value.errors["file"][0]


def test_every_problem_is_reported_with_its_path():
    with pytest.raises(StructureInvalid) as caught:
        structure_clean(
            {
                "basics": {"name": 42},
                "work": [{"name": "Acme", "startDate": "last spring", "highlights": "not a list"}],
                "skills": "Python",
            }
        )
    assert caught.value.errors == {
        "basics.name": ["Must be text."],
        "work[0].startDate": ["Use a date like 2021-06 or 2021, or “present”."],
        "work[0].highlights": ["Must be a list."],
        "skills": ["Must be a list."],
    }


def test_missing_or_repeated_ids_are_given_fresh_ones_and_kept_ids_stay():
    structure = structure_clean(
        {
            "work": [
                {
                    "id": "w9",
                    "name": "Acme",
                    "highlights": [{"id": "keep-me", "text": "Did a thing"}, "Another"],
                },
                {"id": "w9", "name": "Beta"},
                {"name": "Gamma"},
            ]
        }
    )
    assert [w["id"] for w in structure["work"]] == ["w9", "w2", "w3"]
    assert [h["id"] for h in structure["work"][0]["highlights"]] == ["keep-me", "w9h2"]


def test_limits_hold():
    with pytest.raises(StructureInvalid) as caught:
        structure_clean({"summary": "x" * 5001, "work": [{"name": "A"}] * 101})
    assert "summary" in caught.value.errors
    assert caught.value.errors["work"] == ["Ensure this list has no more than 100 items."]
