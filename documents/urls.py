from django.urls import path

from documents import views

app_name = "documents"

prefix = "applications/<uuid_anycase:pk>/documents/<str:document_type>/"

urlpatterns = [
    path(prefix, views.document_detail, name="detail"),
    path(f"{prefix}edit/", views.document_edit, name="edit"),
    path(f"{prefix}preview/", views.document_preview, name="preview"),
    path(f"{prefix}changes/", views.document_changes, name="changes"),
    path(f"{prefix}versions/", views.document_versions, name="versions"),
    path(f"{prefix}versions/compare/", views.document_diff, name="diff"),
    path(f"{prefix}versions/<int:number>/", views.document_version_detail, name="version"),
    path(f"{prefix}versions/<int:number>/restore/", views.document_version_restore, name="restore"),
    path(f"{prefix}export/<str:export_format>/", views.document_download, name="export"),
]
