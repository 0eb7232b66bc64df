from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import AuthenticationFailed

from jobforge.accounts.tokens import token_is_current


class ActiveUserJWTAuthentication(JWTAuthentication):
    """JWT auth that refuses a deactivated user's tokens, and tokens issued before the
    user's last logout or password change, on the next request (no query beyond the user)."""

    def get_user(self, validated_token):
        user = super().get_user(validated_token)
        if not user.is_active:
            raise AuthenticationFailed("This account is deactivated.", code="user_inactive")
        if not token_is_current(validated_token, user=user):
            raise AuthenticationFailed("This token has been revoked.", code="token_revoked")
        return user
