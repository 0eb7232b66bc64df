from django.urls import path

from matching import api

urlpatterns = [
    path(
        "applications/<uuid_anycase:application_id>/match",
        api.MatchReportView.as_view(),
        name="api-application-match",
    ),
]
