"""Accounts: registration, credentials, and the JWT token lifecycle."""

import logging
import re
import secrets

import django_rq
from django.conf import settings
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken
from rest_framework_simplejwt.utils import datetime_from_epoch

from jobforge.accounts import jobs
from jobforge.accounts.models import DocumentTemplate, PageSize, User
from jobforge.accounts.tokens import TOKEN_VERSION_CLAIM, token_is_current
from jobforge.errors import AuthenticationError, Duplicate, RateLimited, ValidationFailed
from jobforge.links import absolute_url
from jobforge.ratelimit import ratelimit_consume

logger = logging.getLogger(__name__)

INVALID_CREDENTIALS = "Invalid email or password."
MAIL_QUEUE = "default"
INVALID_REFRESH = "Refresh token is invalid, expired or already used."


def _normalize_email(email: str) -> str:
    return User.objects.normalize_email(email.strip()).lower()


def password_check(*, password: str, user: User) -> None:
    """Django's validators plus ours; a weak password is a 400 naming the rule."""
    try:
        password_validation.validate_password(password, user=user)
    except DjangoValidationError as exc:
        raise ValidationFailed("Invalid input data", details={"password": list(exc.messages)}) from None


def _email_taken() -> Duplicate:
    return Duplicate("An account with this email already exists.", details={"email": ["Already registered."]})


# Where people print on US Letter (SPEC §13: the United States and Canada); A4 elsewhere.
LETTER_REGIONS = frozenset({"US", "CA"})
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*$")
MAX_ACCEPT_LANGUAGE_CHARS = 1000


def page_size_from_locale(accept_language: str | None) -> str:
    """The paper size of the browser's preferred locale (an `Accept-Language` header):
    Letter when its region is the US or Canada (`en-US`, `fr-CA`), A4 otherwise or unknown."""
    best_tag, best_quality = "", 0.0
    for entry in (accept_language or "")[:MAX_ACCEPT_LANGUAGE_CHARS].split(",")[:20]:
        tag, _, params = entry.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        if _LANGUAGE_TAG.match(tag) and quality > best_quality:
            best_tag, best_quality = tag, quality
    subtags = re.split(r"[-_]", best_tag)[1:]
    region = next((subtag.upper() for subtag in subtags if len(subtag) == 2), "")
    return PageSize.LETTER if region in LETTER_REGIONS else PageSize.A4


def _choice_check(value: str, *, field: str, choices: type) -> str:
    if value not in choices.values:
        raise ValidationFailed(
            "Invalid input data", details={field: [f"Must be one of: {', '.join(choices.values)}."]}
        )
    return value


def user_register(
    *, email: str, password: str, first_name: str = "", last_name: str = "", page_size: str = ""
) -> User:
    """Create an active user. Emails are unique case-insensitively (409 on a second one).
    `page_size` (a4|letter) is their exports' paper size, usually `page_size_from_locale`."""
    email = _normalize_email(email)
    user = User(email=email, first_name=first_name.strip(), last_name=last_name.strip())
    if page_size:
        user.page_size = _choice_check(page_size, field="page_size", choices=PageSize)
    password_check(password=password, user=user)
    if User.objects.filter(email__iexact=email).exists():
        raise _email_taken()
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        # A concurrent registration won the race for the same email.
        raise _email_taken() from None
    return user


def user_authenticate(*, email: str, password: str) -> User:
    """The same error for an unknown email and a wrong password, so accounts cannot be probed."""
    user = authenticate(username=_normalize_email(email), password=password)
    if user is None or not user.is_active:
        raise AuthenticationError(INVALID_CREDENTIALS)
    return user


def user_update(*, user: User, first_name: str, last_name: str, email: str) -> User:
    """Emails stay unique: a taken one is a 409, also when two requests race for it."""
    email = _normalize_email(email)
    if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        raise _email_taken()
    user.first_name, user.last_name, user.email = first_name.strip(), last_name.strip(), email
    try:
        with transaction.atomic():
            user.save(update_fields=["first_name", "last_name", "email", "updated_at"])
    except IntegrityError:
        # Another request took the address between the check and the write.
        user.refresh_from_db(fields=["first_name", "last_name", "email", "updated_at"])
        raise _email_taken() from None
    return user


def user_export_settings_update(
    *, user: User, document_template: str | None = None, page_size: str | None = None
) -> User:
    """The layout (classic|modern) and paper size (a4|letter) of the user's PDF and DOCX
    exports; either may be left out. An unknown value is a ValidationFailed naming the
    allowed ones, and nothing changes."""
    changes = {}
    if document_template is not None:
        changes["document_template"] = _choice_check(
            document_template, field="document_template", choices=DocumentTemplate
        )
    if page_size is not None:
        changes["page_size"] = _choice_check(page_size, field="page_size", choices=PageSize)
    for field, value in changes.items():
        setattr(user, field, value)
    if changes:
        user.save(update_fields=[*changes, "updated_at"])
    return user


def _password_confirm_throttle(*, user: User) -> None:
    """A signed-in user confirming their password (change, delete) guesses at the auth rate."""
    ratelimit_consume(scope="password-confirm", ident=str(user.pk), rate=settings.JOBFORGE_THROTTLE_AUTH)


def user_change_password(*, user: User, current_password: str, new_password: str) -> User:
    """A new password ends every session and token of the user, in the same transaction.
    Guesses of the current password are held to the auth rate per user."""
    _password_confirm_throttle(user=user)
    if not user.check_password(current_password):
        raise ValidationFailed(
            "Invalid input data", details={"current_password": ["Your current password is incorrect."]}
        )
    return user_set_password(user=user, new_password=new_password)


def user_set_password(*, user: User, new_password: str) -> User:
    """Set a checked password and end every session and token (change and reset share it)."""
    password_check(password=new_password, user=user)
    user.set_password(new_password)
    with transaction.atomic():
        user.save(update_fields=["password", "updated_at"])
        tokens_revoke_all(user=user)
    return user


def user_deactivate(*, user: User) -> None:
    """Deactivate and end every token; access tokens die on their next use."""
    user.is_active = False
    with transaction.atomic():
        user.save(update_fields=["is_active", "updated_at"])
        tokens_revoke_all(user=user)


def tokens_issue(*, user: User) -> dict:
    # RefreshToken.for_user, with the token version claim in place before the token is
    # recorded as outstanding; the access token copies the claims.
    refresh = RefreshToken()
    refresh[jwt_settings.USER_ID_CLAIM] = str(user.pk)
    refresh[TOKEN_VERSION_CLAIM] = user.token_version
    OutstandingToken.objects.create(
        user=user,
        jti=refresh[jwt_settings.JTI_CLAIM],
        token=str(refresh),
        created_at=refresh.current_time,
        expires_at=datetime_from_epoch(refresh["exp"]),
    )
    return {
        "access_token": str(refresh.access_token),
        "refresh_token": str(refresh),
        "token_type": "bearer",
        "expires_in": int(jwt_settings.ACCESS_TOKEN_LIFETIME.total_seconds()),
    }


def _refresh_token_parse(raw: str) -> RefreshToken:
    try:
        return RefreshToken(raw)  # checks signature, expiry, type and the blacklist
    except TokenError:
        raise AuthenticationError(INVALID_REFRESH) from None


def _refresh_token_spend(token: RefreshToken) -> OutstandingToken:
    """Blacklist a refresh token exactly once, even under concurrent use.

    simplejwt's own check-then-insert lets two parallel refreshes both pass, so the
    outstanding row is locked first and the insert is the single winner.
    """
    outstanding = (
        OutstandingToken.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(jti=token[jwt_settings.JTI_CLAIM])
        .first()
    )
    if outstanding is None:
        raise AuthenticationError(INVALID_REFRESH)
    _, created = BlacklistedToken.objects.get_or_create(token=outstanding)
    if not created:
        raise AuthenticationError(INVALID_REFRESH)
    return outstanding


def tokens_refresh(*, raw_refresh: str) -> dict:
    """Rotate: the old refresh token dies and a new pair is issued."""
    token = _refresh_token_parse(raw_refresh)
    with transaction.atomic():
        outstanding = _refresh_token_spend(token)
        user = outstanding.user
        if user is None or not user.is_active or not token_is_current(token, user=user):
            raise AuthenticationError(INVALID_REFRESH)
        return tokens_issue(user=user)


def tokens_refresh_for_user(*, user: User) -> dict:
    """The Bearer-access variant of refresh: a still-valid access token gets a new pair."""
    return tokens_issue(user=user)


def user_logout(*, user: User, raw_refresh: str) -> None:
    """Logout (SPEC §14): the refresh token must be the user's; then every token of theirs ends."""
    token = _refresh_token_parse(raw_refresh)
    if str(token.get(jwt_settings.USER_ID_CLAIM)) != str(user.pk):
        raise AuthenticationError(INVALID_REFRESH)
    with transaction.atomic():
        _refresh_token_spend(token)
        tokens_revoke_all(user=user)


def tokens_revoke_all(*, user: User) -> None:
    """End every token and session of the user at once.

    Raising the token version makes every access token issued before fail on its next
    use (and every session's hash change); the outstanding refresh tokens are also
    blacklisted. Call it inside the transaction of the change that causes it.
    """
    User.objects.filter(pk=user.pk).update(token_version=F("token_version") + 1)
    user.refresh_from_db(fields=["token_version"])
    outstanding = OutstandingToken.objects.filter(user=user).exclude(blacklistedtoken__isnull=False)
    BlacklistedToken.objects.bulk_create(
        [BlacklistedToken(token=token) for token in outstanding], ignore_conflicts=True
    )


def user_logout_everywhere(*, user: User) -> None:
    """End every session and token of the user, this one included."""
    with transaction.atomic():
        tokens_revoke_all(user=user)


def user_delete(*, user: User, password: str) -> None:
    """Delete the account and everything of the user's (the foreign keys cascade).

    The password confirms it; guesses are held to the auth rate per user.
    """
    _password_confirm_throttle(user=user)
    if not user.check_password(password):
        raise ValidationFailed("Invalid input data", details={"password": ["Your password is incorrect."]})
    with transaction.atomic():
        OutstandingToken.objects.filter(user=user).delete()  # their blacklist rows go with them
        user.delete()


RESET_LINK_SENT = (
    "If an account uses this address, we have sent it a link to choose a new password. "
    "Check your inbox (and spam folder)."
)


def password_reset_send(*, email: str, client_ip: str, domain: str, use_https: bool) -> None:
    """Mail a reset link (Django's token) to the active account with this email, if any.

    The caller answers the same for a known and an unknown address, so accounts cannot
    be probed; the mail goes out from the worker, so the mail server's pace does not
    tell them apart either. Requests are held per client IP (a 429) and per address:
    past that limit no more mail is sent for a while, and the answer stays the same.
    """
    ratelimit_consume(scope="password-reset-ip", ident=client_ip, rate=settings.JOBFORGE_THROTTLE_AUTH)
    form = PasswordResetForm(data={"email": email})
    if not form.is_valid():
        raise ValidationFailed("Invalid input data", details={"email": list(form.errors["email"])})
    email = _normalize_email(form.cleaned_data["email"])
    try:
        ratelimit_consume(
            scope="password-reset-email", ident=email, rate=settings.JOBFORGE_THROTTLE_PASSWORD_RESET
        )
    except RateLimited:
        return
    for user in form.get_users(email):
        _password_reset_mail_enqueue(user_id=str(user.pk), domain=domain, use_https=use_https)


def _password_reset_mail_enqueue(*, user_id: str, domain: str, use_https: bool) -> None:
    job_kwargs = {"user_id": user_id, "domain": domain, "use_https": use_https}
    if not settings.RQ_QUEUES[MAIL_QUEUE].get("ASYNC", True):
        password_reset_mail_send(**job_kwargs)  # no Redis: the queue runs jobs in the request
        return
    try:
        django_rq.get_queue(MAIL_QUEUE).enqueue(
            jobs.password_reset_mail, kwargs=job_kwargs, result_ttl=0, description="password reset mail"
        )
    except Exception:
        logger.exception("Could not enqueue a password reset mail; sending it in the request")
        password_reset_mail_send(**job_kwargs)


def password_reset_mail_send(*, user_id: str, domain: str, use_https: bool) -> None:
    """Send the reset mail to the user, if they are still active with a usable password."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    form = PasswordResetForm(data={"email": user.email})
    if form.is_valid():
        form.save(
            domain_override=domain,
            use_https=use_https,
            subject_template_name="accounts/password_reset_subject.txt",
            email_template_name="accounts/password_reset_email.txt",
            extra_email_context={"site_name": "Job Forge"},
        )


# The calendar feed's secret: 43 URL-safe characters (256 random bits).
CALENDAR_TOKEN_BYTES = 32


def calendar_url(*, user: User) -> str | None:
    """The private calendar feed's absolute address, or None until the user turns it on."""
    if not user.calendar_token:
        return None
    return absolute_url(reverse("calendar-feed", kwargs={"token": user.calendar_token}))


def calendar_token_rotate(*, user: User) -> User:
    """Give the user a new calendar feed address; the old one answers 404 from now on."""
    user.calendar_token = secrets.token_urlsafe(CALENDAR_TOKEN_BYTES)
    User.objects.filter(pk=user.pk).update(calendar_token=user.calendar_token, updated_at=timezone.now())
    return user


def calendar_token_revoke(*, user: User) -> User:
    """Turn the calendar feed off: its address answers 404 until a new one is made."""
    user.calendar_token = None
    User.objects.filter(pk=user.pk).update(calendar_token=None, updated_at=timezone.now())
    return user
