"""Account pages: sign up, log in, log out (Django's session views) and the account page."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from jobforge.accounts import services
from jobforge.accounts.forms import LoginForm, PasswordChangeForm, ProfileForm, SignupForm
from jobforge.errors import DomainError, RateLimited
from jobforge.ratelimit import client_ip, ratelimit_consume
from jobforge.ui import form_add_domain_error


def _login_throttle(request, *, scope: str) -> None:
    """Log-in attempts per client address and email tried: one caller cannot lock out others."""
    email = request.POST.get("username", "").strip().lower()
    ratelimit_consume(
        scope=scope, ident=f"{client_ip(request)} {email}", rate=settings.JOBFORGE_THROTTLE_AUTH
    )


def _with_retry_after(response, exc: RateLimited):
    response["Retry-After"] = str(exc.retry_after)
    return response


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ratelimit_consume(
                scope="ui-signup", ident=client_ip(request), rate=settings.JOBFORGE_THROTTLE_AUTH
            )
            user = services.user_register(**form.cleaned_data)
        except RateLimited as exc:
            form_add_domain_error(form, exc)
            return _with_retry_after(render(request, "accounts/signup.html", {"form": form}, status=429), exc)
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, "Welcome to Job Forge! Start by adding your resume.")
            return redirect("resumes:list")
    return render(request, "accounts/signup.html", {"form": form})


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        try:
            _login_throttle(request, scope="ui-login")
        except RateLimited as exc:
            form = self.get_form()
            form.errors.clear()
            form.add_error(None, exc.message)
            return _with_retry_after(
                self.render_to_response(self.get_context_data(form=form), status=429), exc
            )
        return super().post(request, *args, **kwargs)


def admin_login(request, extra_context=None):
    """The admin's log-in page, throttled like the site's."""
    if request.method == "POST":
        try:
            _login_throttle(request, scope="admin-login")
        except RateLimited as exc:
            messages.error(request, exc.message)
            request.method = "GET"  # show the empty form again; the password is not tried
            response = admin.site.login(request, extra_context)
            response.status_code = 429
            return _with_retry_after(response, exc)
    return admin.site.login(request, extra_context)


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, "You have been logged out.")
        return response


@login_required
@require_http_methods(["GET", "POST"])
def account(request):
    user = request.user
    initial = {"first_name": user.first_name, "last_name": user.last_name, "email": user.email}
    profile_form = ProfileForm(request.POST or None, initial=initial, prefix="profile")
    password_form = PasswordChangeForm(prefix="password")
    if request.method == "POST" and profile_form.is_valid():
        try:
            services.user_update(user=user, **profile_form.cleaned_data)
        except DomainError as exc:
            form_add_domain_error(profile_form, exc)
        else:
            messages.success(request, "Your details are saved.")
            return redirect("account")
    return _account_render(request, profile_form, password_form)


@login_required
@require_http_methods(["POST"])
def password_change(request):
    user = request.user
    profile_form = ProfileForm(
        initial={"first_name": user.first_name, "last_name": user.last_name, "email": user.email},
        prefix="profile",
    )
    password_form = PasswordChangeForm(request.POST, prefix="password")
    if password_form.is_valid():
        try:
            services.user_change_password(user=user, **password_form.cleaned_data)
        except DomainError as exc:
            form_add_domain_error(password_form, exc, field_map={"password": "new_password"})
        else:
            update_session_auth_hash(request, user)  # stay signed in here; other sessions end
            messages.success(request, "Your password is changed.")
            return redirect("account")
    return _account_render(request, profile_form, password_form)


def _account_render(request, profile_form, password_form):
    return render(
        request, "accounts/account.html", {"profile_form": profile_form, "password_form": password_form}
    )
