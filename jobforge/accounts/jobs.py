"""Background jobs of the accounts app (RQ): they take ids, never model instances."""


def password_reset_mail(*, user_id: str, domain: str, use_https: bool) -> None:
    from jobforge.accounts.services import password_reset_mail_send

    password_reset_mail_send(user_id=user_id, domain=domain, use_https=use_https)
