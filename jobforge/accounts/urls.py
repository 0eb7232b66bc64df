from django.urls import path

from jobforge import views as project_views
from jobforge.accounts import views

urlpatterns = [
    path("", project_views.home, name="home"),
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    path("accounts/password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("accounts/reset/done/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("account/", views.account, name="account"),
    path("account/export-settings/", views.account_export_settings, name="account_export_settings"),
    path("account/password/", views.password_change, name="account_password"),
    path("account/logout-everywhere/", views.logout_everywhere, name="account_logout_everywhere"),
    path("account/calendar/", views.account_calendar, name="account_calendar"),
    path("account/delete/", views.account_delete, name="account_delete"),
]
