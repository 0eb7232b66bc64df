from django.urls import path

from tracking import api

# API paths take no trailing slash (SPEC §1).
urlpatterns = [
    path(
        "applications/<uuid_anycase:application_id>/contacts",
        api.ContactListView.as_view(),
        name="api-application-contacts",
    ),
    path(
        "applications/<uuid_anycase:application_id>/contacts/<uuid_anycase:contact_id>",
        api.ContactDetailView.as_view(),
        name="api-application-contact",
    ),
    path(
        "applications/<uuid_anycase:application_id>/interviews",
        api.InterviewListView.as_view(),
        name="api-application-interviews",
    ),
    path(
        "applications/<uuid_anycase:application_id>/interviews/<uuid_anycase:interview_id>",
        api.InterviewDetailView.as_view(),
        name="api-application-interview",
    ),
    path(
        "applications/<uuid_anycase:application_id>/tasks",
        api.ApplicationTaskListView.as_view(),
        name="api-application-tasks",
    ),
    path("tasks", api.TaskListView.as_view(), name="api-tasks"),
    path("tasks/<uuid_anycase:task_id>", api.TaskDetailView.as_view(), name="api-task"),
]
