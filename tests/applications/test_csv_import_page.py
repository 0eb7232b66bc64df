"""The CSV import page: upload, the dry run's preview table, then confirm."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from applications.models import Application
from tests.factories import ApplicationFactory
from tests.pages import error_next_to, messages_of, text_of

pytestmark = pytest.mark.django_db

PAGE = "/applications/import/"
FILE = "Company,Job Title,Status,Date Applied\nAcme,Engineer,Applied,2024-03-05\nGlobex,Analyst,Bogus,\nDup,Role,,\n"


def _file(content: str = FILE):
    return SimpleUploadedFile("tracker.csv", content.encode(), content_type="text/csv")


def test_the_page_offers_an_upload(web):
    response = web.get(PAGE)
    assert response.status_code == 200
    assert 'type="file"' in response.content.decode()
    assert 'enctype="multipart/form-data"' in response.content.decode()


def test_the_list_links_to_it(web, alice):
    ApplicationFactory(user=alice)
    assert f'href="{PAGE}"' in web.get("/applications/").content.decode()


def test_a_preview_lists_each_row_and_saves_nothing(web, alice):
    ApplicationFactory(user=alice, company_name="Dup", role_title="Role")
    response = web.post(PAGE, {"file": _file()})
    assert response.status_code == 200
    text = text_of(response)
    assert "1 to create · 1 skipped · 1 rejected" in text
    assert "Stage “Bogus” is not known" in text
    assert "Already in your applications (same company, role and applied date)." in text
    assert "Import 1 application" in text
    assert Application.objects.count() == 1


def test_confirming_imports_what_was_previewed(web, alice):
    token = web.post(PAGE, {"file": _file()}).context["token"]
    response = web.post(PAGE, {"token": token})
    assert response.status_code == 200
    assert messages_of(response) == ["Imported 2 applications."]
    assert "2 created" in text_of(response)
    assert set(Application.objects.values_list("company_name", flat=True)) == {"Acme", "Dup"}
    # The preview is used up: confirming again imports nothing more.
    again = web.post(PAGE, {"token": token}, follow=True)
    assert messages_of(again) == ["That preview has expired: upload the file again."]
    assert Application.objects.count() == 2


def test_another_user_cannot_confirm_someone_elses_preview(web, stranger, alice):
    token = web.post(PAGE, {"file": _file()}).context["token"]
    response = stranger.post(PAGE, {"token": token}, follow=True)
    assert messages_of(response) == ["That preview has expired: upload the file again."]
    assert Application.objects.count() == 0


def test_a_file_without_the_columns_is_shown_next_to_the_field(web):
    response = web.post(PAGE, {"file": _file("Name,Colour\na,b\n")})
    assert response.status_code == 400
    assert error_next_to(response, "id_file", "The file has no Company")


def test_no_file_is_a_field_error(web):
    response = web.post(PAGE, {})
    assert response.status_code == 400
    assert error_next_to(response, "id_file", "This field is required.")


def test_anonymous_is_sent_to_log_in(client):
    assert client.get(PAGE)["Location"].startswith("/accounts/login/")
