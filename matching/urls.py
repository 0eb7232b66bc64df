from django.urls import path

from matching import views

app_name = "matching"

urlpatterns = [
    path("applications/<uuid_anycase:pk>/match/", views.match_page, name="match"),
]
