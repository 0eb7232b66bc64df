from django.urls import path

from documents import api, api_export

# API paths take no trailing slash (SPEC §1). `<str:...>` stops at "/", so the export
# route (`.../documents/<type>/export`) can sit beside these.
urlpatterns = [
    path(
        "applications/<uuid_anycase:application_id>/documents",
        api.DocumentMapView.as_view(),
        name="api-documents",
    ),
    path(
        "applications/<uuid_anycase:application_id>/documents/<str:document_type>",
        api.DocumentDetailView.as_view(),
        name="api-document",
    ),
    path(
        "applications/<uuid_anycase:application_id>/documents/<str:document_type>/versions",
        api.DocumentVersionListView.as_view(),
        name="api-document-versions",
    ),
    path(
        "applications/<uuid_anycase:application_id>/documents/<str:document_type>/versions/diff",
        api.DocumentDiffView.as_view(),
        name="api-document-versions-diff",
    ),
    # Only the tailored resume is traced (SPEC §9.3): another type's path is the API's 404.
    path(
        "applications/<uuid_anycase:application_id>/documents/optimized_resume/provenance",
        api.DocumentProvenanceView.as_view(),
        name="api-document-provenance",
    ),
    path(
        "applications/<uuid_anycase:application_id>/documents/<str:document_type>/export",
        api_export.DocumentExportView.as_view(),
        name="api-document-export",
    ),
]
