"""Pacte settings, driven by environment variables (see docs/configuration.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy as _

from pacte.config.env import (
    ConfigurationError,
    env_bool,
    env_int,
    env_list,
    env_map,
    env_str,
)

SRC_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = SRC_DIR.parent.parent
VAR_DIR = Path(env_str("PACTE_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("PACTE_DEBUG", default=False)
SECRET_KEY = env_str("PACTE_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and env_bool("PACTE_REQUIRE_SECRET", default=False):
        raise ConfigurationError("PACTE_SECRET_KEY must be set in production")
    SECRET_KEY = "pacte-insecure-development-key-change-me"  # noqa: S105

ALLOWED_HOSTS = env_list("PACTE_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("PACTE_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "pacte.core",
    "pacte.business_calendar",
    "pacte.customers",
    "pacte.commitments",
    "pacte.cases",
    "pacte.telephony",
    "pacte.intake",
    "pacte.mail",
    "pacte.complaints",
    "pacte.contracts",
    "pacte.operations",
    "pacte.access",
    "pacte.compliance",
    "pacte.nonconformities",
    "pacte.evidence",
    "pacte.workspace",
    "pacte.portal",
    "pacte.api",
    "pacte.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "pacte.config.middleware.StorableInputMiddleware",
]

ROOT_URLCONF = "pacte.config.urls"
WSGI_APPLICATION = "pacte.config.wsgi.application"

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
            ],
        },
    },
]


def _database() -> dict[str, Any]:
    url = env_str("DATABASE_URL", "")
    if url:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
        if config["ENGINE"] == "django.db.backends.postgresql":
            config["CONN_HEALTH_CHECKS"] = True
            # The test database is named after the configured one, so that two checkouts
            # pointed at different databases never share a test database.
            test_name = env_str("PACTE_TEST_DB_NAME", f"test_{config['NAME']}")
            config.setdefault("TEST", {})["NAME"] = test_name
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": env_str("PACTE_SQLITE_PATH", str(VAR_DIR / "pacte.sqlite3")),
        "OPTIONS": {
            # WAL lets readers run beside the writer; IMMEDIATE takes the write lock at
            # BEGIN so two processes never deadlock upgrading a read lock.
            "transaction_mode": "IMMEDIATE",
            "timeout": env_int("PACTE_SQLITE_TIMEOUT", 20),
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA foreign_keys=ON; PRAGMA cache_size=-64000;"
            ),
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The clocks' month index stores due_at/met_at as non-key columns (INCLUDE) so that
# PostgreSQL answers a month's verdicts from the index alone; SQLite builds the same
# index without them, which is all W040 says (docs/scale.md).
SILENCED_SYSTEM_CHECKS = ["models.W040"]
AUTH_USER_MODEL = "core.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = env_str("PACTE_LANGUAGE", "fr")
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = env_str("PACTE_TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("PACTE_STATIC_ROOT", str(VAR_DIR / "staticfiles")))
STATICFILES_DIRS = [SRC_DIR / "static"]
MEDIA_ROOT = Path(env_str("PACTE_MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.CursorPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "pacte.api.common.errors.exception_handler",
    "DEFAULT_PARSER_CLASSES": [
        "pacte.api.common.parsers.JSONParser",
        "pacte.api.common.parsers.FormParser",
        "pacte.api.common.parsers.MultiPartParser",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Pacte API",
    "DESCRIPTION": "Cases, clocks and events of a customer-relationship centre.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Served from our static files (pacte.api.common.docs); no online validator badge.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    # One name per choice set that several fields use (a case's and a line's status).
    "ENUM_NAME_OVERRIDES": {
        "LineStatusEnum": "pacte.customers.models.LineStatus",
        "CaseStatusEnum": "pacte.cases.models.CaseStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "pacte.api.common.schema.document_body_refusals",
    ],
}

TASKS = {
    "default": {
        "BACKEND": env_str("PACTE_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("PACTE_LOG_LEVEL", "INFO")},
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("PACTE_SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Business rules that are configuration rather than scheme data.
PACTE_DEFAULT_CALENDAR = env_str("PACTE_DEFAULT_CALENDAR", "FR")
PACTE_QUEUE_PAGE_SIZE = env_int("PACTE_QUEUE_PAGE_SIZE", 50)
# Team code that receives cases customers file themselves (API / portal); empty: refused.
PACTE_WEB_INTAKE_TEAM = env_str("PACTE_WEB_INTAKE_TEAM", "")
# Largest request body read into memory (files are uploaded apart): a batch of 1,000 ACD
# events with full data fits; a larger body is a 413 on the API, a 400 page elsewhere.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("PACTE_MAX_BODY_BYTES", 5 * 1024 * 1024)
# Largest attachment accepted (email, portal, letter scans), in bytes.
PACTE_ATTACHMENT_MAX_BYTES = env_int("PACTE_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
# Hours a visitor has to follow the portal form's email verification link.
PACTE_WEB_VERIFY_HOURS = env_int("PACTE_WEB_VERIFY_HOURS", 72)
# Minutes a customer's emailed login link works; links sent to one address per hour.
PACTE_LOGIN_LINK_MINUTES = env_int("PACTE_LOGIN_LINK_MINUTES", 30)
PACTE_LOGIN_LINK_PER_HOUR = env_int("PACTE_LOGIN_LINK_PER_HOUR", 3)
# Oldest date of receipt the mail room may stamp on a letter, in days (docs/intake.md).
PACTE_LETTER_MAX_AGE_DAYS = env_int("PACTE_LETTER_MAX_AGE_DAYS", 60)
# How far back a quality manager may date a change of a fact that decides a clock, in days.
PACTE_FACT_BACKDATE_DAYS = env_int("PACTE_FACT_BACKDATE_DAYS", 92)

# Email out (docs/email.md): Django's SMTP backend and Pacte's threading domain.
EMAIL_BACKEND = env_str("PACTE_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
# Where the file email backend writes (the demo's outgoing mail).
EMAIL_FILE_PATH = env_str("PACTE_EMAIL_FILE_PATH", str(VAR_DIR / "outbox"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "service-client@pacte.localhost")
# Domain of the Message-IDs Pacte writes; attempts and first retry delay of a message.
PACTE_MAIL_DOMAIN = env_str("PACTE_MAIL_DOMAIN", "pacte.localhost")
PACTE_MAIL_MAX_ATTEMPTS = env_int("PACTE_MAIL_MAX_ATTEMPTS", 8)
PACTE_MAIL_RETRY_SECONDS = env_int("PACTE_MAIL_RETRY_SECONDS", 60)
# Dialled number → telephony service (customer, distributor, directory) of incoming calls.
PACTE_TELEPHONY_SERVICE_NUMBERS = env_map("PACTE_TELEPHONY_SERVICE_NUMBERS", {"222": "directory"})
