from django.urls import path

from resumes import views

app_name = "resumes"

urlpatterns = [
    path("resumes/", views.resume_list, name="list"),
    path("resumes/new/", views.resume_new, name="new"),
    path("resumes/upload/", views.resume_upload, name="upload"),
    path("resumes/<uuid_anycase:pk>/", views.resume_detail, name="detail"),
    path("resumes/<uuid_anycase:pk>/edit/", views.resume_edit, name="edit"),
    path("resumes/<uuid_anycase:pk>/structure/", views.resume_structure, name="structure"),
    path("resumes/<uuid_anycase:pk>/primary/", views.resume_primary, name="primary"),
    path("resumes/<uuid_anycase:pk>/delete/", views.resume_delete, name="delete"),
]
