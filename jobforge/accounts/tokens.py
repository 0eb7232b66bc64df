"""The token version claim: every JWT carries the user's `token_version` at issue time."""

TOKEN_VERSION_CLAIM = "tv"  # noqa: S105  (a claim name, not a secret)


def token_is_current(token, *, user) -> bool:
    """True while the user has not ended their tokens since this one was issued.

    Tokens from before the claim existed count as version 0, so they live until the
    user's first logout or password change.
    """
    return token.get(TOKEN_VERSION_CLAIM, 0) == user.token_version
