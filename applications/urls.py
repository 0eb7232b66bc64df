from django.urls import path

from applications import views

app_name = "applications"

urlpatterns = [
    path("applications/", views.application_list_view, name="list"),
    path("applications/board/", views.application_board, name="board"),
    path("applications/new/", views.application_new, name="new"),
    path("applications/bulk/", views.application_bulk, name="bulk"),
    path("applications/import/", views.application_import_csv, name="import_csv"),
    path("insights/", views.insights_page, name="insights"),
    path("applications/<uuid_anycase:pk>/", views.application_detail, name="detail"),
    path("applications/<uuid_anycase:pk>/edit/", views.application_edit, name="edit"),
    path("applications/<uuid_anycase:pk>/stage/", views.application_stage, name="stage"),
    path("applications/<uuid_anycase:pk>/notes/", views.application_notes, name="notes"),
    path("applications/<uuid_anycase:pk>/archive/", views.application_archive, name="archive"),
    path("applications/<uuid_anycase:pk>/resume/", views.application_resume, name="resume"),
    path("applications/<uuid_anycase:pk>/delete/", views.application_delete, name="delete"),
]
