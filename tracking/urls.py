from django.urls import path

from tracking import views

app_name = "tracking"

urlpatterns = [
    path("applications/<uuid_anycase:pk>/tracking/", views.application_tracking, name="application"),
    path(
        "applications/<uuid_anycase:pk>/contacts/add/", views.row_add, {"kind": "contact"}, name="contact_add"
    ),
    path(
        "applications/<uuid_anycase:pk>/interviews/add/",
        views.row_add,
        {"kind": "interview"},
        name="interview_add",
    ),
    path("applications/<uuid_anycase:pk>/tasks/add/", views.row_add, {"kind": "task"}, name="task_add"),
    path("contacts/<uuid_anycase:pk>/edit/", views.row_edit, {"kind": "contact"}, name="contact_edit"),
    path("contacts/<uuid_anycase:pk>/delete/", views.row_delete, {"kind": "contact"}, name="contact_delete"),
    path("interviews/<uuid_anycase:pk>/edit/", views.row_edit, {"kind": "interview"}, name="interview_edit"),
    path(
        "interviews/<uuid_anycase:pk>/delete/",
        views.row_delete,
        {"kind": "interview"},
        name="interview_delete",
    ),
    path("tasks/", views.task_list, name="tasks"),
    path("tasks/<uuid_anycase:pk>/edit/", views.row_edit, {"kind": "task"}, name="task_edit"),
    path("tasks/<uuid_anycase:pk>/delete/", views.row_delete, {"kind": "task"}, name="task_delete"),
    path("tasks/<uuid_anycase:pk>/done/", views.task_done, name="task_done"),
]
