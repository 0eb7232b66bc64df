"""Account forms: they check the shape of the input; the services enforce the rules."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm

from jobforge.accounts import services
from jobforge.accounts.models import DocumentTemplate, PageSize
from jobforge.errors import AuthenticationError


class SignupForm(forms.Form):
    first_name = forms.CharField(max_length=150, required=False, label="First name")
    last_name = forms.CharField(max_length=150, required=False, label="Last name")
    email = forms.EmailField(max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(
        max_length=128,
        strip=False,
        # Kept after an error elsewhere on the form (a bad email), dropped when it is the
        # password that was refused (`password_refused`).
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}, render_value=True),
        help_text="At least 8 characters, with an upper-case letter, a lower-case letter and a digit.",
    )

    def password_refused(self) -> None:
        """Show the password field empty again: the user must choose another one."""
        self.fields["password"].widget.render_value = False


class LoginForm(AuthenticationForm):
    """Django's login form, checked by `user_authenticate` (one message for every failure)."""

    username = forms.EmailField(
        label="Email",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label="Password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def clean(self):
        email, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        if email and password:
            try:
                self.user_cache = services.user_authenticate(email=email, password=password)
            except AuthenticationError as exc:
                raise forms.ValidationError(exc.message, code="invalid_login") from None
        return self.cleaned_data


class ProfileForm(forms.Form):
    first_name = forms.CharField(max_length=150, required=False, label="First name")
    last_name = forms.CharField(max_length=150, required=False, label="Last name")
    email = forms.EmailField(max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class ExportSettingsForm(forms.Form):
    document_template = forms.ChoiceField(
        label="Layout",
        choices=DocumentTemplate.choices,
        help_text="Of your resume and letter PDF and Word files; each download can use the other.",
    )
    page_size = forms.ChoiceField(label="Paper size", choices=PageSize.choices)


class PasswordChangeForm(forms.Form):
    current_password = forms.CharField(
        label="Current password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_password = forms.CharField(
        label="New password",
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 8 characters, with an upper-case letter, a lower-case letter and a digit.",
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To confirm that it is you.",
    )


class PasswordResetRequestForm(forms.Form):
    email = forms.EmailField(
        label="Email",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


class PasswordResetSetForm(SetPasswordForm):
    """Django's reset form (its token, its two fields); the new password is set by the
    service, which ends every session and token of the user as a password change does."""

    def save(self, commit=True):
        return services.user_set_password(user=self.user, new_password=self.cleaned_data["new_password1"])
