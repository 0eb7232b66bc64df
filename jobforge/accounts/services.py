"""Accounts: registration, credentials, and the JWT token lifecycle."""

from django.contrib.auth import authenticate, password_validation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from jobforge.accounts.models import User
from jobforge.errors import AuthenticationError, Duplicate, ValidationFailed

INVALID_CREDENTIALS = "Invalid email or password."
INVALID_REFRESH = "Refresh token is invalid, expired or already used."


def _normalize_email(email: str) -> str:
    return User.objects.normalize_email(email.strip()).lower()


def password_check(*, password: str, user: User) -> None:
    """Django's validators plus ours; a weak password is a 400 naming the rule."""
    try:
        password_validation.validate_password(password, user=user)
    except DjangoValidationError as exc:
        raise ValidationFailed("Invalid input data", details={"password": list(exc.messages)}) from None


def user_register(*, email: str, password: str, first_name: str = "", last_name: str = "") -> User:
    """Create an active user. Emails are unique case-insensitively (409 on a second one)."""
    email = _normalize_email(email)
    user = User(email=email, first_name=first_name.strip(), last_name=last_name.strip())
    password_check(password=password, user=user)
    if User.objects.filter(email__iexact=email).exists():
        raise Duplicate(
            "An account with this email already exists.", details={"email": ["Already registered."]}
        )
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        # A concurrent registration won the race for the same email.
        raise Duplicate(
            "An account with this email already exists.", details={"email": ["Already registered."]}
        ) from None
    return user


def user_authenticate(*, email: str, password: str) -> User:
    """The same error for an unknown email and a wrong password, so accounts cannot be probed."""
    user = authenticate(username=_normalize_email(email), password=password)
    if user is None or not user.is_active:
        raise AuthenticationError(INVALID_CREDENTIALS)
    return user


def user_update(*, user: User, first_name: str, last_name: str, email: str) -> User:
    email = _normalize_email(email)
    if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        raise Duplicate(
            "An account with this email already exists.", details={"email": ["Already registered."]}
        )
    user.first_name, user.last_name, user.email = first_name.strip(), last_name.strip(), email
    user.save(update_fields=["first_name", "last_name", "email", "updated_at"])
    return user


def user_change_password(*, user: User, current_password: str, new_password: str) -> User:
    if not user.check_password(current_password):
        raise ValidationFailed(
            "Invalid input data", details={"current_password": ["Your current password is incorrect."]}
        )
    password_check(password=new_password, user=user)
    user.set_password(new_password)
    user.save(update_fields=["password", "updated_at"])
    tokens_revoke_all(user=user)
    return user


def user_deactivate(*, user: User) -> None:
    """Deactivate and kill every refresh token; access tokens die on their next use."""
    user.is_active = False
    user.save(update_fields=["is_active", "updated_at"])
    tokens_revoke_all(user=user)


def tokens_issue(*, user: User) -> dict:
    refresh = RefreshToken.for_user(user)  # recorded as an OutstandingToken
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
        if user is None or not user.is_active:
            raise AuthenticationError(INVALID_REFRESH)
        return tokens_issue(user=user)


def tokens_refresh_for_user(*, user: User) -> dict:
    """The Bearer-access variant of refresh: a still-valid access token gets a new pair."""
    return tokens_issue(user=user)


def token_revoke(*, user: User, raw_refresh: str) -> None:
    token = _refresh_token_parse(raw_refresh)
    if str(token.get(jwt_settings.USER_ID_CLAIM)) != str(user.pk):
        raise AuthenticationError(INVALID_REFRESH)
    with transaction.atomic():
        _refresh_token_spend(token)


def tokens_revoke_all(*, user: User) -> None:
    outstanding = OutstandingToken.objects.filter(user=user).exclude(blacklistedtoken__isnull=False)
    BlacklistedToken.objects.bulk_create(
        [BlacklistedToken(token=token) for token in outstanding], ignore_conflicts=True
    )
