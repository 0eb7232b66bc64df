"""The education section in the shapes real resumes give it (lines written for these tests)."""

import pytest

from resumes.structure.education import education_entries


def _read(*lines: str) -> list[tuple[str, str, str, str]]:
    entries, _ = education_entries(list(lines), 0)
    return [(e["studyType"], e["area"], e["institution"], e["endDate"]) for e in entries]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # The field run into the school's name, and repeated after the city.
        (
            ("May 2009", "Bachelor of Science : Journalism Lakeside University College of Media Journalism"),
            [("Bachelor of Science", "Journalism", "Lakeside University College of Media", "2009-05")],
        ),
        (
            ("06/2004", "BA : Urban Studies Harbor State University - City , State Urban Studies"),
            [("BA", "Urban Studies", "Harbor State University", "2004-06")],
        ),
        # A short degree before its colon, and a school named after a place.
        (
            ("M.S : Computer Science Westfield Institute of Technology",),
            [("M.S", "Computer Science", "Westfield Institute of Technology", "")],
        ),
        (
            ("HS : General Studies Millbrook High School",),
            [("HS", "General Studies", "Millbrook High School", "")],
        ),
        (
            ("High School Diploma : General Brookside High School 2012",),
            [("High School Diploma", "General", "Brookside High School", "2012")],
        ),
        # The school on the line below its degree, with the field repeated.
        (
            ("BACHELOR OF SCIENCE : FINANCE , 2008", "Pinecrest Baptist University FINANCE"),
            [("BACHELOR OF SCIENCE", "FINANCE", "Pinecrest Baptist University", "2008")],
        ),
        # An entry a layout wrote twice.
        (
            (
                "Bachelor of Science : Nursing Ridgeway University Bachelor of Science in Nursing Ridgeway University",
            ),
            [("Bachelor of Science", "Nursing", "Ridgeway University", "")],
        ),
        (
            ("Ridgeway University Ridgeway University Bachelor of Science (Nursing) 1999",),
            [("Bachelor of Science", "Nursing", "Ridgeway University", "1999")],
        ),
        # Comma-separated, with the place after the school.
        (
            ("2016 – 2018 Master of Business Administration, Oakmont University, Oakmont, CA, USA",),
            [("Master of Business Administration", "", "Oakmont University", "2018")],
        ),
        (
            ("Business University of Northfield at Easton",),
            [("", "Business", "University of Northfield at Easton", "")],
        ),
        (
            ("MICROCOMPUTER TECHNOLOGY INSTITUTE 1993",),
            [("", "", "MICROCOMPUTER TECHNOLOGY INSTITUTE", "1993")],
        ),
    ],
)
def test_entries_in_their_real_shapes(lines, expected):
    assert _read(*lines) == expected


def test_lines_about_clubs_grades_and_courses_are_not_entries_but_are_reported():
    entries, unread = education_entries(
        [
            "Master of Science : Civil Engineering , 2019",
            "Lakeside University",
            "Member of University Tennis Club",
            "GPA: 3.80/4.00",
            "Coursework in Construction Law and Cost Estimation",
        ],
        2,
    )
    assert [(e["id"], e["institution"]) for e in entries] == [("e3", "Lakeside University")]
    assert unread == [
        "Member of University Tennis Club",
        "GPA: 3.80/4.00",
        "Coursework in Construction Law and Cost Estimation",
    ]


def test_a_date_alone_belongs_to_the_entry_below_it():
    assert _read(
        "8/2013", "BA : History Harbor College", "06/2002", "AS : Psychology Essex Valley College"
    ) == [
        ("BA", "History", "Harbor College", "2013-08"),
        ("AS", "Psychology", "Essex Valley College", "2002-06"),
    ]
