from django.urls import path

from processing import api
from processing.phases import PHASES

# API paths take no trailing slash (SPEC §1). One start route per phase of the registry.
urlpatterns = [
    *(
        path(
            f"applications/<uuid_anycase:application_id>/{spec.api_path}",
            api.PhaseStartView.as_view(phase=spec.key),
            name=f"api-processing-{spec.api_path}",
        )
        for spec in PHASES
    ),
    path(
        "applications/<uuid_anycase:application_id>/all",
        api.GenerateAllView.as_view(),
        name="api-processing-all",
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
