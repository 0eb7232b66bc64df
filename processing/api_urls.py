from django.urls import path

from processing import api
from processing.models import PhaseRun

# API paths take no trailing slash (SPEC §1).
urlpatterns = [
    path(
        "applications/<uuid_anycase:application_id>/research",
        api.PhaseStartView.as_view(phase=PhaseRun.Phase.RESEARCH),
        name="api-processing-research",
    ),
    path(
        "applications/<uuid_anycase:application_id>/resume",
        api.PhaseStartView.as_view(phase=PhaseRun.Phase.RESUME),
        name="api-processing-resume",
    ),
    path(
        "applications/<uuid_anycase:application_id>/cover-letter",
        api.PhaseStartView.as_view(phase=PhaseRun.Phase.COVER_LETTER),
        name="api-processing-cover-letter",
    ),
    path(
        "applications/<uuid_anycase:application_id>/status",
        api.PhaseStatusView.as_view(),
        name="api-processing-status",
    ),
    path(
        "applications/<uuid_anycase:application_id>/cancel",
        api.PhaseCancelView.as_view(),
        name="api-processing-cancel",
    ),
]
