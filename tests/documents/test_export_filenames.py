"""Download names a recruiter expects (SPEC §13): `Jane_Example_Resume_Acme_Robotics.pdf`,
the person from the resume (else the account), the document's label, the company; an
ASCII `filename` transliterated for every client and the UTF-8 `filename*` beside it."""

from urllib.parse import unquote

import pytest

from documents.export import document_export
from documents.export.filenames import document_file_label, export_filename
from documents.models import Document
from jobforge.downloads import ascii_filename, content_disposition
from tests.factories import ApplicationFactory, ResumeFactory, UserFactory, document_write

pytestmark = pytest.mark.django_db


def disposition_names(disposition: str) -> tuple[str, str]:
    ascii_part, utf8_part = disposition.removeprefix("attachment; ").split("; ")
    return ascii_part.removeprefix('filename="').removesuffix('"'), unquote(
        utf8_part.removeprefix("filename*=UTF-8''")
    )


class TestName:
    @pytest.mark.parametrize(
        "document_type, name",
        [
            ("optimized_resume", "Jane_Example_Resume_Acme_Robotics"),
            ("cover_letter", "Jane_Example_Cover_Letter_Acme_Robotics"),
            ("research_report", "Jane_Example_Research_Report_Acme_Robotics"),
        ],
    )
    def test_it_is_person_document_and_company(self, document_type, name):
        assert (
            export_filename(person="Jane Example", company="Acme Robotics", document_type=document_type)
            == name
        )

    def test_every_document_type_is_named_from_its_label(self):
        # A type added later gets a name without anyone listing it here.
        for document_type, label in Document.Type.choices:
            words = label.replace("-", " ").title().split()
            expected = "Resume" if document_type == "optimized_resume" else "_".join(words)
            assert document_file_label(document_type) == expected
        assert document_file_label("follow_up_email") == "Follow_Up_Email"

    @pytest.mark.parametrize(
        "person, company, name",
        [
            ("Morgan Ellis-Park", "Acme Robotics, Inc.", "Morgan_Ellis-Park_Resume_Acme_Robotics_Inc"),
            ("  Jane   Q.  Example ", "A/B & C (Labs)", "Jane_Q_Example_Resume_A_B_C_Labs"),
            ("", "Acme Robotics", "Resume_Acme_Robotics"),
            ("Jane Example", "!!!", "Jane_Example_Resume"),
            ("Zoë Ngô", "Société Générale", "Zoë_Ngô_Resume_Société_Générale"),
            ("../../etc/passwd", "a\\b\x00c", "etc_passwd_Resume_a_b_c"),
        ],
    )
    def test_it_keeps_words_and_drops_the_rest(self, person, company, name):
        assert export_filename(person=person, company=company, document_type="optimized_resume") == name

    def test_long_parts_are_cut(self):
        name = export_filename(person="Jane Example", company="Acme " * 100, document_type="cover_letter")
        assert name.startswith("Jane_Example_Cover_Letter_Acme_Acme")
        assert len(name) <= 12 + 1 + 12 + 1 + 60

    def test_an_earlier_version_says_so(self):
        assert export_filename(person="Jane", company="Acme", document_type="cover_letter", version=3) == (
            "Jane_Cover_Letter_Acme_v3"
        )


class TestAscii:
    @pytest.mark.parametrize(
        "name, expected",
        [
            ("Zoë_Ngô_Resume_Société_Générale.pdf", "Zoe_Ngo_Resume_Societe_Generale.pdf"),
            ("Łukasz_Øster_Straße_Æsir.docx", "Lukasz_Oster_Strasse_AEsir.docx"),
            ("陈伟_Resume_Acme.pdf", "Resume_Acme.pdf"),
            ("東京.pdf", "download.pdf"),
            ('a"b\\c.txt', "a_b_c.txt"),
            ("job-forge-data-2025.json", "job-forge-data-2025.json"),
        ],
    )
    def test_it_transliterates_latin_letters_and_drops_the_rest(self, name, expected):
        assert ascii_filename(name) == expected

    def test_the_header_carries_both_names(self):
        disposition = content_disposition("Zoë_Ngô_Resume_東京.pdf")
        disposition.encode("ascii")
        assert disposition_names(disposition) == ("Zoe_Ngo_Resume.pdf", "Zoë_Ngô_Resume_東京.pdf")


class TestExport:
    def test_the_person_is_the_one_the_resume_names(self, alice):
        ResumeFactory(user=alice, is_primary=True, structure={"basics": {"name": "Jane Example"}})
        application = ApplicationFactory(user=alice, company_name="Acme Robotics")
        document_write(application, "cover_letter", "Dear Hiring Team,\n\nHello there, team.")
        exported = document_export(
            application=application, document_type="cover_letter", export_format="docx"
        )
        assert exported.filename == "Jane_Example_Cover_Letter_Acme_Robotics.docx"

    def test_else_the_account_name(self, alice):
        application = ApplicationFactory(user=alice, company_name="Acme Robotics")
        document_write(application, "optimized_resume", "# Alice Archer\n\nA resume.")
        exported = document_export(
            application=application, document_type="optimized_resume", export_format="md"
        )
        assert exported.filename == "Alice_Archer_Resume_Acme_Robotics.md"

    def test_the_api_download_is_named_for_the_recruiter(self, api_client):
        user = UserFactory(first_name="Zoë", last_name="Ngô")
        api_client.force_authenticate(user)
        application = ApplicationFactory(user=user, company_name="Société Générale")
        document_write(application, "optimized_resume", "# Zoë Ngô\n\nA resume with some words.")
        response = api_client.get(
            f"/api/v1/applications/{application.pk}/documents/optimized_resume/export?format=pdf"
        )
        assert response.status_code == 200
        assert disposition_names(response["Content-Disposition"]) == (
            "Zoe_Ngo_Resume_Societe_Generale.pdf",
            "Zoë_Ngô_Resume_Société_Générale.pdf",
        )

    def test_the_page_download_is_named_for_the_recruiter(self, web, alice):
        application = ApplicationFactory(user=alice, company_name="Acme Robotics")
        document_write(application, "research_report", "# Report\n\nSome content here.")
        response = web.get(f"/applications/{application.pk}/documents/research_report/export/txt/")
        assert disposition_names(response["Content-Disposition"]) == (
            "Alice_Archer_Research_Report_Acme_Robotics.txt",
            "Alice_Archer_Research_Report_Acme_Robotics.txt",
        )
