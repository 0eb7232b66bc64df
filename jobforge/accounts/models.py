import uuid

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils.crypto import salted_hmac


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        # Emails are case-insensitive logins.
        return self.get(email__iexact=username)

    def create_user(self, email, password=None, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra_fields)


class DocumentTemplate(models.TextChoices):
    CLASSIC = "classic", "Classic (one column)"
    MODERN = "modern", "Modern"


class PageSize(models.TextChoices):
    A4 = "a4", "A4"
    LETTER = "letter", "Letter"


class User(AbstractBaseUser, PermissionsMixin):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField(max_length=254, unique=True)
    first_name = models.CharField(max_length=150, blank=True)
    last_name = models.CharField(max_length=150, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    # Carried in every JWT as the `tv` claim and mixed into the session hash: raising it
    # ends every token and session of the user at once (logout, password change).
    token_version = models.PositiveIntegerField(default=0, editable=False)
    # The private calendar feed's secret (SPEC §12); empty until the feed is first shown,
    # replaced to revoke the old address.
    calendar_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # Export defaults (SPEC §13): the document layout and the paper size. An empty page
    # size means the server's `JOBFORGE_PDF_PAGE_SIZE`.
    document_template = models.CharField(
        max_length=16, choices=DocumentTemplate.choices, default=DocumentTemplate.CLASSIC
    )
    page_size = models.CharField(max_length=8, choices=PageSize.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def export_page_size(self) -> str:
        """The paper size of the user's exports: theirs, else the server's JOBFORGE_PDF_PAGE_SIZE."""
        return self.page_size or settings.JOBFORGE_PDF_PAGE_SIZE.lower()

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.first_name or self.email

    def _get_session_auth_hash(self, secret=None):
        # Django's hash covers the password; the token version makes "log out everywhere"
        # end sessions too. Version 0 keeps Django's own hash, so no session ends on deploy.
        if not self.token_version:
            return super()._get_session_auth_hash(secret=secret)
        key_salt = "jobforge.accounts.User.get_session_auth_hash"
        value = f"{self.password}:{self.token_version}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()
