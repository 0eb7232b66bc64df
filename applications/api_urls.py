from django.urls import path

from applications import api

# API paths take no trailing slash (SPEC §1).
urlpatterns = [
    path("applications", api.ApplicationListView.as_view(), name="api-applications"),
    path("applications/import", api.ApplicationImportView.as_view(), name="api-applications-import"),
    path("applications/bulk", api.ApplicationBulkView.as_view(), name="api-applications-bulk"),
    path(
        "applications/import-csv", api.ApplicationCsvImportView.as_view(), name="api-applications-import-csv"
    ),
    path("insights", api.InsightsView.as_view(), name="api-insights"),
    path(
        "applications/<uuid_anycase:application_id>",
        api.ApplicationDetailView.as_view(),
        name="api-application",
    ),
]
