"""Account pages: sign up, log in, log out (Django's session views) and the account page."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_http_methods

from jobforge.accounts import services
from jobforge.accounts.forms import (
    DeleteAccountForm,
    ExportSettingsForm,
    LoginForm,
    PasswordChangeForm,
    PasswordResetRequestForm,
    PasswordResetSetForm,
    ProfileForm,
    SignupForm,
)
from jobforge.errors import DomainError, Duplicate, RateLimited
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
    email_taken = False
    if request.method == "POST" and form.is_valid():
        try:
            ratelimit_consume(
                scope="ui-signup", ident=client_ip(request), rate=settings.JOBFORGE_THROTTLE_AUTH
            )
            user = services.user_register(
                **form.cleaned_data,
                page_size=services.page_size_from_locale(request.headers.get("Accept-Language")),
            )
        except RateLimited as exc:
            form_add_domain_error(form, exc)
            return _with_retry_after(render(request, "accounts/signup.html", {"form": form}, status=429), exc)
        except DomainError as exc:
            form_add_domain_error(form, exc)
            email_taken = isinstance(exc, Duplicate)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, "Welcome to Job Forge! Start by adding your resume.")
            return redirect("resumes:list")
    if "password" in form.errors:
        form.password_refused()
    return render(request, "accounts/signup.html", {"form": form, "email_taken": email_taken})


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
    """Logging out ends every session and API token of the user (SPEC §14)."""

    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            services.user_logout_everywhere(user=request.user)
        response = super().post(request, *args, **kwargs)
        messages.info(request, "You have been logged out.")
        return response


def _account_forms(request, *, posted: str = "") -> dict:
    """The account page's forms, the one named by `posted` bound to the request's POST."""
    user = request.user
    data = {name: request.POST if name == posted else None for name in ("profile", "export", "password")}
    return {
        "profile_form": ProfileForm(
            data["profile"],
            initial={"first_name": user.first_name, "last_name": user.last_name, "email": user.email},
            prefix="profile",
        ),
        "export_form": ExportSettingsForm(
            data["export"],
            initial={"document_template": user.document_template, "page_size": user.export_page_size},
            prefix="export",
        ),
        "password_form": PasswordChangeForm(data["password"], prefix="password"),
        "calendar_url": services.calendar_url(user=user),
    }


@login_required
@require_http_methods(["GET", "POST"])
def account(request):
    account_forms = _account_forms(request, posted="profile" if request.method == "POST" else "")
    profile_form = account_forms["profile_form"]
    if request.method == "POST" and profile_form.is_valid():
        try:
            services.user_update(user=request.user, **profile_form.cleaned_data)
        except DomainError as exc:
            form_add_domain_error(profile_form, exc)
        else:
            messages.success(request, "Your details are saved.")
            return redirect("account")
    return render(request, "accounts/account.html", account_forms)


@login_required
@require_http_methods(["POST"])
def account_export_settings(request):
    account_forms = _account_forms(request, posted="export")
    export_form = account_forms["export_form"]
    if export_form.is_valid():
        try:
            services.user_export_settings_update(user=request.user, **export_form.cleaned_data)
        except DomainError as exc:
            form_add_domain_error(export_form, exc)
        else:
            messages.success(request, "Your export settings are saved.")
            return redirect("account")
    return render(request, "accounts/account.html", account_forms)


@login_required
@require_http_methods(["POST"])
def password_change(request):
    user = request.user
    account_forms = _account_forms(request, posted="password")
    password_form = account_forms["password_form"]
    error = None
    if password_form.is_valid():
        try:
            services.user_change_password(user=user, **password_form.cleaned_data)
        except DomainError as exc:
            form_add_domain_error(password_form, exc, field_map={"password": "new_password"})
            error = exc
        else:
            update_session_auth_hash(request, user)  # stay signed in here; other sessions end
            messages.success(request, "Your password is changed.")
            return redirect("account")
    return _form_page(render(request, "accounts/account.html", account_forms), error)


@login_required
@require_http_methods(["POST"])
def account_calendar(request):
    if request.POST.get("action") == "revoke":
        services.calendar_token_revoke(user=request.user)
        messages.success(request, "Your calendar feed is off. Its old address no longer works.")
    else:
        had_one = bool(request.user.calendar_token)
        services.calendar_token_rotate(user=request.user)
        messages.success(
            request,
            "Your calendar feed has a new address; the old one no longer works."
            if had_one
            else "Your calendar feed is on. Add its address to your calendar app.",
        )
    return redirect(reverse("account") + "#calendar-heading")


@login_required
@require_http_methods(["POST"])
def logout_everywhere(request):
    services.user_logout_everywhere(user=request.user)
    logout(request)
    messages.info(request, "You have been logged out on every device and from the API.")
    return redirect("login")


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    form = DeleteAccountForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            services.user_delete(user=request.user, **form.cleaned_data)
        except DomainError as exc:
            form_add_domain_error(form, exc)
            error = exc
        else:
            logout(request)
            messages.info(request, "Your account and all your data are deleted.")
            return redirect("home")
    return _form_page(render(request, "accounts/account_delete.html", {"form": form}), error)


def _form_page(response, error: DomainError | None):
    """A form page shown again after a service error: a 429 with Retry-After when throttled."""
    if isinstance(error, RateLimited):
        response.status_code = error.status
        if error.retry_after:
            response["Retry-After"] = str(error.retry_after)
    return response


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link: the same answer for a known and an unknown email."""

    template_name = "accounts/password_reset_form.html"
    form_class = PasswordResetRequestForm
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        try:
            services.password_reset_send(
                email=form.cleaned_data["email"],
                client_ip=client_ip(self.request),
                domain=self.request.get_host(),
                use_https=self.request.is_secure(),
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
            return _form_page(self.render_to_response(self.get_context_data(form=form)), exc)
        return redirect(self.get_success_url())


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"
    extra_context = {"sent_message": services.RESET_LINK_SENT}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = PasswordResetSetForm
    success_url = reverse_lazy("password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
