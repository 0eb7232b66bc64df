from django.urls import path

from processing import views

app_name = "processing"

urlpatterns = [
    path("applications/<uuid_anycase:pk>/phases/", views.phase_panel, name="panel"),
    path("applications/<uuid_anycase:pk>/phases/cancel/", views.phase_cancel, name="cancel"),
    path("applications/<uuid_anycase:pk>/phases/generate-all/", views.phases_generate_all, name="all"),
    path("applications/<uuid_anycase:pk>/phases/<str:phase>/start/", views.phase_start, name="start"),
]
