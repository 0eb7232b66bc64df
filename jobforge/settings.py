"""Job Forge settings.

Configured only through environment variables (see `.env.example` and the
README). Local defaults are the embedded ones: SQLite, no Redis, the offline AI
provider. Production is `DJANGO_DEBUG=0` plus the variables the README lists.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


# --- typed environment helpers -------------------------------------------------


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}.")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {value}.")
    return value


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_rate(name: str, default: str) -> str:
    value = env_str(name, default)
    count, _, period = value.partition("/")
    if not count.isdigit() or not period or period[0] not in "smhd":
        raise ImproperlyConfigured(f"{name} must look like '20/min' or '30/hour', got {value!r}.")
    return value


# --- core ----------------------------------------------------------------------

# Off unless asked for: a deploy that forgets the variable must not serve debug pages with
# the development key. `make run`, `make test` and the other make targets turn it on.
DEBUG = env_bool("DJANGO_DEBUG", False)

_DEV_SECRET_KEY = "django-insecure-local-development-only-key-do-not-use-in-production"  # noqa: S105  (refused when DEBUG is off)
SECRET_KEY = env_str("DJANGO_SECRET_KEY") or (_DEV_SECRET_KEY if DEBUG else "")
if not DEBUG and (len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure")):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters when DJANGO_DEBUG is off "
        "(the default). For local development set DJANGO_DEBUG=1, as `make run` and `make test` do."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not DEBUG and (not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS):
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS must list the site's host names (no '*') when DJANGO_DEBUG is off."
    )
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Behind a TLS-terminating proxy, trust its X-Forwarded-Proto and X-Forwarded-For.
BEHIND_PROXY = env_bool("JOBFORGE_BEHIND_PROXY", False)

INSTALLED_APPS = [
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Third party
    "rest_framework",
    "rest_framework_simplejwt",
    "rest_framework_simplejwt.token_blacklist",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_rq",
    "django_htmx",
    "csp",
    "corsheaders",
    # Job Forge
    "jobforge.accounts",
    "jobforge.api",
    "applications",
    "documents",
    "resumes",
    "processing",
    "tracking",
    "matching",
]

MIDDLEWARE = [
    "jobforge.api.middleware.RequestIdMiddleware",
    "jobforge.api.request_limits.UrlLengthMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "jobforge.admin_csp.DjangoRQInlineMiddleware",  # after CSP's: django-rq's inline blocks by hash
    "django_htmx.middleware.HtmxMiddleware",
    "jobforge.ui.NotFoundPageMiddleware",
    "jobforge.outages.ServiceOutagePageMiddleware",
]

ROOT_URLCONF = "jobforge.urls"
WSGI_APPLICATION = "jobforge.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# --- data ----------------------------------------------------------------------

# Persistent connections in production: opening one per request costs about a fifth of a
# read on SQLite and half the throughput on PostgreSQL. Not under DEBUG: the development
# server runs each request in a new thread, which would leave one connection per request.
# Health checks replace a connection that the server closed while it sat idle.
DATABASE_CONN_MAX_AGE = env_int("DATABASE_CONN_MAX_AGE", 0 if DEBUG else 60)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=DATABASE_CONN_MAX_AGE,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # Wait for the write lock instead of failing at once when requests (or a worker
            # and the web) write at the same time.
            "timeout": 20,
            # Take the write lock when a transaction begins: a transaction that read first
            # and then writes cannot wait for the lock, SQLite fails it ("database is locked").
            "transaction_mode": "IMMEDIATE",
            # Readers do not block the writer, nor the writer the readers.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

REDIS_URL = env_str("REDIS_URL")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "jobforge",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Without Redis the queue runs each job synchronously in the web process.
RQ_QUEUES = {
    "default": (
        {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600, "CONNECTION_KWARGS": {"socket_connect_timeout": 5}}
        if REDIS_URL
        else {"HOST": "localhost", "PORT": 6379, "DB": 0, "ASYNC": False}
    ),
}
RQ = {
    "COMMIT_MODE": "auto",
    # Plain `manage.py rqworker default` uses it: it fails runs whose worker died (processing.worker).
    "WORKER_CLASS": "processing.worker.PhaseRunWorker",
}
RQ_SHOW_ADMIN_LINK = True

# --- auth ----------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "first_name", "last_name")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "jobforge.accounts.validators.CharacterClassValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

JWT_ACCESS_TOKEN_MINUTES = env_int("JWT_ACCESS_TOKEN_MINUTES", 1440, minimum=1)
JWT_REFRESH_TOKEN_DAYS = env_int("JWT_REFRESH_TOKEN_DAYS", 7, minimum=1)

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=JWT_ACCESS_TOKEN_MINUTES),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=JWT_REFRESH_TOKEN_DAYS),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": False,
    "AUTH_HEADER_TYPES": ("Bearer",),
    "USER_ID_FIELD": "id",
    "USER_ID_CLAIM": "user_id",
    "SIGNING_KEY": SECRET_KEY,
}

# --- email ---------------------------------------------------------------------

# Password-reset mail. Printed to the console unless EMAIL_URL or EMAIL_HOST is set.
_EMAIL_URL_SCHEMES = {  # scheme: (use STARTTLS, use implicit TLS, default port)
    "smtp": (False, False, 25),
    "smtp+tls": (True, False, 587),
    "submission": (True, False, 587),
    "smtps": (False, True, 465),
    "smtp+ssl": (False, True, 465),
}
EMAIL_URL = env_str("EMAIL_URL")
if EMAIL_URL:
    _email = urlsplit(EMAIL_URL)
    if _email.scheme == "console":
        EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    elif _email.scheme in _EMAIL_URL_SCHEMES and _email.hostname:
        EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        EMAIL_USE_TLS, EMAIL_USE_SSL, _default_port = _EMAIL_URL_SCHEMES[_email.scheme]
        EMAIL_HOST = _email.hostname
        try:
            EMAIL_PORT = _email.port or _default_port
        except ValueError:
            raise ImproperlyConfigured("EMAIL_URL has a port that is not a number.") from None
        EMAIL_HOST_USER = unquote(_email.username or "")
        EMAIL_HOST_PASSWORD = unquote(_email.password or "")
    else:
        raise ImproperlyConfigured(
            "EMAIL_URL must look like smtp+tls://user:password@smtp.example.com:587 "
            "(schemes: smtp, smtp+tls, smtps, console), with the password URL-encoded."
        )
elif env_str("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env_str("EMAIL_HOST")
    EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
    if EMAIL_USE_TLS and EMAIL_USE_SSL:
        raise ImproperlyConfigured(
            "Set EMAIL_USE_TLS (STARTTLS, port 587) or EMAIL_USE_SSL (port 465), not both."
        )
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# A mail server that hangs must not hold a web worker for long.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Job Forge <noreply@localhost>")
if "@" not in DEFAULT_FROM_EMAIL:
    raise ImproperlyConfigured(f"DEFAULT_FROM_EMAIL must be an email address, got {DEFAULT_FROM_EMAIL!r}.")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Links in mails and the calendar feed are absolute: the site's address as users reach it.
JOBFORGE_SITE_URL = env_str("JOBFORGE_SITE_URL", "http://localhost:8000").rstrip("/")
_site = urlsplit(JOBFORGE_SITE_URL)
if _site.scheme not in {"http", "https"} or not _site.hostname or _site.path or _site.query:
    raise ImproperlyConfigured(
        f"JOBFORGE_SITE_URL must be the site's origin, like https://jobforge.example.com, "
        f"got {JOBFORGE_SITE_URL!r}."
    )
# Seconds between two scheduled reminder runs (tracking/cron.py).
JOBFORGE_REMINDER_INTERVAL = env_int("JOBFORGE_REMINDER_INTERVAL", 300, minimum=60)
# A password-reset link works once, for this long.
PASSWORD_RESET_TIMEOUT = 3600

# --- API -----------------------------------------------------------------------

JOBFORGE_THROTTLE_AUTH = env_rate("JOBFORGE_THROTTLE_AUTH", "20/min")
JOBFORGE_THROTTLE_AI = env_rate("JOBFORGE_THROTTLE_AI", "30/hour")
JOBFORGE_THROTTLE_EXPORT = env_rate("JOBFORGE_THROTTLE_EXPORT", "30/min")
# Live preview renders of the document editor, per user.
JOBFORGE_THROTTLE_PREVIEW = env_rate("JOBFORGE_THROTTLE_PREVIEW", "60/min")
# Password-reset mails per address (the client IP is held to JOBFORGE_THROTTLE_AUTH).
JOBFORGE_THROTTLE_PASSWORD_RESET = env_rate("JOBFORGE_THROTTLE_PASSWORD_RESET", "3/hour")
# Resume file uploads per user: each is parsed in a child process of its own.
JOBFORGE_THROTTLE_UPLOAD = env_rate("JOBFORGE_THROTTLE_UPLOAD", "20/min")
JOBFORGE_THROTTLE_IMPORT = env_rate("JOBFORGE_THROTTLE_IMPORT", "30/min")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "jobforge.accounts.authentication.ActiveUserJWTAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "jobforge.api.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
        "rest_framework.parsers.FormParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "jobforge.api.pagination.EnvelopePagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "jobforge.api.errors.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # X-Forwarded-For is only trusted behind a proxy that sets it.
    "NUM_PROXIES": 1 if BEHIND_PROXY else 0,
    "DATETIME_FORMAT": "%Y-%m-%dT%H:%M:%SZ",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

# CORS for API clients on other origins (browser apps): none unless listed. Only the API
# answers them; tokens travel in the Authorization header, so no cookies are allowed.
CORS_ALLOWED_ORIGINS = env_list("JOBFORGE_CORS_ALLOWED_ORIGINS")
for _origin in CORS_ALLOWED_ORIGINS:
    _scheme, _, _rest = _origin.partition("://")
    if _scheme not in {"http", "https"} or not _rest or "/" in _rest:
        raise ImproperlyConfigured(
            "JOBFORGE_CORS_ALLOWED_ORIGINS must list origins like https://app.example.com "
            f"(scheme and host, optional port, no path), got {_origin!r}."
        )
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_HEADERS = ["accept", "authorization", "content-type", "x-request-id"]
CORS_EXPOSE_HEADERS = ["X-Request-ID", "Retry-After", "Content-Disposition"]

SPECTACULAR_SETTINGS = {
    "TITLE": "Job Forge API",
    "DESCRIPTION": (
        "Turn a job posting into a finished application: research, a tailored resume, "
        "a cover letter, and a tracker from saved to offer."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "jobforge.api.schema.page_parameter_bounds",
    ],
    "ENUM_NAME_OVERRIDES": {
        "PhaseEnum": "processing.models.PhaseRun.Phase",
        "PhaseRunStatusEnum": "processing.models.PhaseRun.Status",
        "PhaseStatusEnum": ["idle", "queued", "processing", "completed", "failed", "cancelled"],
        "ApplicationStatusEnum": "applications.models.Application.Status",
        "ApplicationStageEnum": "applications.models.Application.Stage",
        "InterviewKindEnum": "tracking.models.Interview.Kind",
        "DiffLineKindEnum": ["same", "removed", "added", "skipped"],
        "DocumentVersionSourceEnum": "documents.models.DocumentVersion.Source",
        "MatchStatusEnum": ["matched", "partial", "missing"],
    },
    # Ids in paths take any letter case (jobforge.converters); they are UUIDs all the same.
    "PATH_CONVERTER_OVERRIDES": {"uuid_anycase": {"type": "string", "format": "uuid"}},
}

# --- AI pipeline ---------------------------------------------------------------

JOBFORGE_LLM_PROVIDER = env_str("JOBFORGE_LLM_PROVIDER", "offline")
if JOBFORGE_LLM_PROVIDER not in {"offline", "anthropic", "openai"}:
    raise ImproperlyConfigured(
        f"JOBFORGE_LLM_PROVIDER must be offline, anthropic or openai, got {JOBFORGE_LLM_PROVIDER!r}."
    )
JOBFORGE_PHASE_TIMEOUT = env_int("JOBFORGE_PHASE_TIMEOUT", 300, minimum=10)
JOBFORGE_LLM_MAX_TOKENS = env_int("JOBFORGE_LLM_MAX_TOKENS", 4096, minimum=256)
# Provider calls per phase (the first plus retries of transient errors), and the first
# backoff in seconds (doubled each retry); all of it stays inside JOBFORGE_PHASE_TIMEOUT.
JOBFORGE_LLM_ATTEMPTS = env_int("JOBFORGE_LLM_ATTEMPTS", 3, minimum=1)
JOBFORGE_LLM_BACKOFF_SECONDS = env_int("JOBFORGE_LLM_BACKOFF_SECONDS", 2)
# A run whose worker went silent this long past the phase limit is failed as dead.
JOBFORGE_PHASE_GRACE = env_int("JOBFORGE_PHASE_GRACE", 60, minimum=1)

ANTHROPIC_API_KEY = env_str("ANTHROPIC_API_KEY")
ANTHROPIC_MODEL = env_str("ANTHROPIC_MODEL", "claude-sonnet-4-6")
ANTHROPIC_BASE_URL = env_str("ANTHROPIC_BASE_URL") or None
OPENAI_API_KEY = env_str("OPENAI_API_KEY")
OPENAI_MODEL = env_str("OPENAI_MODEL", "gpt-4o-mini")
OPENAI_BASE_URL = env_str("OPENAI_BASE_URL") or None

# US dollars per million tokens (input, output), for the cost estimate on each run.
JOBFORGE_LLM_PRICES = {
    "claude-sonnet-4-6": (3.00, 15.00),
    "claude-sonnet-4-5": (3.00, 15.00),
    "claude-haiku-4-5": (1.00, 5.00),
    "claude-opus-4-1": (15.00, 75.00),
    "gpt-4o": (2.50, 10.00),
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
}

# --- documents -----------------------------------------------------------------

JOBFORGE_PDF_PAGE_SIZE = env_str("JOBFORGE_PDF_PAGE_SIZE", "A4")
if JOBFORGE_PDF_PAGE_SIZE not in {"A4", "Letter"}:
    raise ImproperlyConfigured(
        f"JOBFORGE_PDF_PAGE_SIZE must be A4 or Letter, got {JOBFORGE_PDF_PAGE_SIZE!r}."
    )
# Resume uploads larger than this are refused with 413 before they are read.
JOBFORGE_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
# An uploaded resume is read in a child process with these limits (CPU seconds, memory);
# it is stopped at three times the CPU time by the clock. Past any of them the upload is a 400.
JOBFORGE_UPLOAD_PARSE_CPU_SECONDS = env_int("JOBFORGE_UPLOAD_PARSE_CPU_SECONDS", 3, minimum=1)
JOBFORGE_UPLOAD_PARSE_MEMORY_MB = env_int("JOBFORGE_UPLOAD_PARSE_MEMORY_MB", 512, minimum=128)
# Job capture: hosts (names or IP literals, as written in the link) that may be private
# addresses, for intranet job boards and tests; every other private address is refused.
JOBFORGE_IMPORT_PRIVATE_HOSTS = [host.lower() for host in env_list("JOBFORGE_IMPORT_PRIVATE_HOSTS")]
# Job capture: the most time (seconds) one import may spend fetching, redirects included.
JOBFORGE_IMPORT_TIMEOUT = env_int("JOBFORGE_IMPORT_TIMEOUT", 10, minimum=1)

# --- i18n, static --------------------------------------------------------------

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- security ------------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie.

if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("JOBFORGE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("JOBFORGE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Health checks from the load balancer come over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^health$"]
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],  # a per-request nonce, only when a page uses one
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# --- logging -------------------------------------------------------------------

LOG_LEVEL = env_str("DJANGO_LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "jobforge.api.middleware.RequestIdLogFilter"}},
    "formatters": {
        "standard": {
            "format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "standard",
            "filters": ["request_id"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        "rq.worker": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        # WeasyPrint logs every rendering step at INFO; its warnings (refused URLs) still show.
        "weasyprint.progress": {"level": "WARNING"},
    },
}

# Tests that need PostgreSQL or Redis fail instead of skipping when this is set (CI).
JOBFORGE_REQUIRE_SERVICES = env_bool("JOBFORGE_REQUIRE_SERVICES", False)
