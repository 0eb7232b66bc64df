"""Reading resumes (Markdown and pdftotext output) into their parts."""

from processing.offline.resume_analysis import (
    EDUCATION,
    EXPERIENCE,
    SKILLS,
    SUMMARY,
    ParsedResume,
    ResumeEntry,
    _EntryBuilder,
    _header_and_body,
    _header_read,
    _paragraph_join,
    _prose_as_items,
    resume_parse,
)
from tests.factories import RESUME_MARKDOWN
from tests.processing.fixtures import ALFRED, JOHN_DOE, RICHARD, resume


def _entries(parsed, kind=EXPERIENCE):
    return [(e.title, e.organisation, e.dates) for e in parsed.entries_of(kind)]


def test_it_reads_a_markdown_resume():
    parsed = resume_parse(RESUME_MARKDOWN)

    assert parsed.name == "Jordan Rivera"
    assert parsed.contact == ["jordan.rivera@example.com", "Portland, OR"]
    assert [s.kind for s in parsed.sections] == [SUMMARY, EXPERIENCE, EDUCATION, SKILLS]
    assert _entries(parsed) == [
        ("Senior Software Engineer", "Northwind Logistics", "2020–2025"),
        ("Software Engineer", "Bluebird Analytics", "2017–2020"),
    ]
    assert (
        parsed.entries_of(EXPERIENCE)[0].items[1]
        == "Cut API latency by 40% with Redis caching and query tuning."
    )
    assert parsed.stated_years() == (7, "seven years")
    assert parsed.year_span() == (2017, "2025")
    assert {"Python", "Django", "PostgreSQL", "Redis", "Airflow"} <= parsed.skill_names()


def test_it_reads_pdftotext_output_with_wrapped_bullets_and_capitalised_headings():
    parsed = resume_parse(resume(JOHN_DOE))

    assert parsed.name == "JOHN DOE"
    assert "john.doe@email.com" in parsed.contact
    assert _entries(parsed) == [
        ("Full Stack Java Developer", "ABC Company", "June 2018 - Present"),
        ("Software Developer", "XYZ Solutions", "July 2016 - June 2018"),
    ]
    first_job = parsed.entries_of(EXPERIENCE)[0]
    assert len(first_job.items) == 6
    # "...using Java and Spring\nBoot" is one bullet again.
    assert first_job.items[0].endswith("using Java and Spring Boot")
    assert parsed.sections_of(SKILLS)[0].items[0] == "Java and J2EE"
    assert parsed.stated_years() == (5, "5 years")


def test_it_moves_an_end_date_back_from_the_next_line_and_drops_icon_glyphs():
    parsed = resume_parse(resume(ALFRED))

    jobs = parsed.entries_of(EXPERIENCE)
    assert (jobs[0].title, jobs[0].organisation, jobs[0].dates) == (
        "Product Manager",
        "Google",
        "2017 – Present",
    )
    assert (
        jobs[0].items[0]
        == "Leading cross-functional teams to design, develop, and launch innovative products."
    )
    assert len(jobs) == 5
    assert parsed.headline == "Product Manager"
    assert "(123) 456-7890" in parsed.contact
    assert "apennyworth" in parsed.contact
    assert not any(c.startswith(("ð", "§", "I (", "#")) for c in parsed.contact)
    # Page markers ("1/2", "2/2") are not content.
    assert "1/2" not in " ".join(e.header for e in parsed.entries_of(EXPERIENCE, EDUCATION))


def test_it_keeps_bullets_that_mention_dates_as_bullets():
    parsed = resume_parse(resume(RICHARD))

    education = parsed.sections_of(EDUCATION)[0]
    assert education.items == [
        "Bachelor Information Technology, University of Oklahoma (2011-06-01 – 2014-01-01), GPA 4.0"
    ]
    assert _entries(parsed)[0] == ("CEO/President", "Pied Piper", "2013-12-01 – 2014-12-01")


def test_it_survives_empty_noisy_and_huge_resumes():
    assert resume_parse("").is_empty
    assert resume_parse("\n\n 1/2 \n").sections == []
    noise = resume_parse("§ ð I #\n" * 200)
    assert noise.sections is not None

    huge = (resume(JOHN_DOE) + "\n") * 24
    assert len(huge) > 50000
    parsed = resume_parse(huge[:50000])
    assert parsed.entries_of(EXPERIENCE)


# The parse's steps, one at a time.


def test_it_takes_the_lines_above_the_first_heading_as_the_header():
    assert _header_and_body(["Jane Roe", "", "## Experience", "- Led it"]) == (
        ["Jane Roe"],
        ["## Experience", "- Led it"],
        False,
    )


def test_it_keeps_three_header_lines_when_the_resume_has_no_headings():
    lines = ["Jane Roe", "Data Engineer", "jane@example.com"] + [f"line {i}" for i in range(7)]

    header, body, unsectioned = _header_and_body(lines)

    assert header == lines[:3] and body == lines[3:] and unsectioned


def test_it_reads_the_name_headline_and_contact_details():
    parsed = ParsedResume()
    _header_read(parsed, ["# Jane Roe", "Data Engineer", "jane@example.com | Portland, OR"])

    assert (parsed.name, parsed.headline) == ("Jane Roe", "Data Engineer")
    assert parsed.contact == ["jane@example.com", "Portland, OR"]


def test_it_moves_an_open_end_date_back_to_its_header():
    parsed = resume_parse(
        "Jane Roe\n## Experience\n2017 – Product Manager, Google\nPresent\n- Led the launch\n"
    )

    (entry,) = parsed.entries_of(EXPERIENCE)
    assert entry.header == "Product Manager, Google (2017 – Present)"
    assert (entry.title, entry.organisation, entry.dates) == ("Product Manager", "Google", "2017 – Present")
    assert entry.items == ["Led the launch"]


def test_it_joins_wrapped_lines_and_bullets():
    assert (
        _paragraph_join(["Built a data-", "driven tool", "for sales"]) == "Built a data-driven tool for sales"
    )
    builder = _EntryBuilder()
    for line in ("- Led the migration of", "our billing system.", "- Cut costs.", "A closing paragraph."):
        builder.line(line)

    assert builder.finish() == (
        ["A closing paragraph."],
        ["Led the migration of our billing system.", "Cut costs."],
    )


def test_it_reads_a_job_described_in_prose_as_one_achievement_a_sentence():
    entry = ResumeEntry(header="Engineer", paragraphs=["Led the team. Shipped the app."])

    _prose_as_items(entry)

    assert entry.items == ["Led the team.", "Shipped the app."]
    assert entry.paragraphs == [] and not entry.items_were_bullets
