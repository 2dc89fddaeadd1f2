"""Samordna's one settings module: everything comes from environment variables.

Every variable is documented in README.md ("Inställningar / Settings") and
checked by the system checks in ``samordna.core.checks``.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from samordna.lib.env import env_bool, env_float, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent.parent

DEBUG = env_bool("DEBUG", default=False)

DATA_DIR = Path(env_str("DATA_DIR") or PROJECT_DIR / "var")

_DEVELOPMENT_SECRET_KEY = "development-only-secret-key-never-used-in-production"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY") or ""
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = _DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

DATABASE_URL = env_str("DATABASE_URL") or ""
if not DATABASE_URL:
    # The embedded default: an SQLite file in DATA_DIR, created on first use.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASE_URL = f"sqlite:///{DATA_DIR / 'samordna.sqlite3'}"
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL could not be read: {exc}") from exc

INSTALLED_APPS = [
    # Samordna's core first: its registration/ templates replace the admin's.
    "samordna.core",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "ninja",
    "samordna.accounts",
    "samordna.audit",
    "samordna.statistics",
    "samordna.needs",
    "samordna.insights",
    "samordna.board",
    "samordna.assignments",
    "django_tasks",
    "django_tasks_db",
    "samordna.jobs",
]

# The job queue (ADR 0016): Django's tasks API (the django-tasks backport) on the
# database backend, so `make demo` runs jobs with no extra service; `samordna jobs work`
# is the worker and the scheduler.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
JOB_ATTEMPTS = env_int("JOB_ATTEMPTS", 4)  # a failing run is tried this many times in all
JOB_BACKOFF_SECONDS = env_int("JOB_BACKOFF_SECONDS", 60)  # doubled after each failure
JOB_LEASE_SECONDS = env_int("JOB_LEASE_SECONDS", 900)  # a run silent longer is taken as lost
# Modules of a deployment's own jobs, imported when the app is ready (each registers its jobs).
JOB_MODULES = env_list("JOB_MODULES", [])

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samordna.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "samordna.core.hostile.HostileInputMiddleware",
    "samordna.audit.middleware.AuditActorMiddleware",
    "samordna.core.middleware.SecurityHeadersMiddleware",
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # Static files from STATIC_ROOT (filled by collectstatic); runserver serves them in DEBUG.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "samordna.urls"
WSGI_APPLICATION = "samordna.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samordna.core.context_processors.shell",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3

# Login throttling (django-axes): a username from one address is locked out
# after LOGIN_FAILURE_LIMIT failed attempts for LOGIN_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
# Wrong API tokens from one IP address within the same cool-off time (Django's cache counts
# them: per process with the default cache — see docs/security.md).
API_TOKEN_FAILURE_LIMIT = env_int("API_TOKEN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The login form posts the e-mail address in the field "username".
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False

LANGUAGE_CODE = env_str("LANGUAGE_CODE") or "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE") or "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = DATA_DIR / "media"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

EMAIL_BACKEND = env_str("EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env_str("EMAIL_HOST") or "localhost"
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL") or "samordna@localhost"
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Cookies and headers. Secure-only cookies, HSTS and the HTTPS redirect follow
# DEBUG: on in production, off on a developer's plain-HTTP runserver.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 10
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
if env_bool("TRUST_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A refused or missing page is logged as one line, without a traceback.
    "filters": {"client_errors": {"()": "samordna.core.logs.ClientErrorsOnOneLine"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["client_errors"]},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL") or "INFO"},
    # The queue's worker says every task it starts and ends; our jobs log their own lines.
    "loggers": {
        "axes": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
    },
}

# The largest API request body, in bytes; a larger one is answered 413 before it is read.
API_MAX_BODY = env_int("API_MAX_BODY", 1024 * 1024)

# Public statistics sources (samordna.sources). Answers are cached under DATA_DIR/cache.
KOLADA_URL = env_str("KOLADA_URL") or "https://api.kolada.se/v3"
PXWEB_SCB_URL = env_str("PXWEB_SCB_URL") or "https://statistikdatabasen.scb.se/api/v2"
SOURCES_RATE = env_float("SOURCES_RATE", 5)  # requests per second, at most
SOURCES_TIMEOUT = env_float("SOURCES_TIMEOUT", 30)  # seconds per call
SOURCES_RETRIES = env_int("SOURCES_RETRIES", 5)
SOURCES_BACKOFF = env_float("SOURCES_BACKOFF", 0.5)  # seconds, doubled per retry
SOURCES_CACHE_HOURS = env_float("SOURCES_CACHE_HOURS", 24)

# Assignments and the board: progress reports are due this many days before each
# board meeting; `samordna send_reminders` warns this many days ahead of a due date.
REPORT_DAYS_BEFORE_MEETING = env_int("REPORT_DAYS_BEFORE_MEETING", 14)
REMINDER_DAYS_AHEAD = env_int("REMINDER_DAYS_AHEAD", 5)
SITE_URL = env_str("SITE_URL") or "http://127.0.0.1:8000"
