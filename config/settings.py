"""MentorMatch settings: one module, every value read from the environment.

See the README's table of environment variables.  Defaults give a working laptop set-up on
SQLite; production sets ``DJANGO_DEBUG=false``, ``DJANGO_SECRET_KEY``, ``DATABASE_URL`` and the
mail settings.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import dj_database_url

from config import signin as _signin_config
from config.env import ConfigurationError, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG and not env_bool("MENTORMATCH_ALLOW_INSECURE_KEY", False):
        raise ConfigurationError(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string in production, "
            "or set DJANGO_DEBUG=true for a local set-up."
        )
    SECRET_KEY = "insecure-development-key-not-for-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("MENTORMATCH_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "mentormatch.core",
    "mentormatch.home",
    "mentormatch.accounts",
    "mentormatch.audit",
    "mentormatch.directory",
    "mentormatch.questionnaire",
    "mentormatch.rounds",
    "mentormatch.matching",
    "mentormatch.mentorships",
    "mentormatch.notifications",
    "mentormatch.reports",
    "mentormatch.privacy",
    "djangosaml2",
]
# Demo data, the mail catcher and other development tools (``mentormatch_dev``): on in a
# development set-up and in the tests, never needed in production.
DEV_TOOLS = env_bool("MENTORMATCH_DEV_TOOLS", DEBUG)
if DEV_TOOLS:
    INSTALLED_APPS += ["mentormatch_dev"]

MIDDLEWARE = [
    # First: REMOTE_ADDR becomes the client's address when a trusted proxy forwards it.
    "mentormatch.accounts.client_address.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files with debug off, straight from the application server (no nginx needed).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "djangosaml2.middleware.SamlSessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "mentormatch.core.middleware.RejectNulBytesMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Signs out deactivated accounts; re-checks directory accounts (accounts/sessions.py).
    "mentormatch.accounts.sessions.AccountSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "mentormatch.core.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite by default (one command runs everything on a laptop); PostgreSQL through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0, minimum=0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web process and the task worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Tests use a file too, not Django's shared-cache in-memory database: there, concurrent
    # connections get "table is locked" at once instead of waiting, unlike any real set-up.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"mentormatch-test-{os.getpid()}.sqlite3")
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Each backend answers only when configured; see mentormatch/accounts/backends.py and the
# README section "Connecting your institution's directory".
AUTHENTICATION_BACKENDS = [
    "mentormatch.accounts.backends.DirectoryBackend",
    "mentormatch.accounts.backends.SamlBackend",
    "mentormatch.accounts.backends.LocalAccountBackend",
]
# Local passwords: for the demo and break-glass administrators; false switches them off.
MENTORMATCH_LOCAL_ACCOUNTS = env_bool("MENTORMATCH_LOCAL_ACCOUNTS", True)
MENTORMATCH_SIGNIN_THROTTLE = {
    "MAX_FAILURES_PER_ACCOUNT": env_int("MENTORMATCH_SIGNIN_MAX_FAILURES", 5, minimum=1),
    "MAX_FAILURES_PER_ADDRESS": env_int(
        "MENTORMATCH_SIGNIN_MAX_FAILURES_PER_ADDRESS", 20, minimum=1
    ),
    "LOCKOUT_MINUTES": env_int("MENTORMATCH_SIGNIN_LOCKOUT_MINUTES", 15, minimum=1),
}
# Directory accounts are read again from the directory this often: disabled people and
# removed roles take effect within it, not at the next sign-in.
MENTORMATCH_DIRECTORY_RECHECK_MINUTES = env_int(
    "MENTORMATCH_DIRECTORY_RECHECK_MINUTES", 10, minimum=1
)
# The client's address behind a reverse proxy (mentormatch/accounts/client_address.py):
# X-Forwarded-For is read only from proxies configured here, never by default.
MENTORMATCH_TRUSTED_PROXIES = _signin_config.trusted_proxies()
globals().update(_signin_config.ldap_settings())  # AUTH_LDAP_*, MENTORMATCH_LDAP
globals().update(_signin_config.saml_settings(SITE_URL))  # SAML_CONFIG, ...
SAML_SESSION_COOKIE_NAME = "saml_session"
SAML_DEFAULT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"  # no inline script
SAML_ACS_FAILURE_RESPONSE_FUNCTION = "mentormatch.accounts.views.sso_failure"
SAML_CREATE_UNKNOWN_USER = True
SAML_CSP_HANDLER = ""  # our policy below already fits the redirect binding
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Sessions and security ------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# MENTORMATCH_HTTPS=true (production behind TLS): HTTPS redirect, HSTS and secure cookies.
HTTPS = env_bool("MENTORMATCH_HTTPS", False)
SESSION_COOKIE_SECURE = env_bool("MENTORMATCH_SECURE_COOKIES", HTTPS or not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = env_int("MENTORMATCH_SESSION_SECONDS", 8 * 3600, minimum=300)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = env_int("MENTORMATCH_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("MENTORMATCH_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("MENTORMATCH_HSTS_PRELOAD", True)
if env_bool("MENTORMATCH_BEHIND_PROXY", False):
    # Only when a reverse proxy that sets X-Forwarded-Proto terminates TLS.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Content Security Policy (django-csp 4): no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# /healthz answers "ok" / "error" to everyone; the details (database, task queue) only to
# staff or to a request carrying this token (header X-Health-Token). Empty: staff only.
MENTORMATCH_HEALTH_TOKEN = env_str("MENTORMATCH_HEALTH_TOKEN")

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "static/"
# `manage.py collectstatic` copies every static file here; WhiteNoise serves them compressed,
# with a cache-forever header for the hashed names (`make serve` collects them first).
STATIC_ROOT = Path(env_str("MENTORMATCH_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "mentormatch" / "static"]
# Hashed file names (cached for ever by browsers) need the manifest that collectstatic writes:
# on with debug off (production, `make serve`), off in development and in the tests.
STATIC_MANIFEST = env_bool("MENTORMATCH_STATIC_MANIFEST", not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("MENTORMATCH_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# --- Background tasks -----------------------------------------------------------------------
# "database" (default: a worker started by `manage.py db_worker`), "redis" (several worker
# machines; REDIS_URL), or "immediate" (run inline; tests only).
TASK_BACKEND = env_str("MENTORMATCH_TASK_BACKEND", "database")
_TASK_BACKENDS = {
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
    "immediate": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "redis": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
}
if TASK_BACKEND not in _TASK_BACKENDS:
    raise ConfigurationError(
        f"MENTORMATCH_TASK_BACKEND must be one of {sorted(_TASK_BACKENDS)}, not {TASK_BACKEND!r}"
    )
TASKS = {"default": _TASK_BACKENDS[TASK_BACKEND]}
REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0")
RQ_QUEUES = {"default": {"URL": REDIS_URL}}
if TASK_BACKEND == "redis":
    # django_tasks_rq needs the django_rq app (its system check says so). Workers run
    # `manage.py rqworker --job-class django_tasks_rq.Job --with-scheduler default`
    # (the scheduler starts deferred tasks such as e-mail retries).
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("MENTORMATCH_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = env_int("EMAIL_PORT", 1025, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
DEFAULT_FROM_EMAIL = env_str("MENTORMATCH_FROM_EMAIL", "MentorMatch <mentoring@example.edu>")

# --- Programme rules ------------------------------------------------------------------------
MENTORMATCH: dict[str, Any] = {
    "SHORTLIST_SIZE": env_int("MENTORMATCH_SHORTLIST_SIZE", 3, minimum=1),
    "REQUEST_EXPIRY_DAYS": env_int("MENTORMATCH_REQUEST_EXPIRY_DAYS", 7, minimum=1),
    "REQUEST_REMINDER_DAYS": env_int("MENTORMATCH_REQUEST_REMINDER_DAYS", 3, minimum=1),
    "PROFILE_STALE_DAYS": env_int("MENTORMATCH_PROFILE_STALE_DAYS", 365, minimum=1),
    "EMAIL_MAX_ATTEMPTS": env_int("MENTORMATCH_EMAIL_MAX_ATTEMPTS", 8, minimum=1),
    "ENGINE_CACHE_DIR": env_str("MENTORMATCH_ENGINE_CACHE_DIR", str(BASE_DIR / "var" / "engine")),
}

# --- Logging --------------------------------------------------------------------------------
LOG_FORMAT = env_str("MENTORMATCH_LOG_FORMAT", "text")
if LOG_FORMAT not in ("text", "json"):
    raise ConfigurationError(f"MENTORMATCH_LOG_FORMAT must be text or json, not {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "config.logformat.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": env_str("MENTORMATCH_LOG_LEVEL", "INFO")},
    # pysaml2 and xmlschema are chatty at INFO (every assertion, every schema load).
    "loggers": {"saml2": {"level": "WARNING"}, "xmlschema": {"level": "WARNING"}},
}
