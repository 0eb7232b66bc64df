from django.urls import path

from resumes import api

# API paths take no trailing slash (SPEC §1).
urlpatterns = [
    path("resumes", api.ResumeListView.as_view(), name="api-resumes"),
    path("resumes/upload", api.ResumeUploadView.as_view(), name="api-resume-upload"),
    path("resumes/<uuid_anycase:resume_id>", api.ResumeDetailView.as_view(), name="api-resume"),
    path(
        "resumes/<uuid_anycase:resume_id>/structure",
        api.ResumeStructureView.as_view(),
        name="api-resume-structure",
    ),
    path("resumes/<uuid_anycase:resume_id>/export", api.ResumeExportView.as_view(), name="api-resume-export"),
]
