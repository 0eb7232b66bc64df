from django.urls import path

from jobforge.accounts import api

# API paths take no trailing slash (SPEC §1).
urlpatterns = [
    path("register", api.RegisterView.as_view(), name="api-register"),
    path("login", api.LoginView.as_view(), name="api-login"),
    path("me", api.MeView.as_view(), name="api-me"),
    path("refresh", api.RefreshView.as_view(), name="api-refresh"),
    path("logout", api.LogoutView.as_view(), name="api-logout"),
    path("logout-all", api.LogoutEverywhereView.as_view(), name="api-logout-all"),
    path("calendar/rotate", api.CalendarRotateView.as_view(), name="api-calendar-rotate"),
    path("delete-account", api.DeleteAccountView.as_view(), name="api-delete-account"),
    path("password-reset", api.PasswordResetView.as_view(), name="api-password-reset"),
]
