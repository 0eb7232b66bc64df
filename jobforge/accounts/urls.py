from django.urls import path

from jobforge import views as project_views
from jobforge.accounts import views

urlpatterns = [
    path("", project_views.home, name="home"),
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    path("account/", views.account, name="account"),
    path("account/password/", views.password_change, name="account_password"),
]
