"""Production: every secret and host from the environment; refuses to start without them."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, SAML_SILENT_LOGGERS, env, env_bool, postgresql_pool

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("dev-only"):
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of at least 50 characters.")
if not os.environ.get("ALLOWED_HOSTS"):
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set (comma-separated host names).")
if not os.environ.get("SITE_URL"):
    # Links and the site's name in every email come from it; `check --deploy` also refuses a
    # placeholder such as http://localhost or example.com (consultazione/core/checks.py).
    raise ImproperlyConfigured("SITE_URL must be set to the platform's public address (https://…).")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
CREATE_DEMO_ADMIN = False

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}

# One JSON object per line on stderr (journald / the container runtime ships it), every line of a
# request tagged with its request id (set by the proxy as X-Request-ID, or made here).
MIDDLEWARE = ["consultazione.core.logging.RequestIdMiddleware", *MIDDLEWARE]
LOG_LEVEL = env("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "consultazione.core.logging.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s %(process)d",
            "rename_fields": {"levelname": "level", "name": "logger", "process": "pid"},
            "timestamp": "time",
        },
    },
    "handlers": {"json": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["request_id"]}},
    "root": {"handlers": ["json"], "level": LOG_LEVEL},
    "loggers": {
        # Replace Django's default handlers (console when DEBUG, mail to ADMINS): everything goes to JSON.
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": env("TASKS_LOG_LEVEL", "INFO")},
        **SAML_SILENT_LOGGERS,
        # The servers' own loggers, reconfigured when Django starts inside them.
        "uvicorn": {"handlers": ["json"], "level": LOG_LEVEL, "propagate": False},
        "uvicorn.access": {"handlers": ["json"], "level": LOG_LEVEL, "propagate": False},
        "gunicorn.error": {"handlers": ["json"], "level": LOG_LEVEL, "propagate": False},
        # gunicorn.access is left to deploy/gunicorn.conf.py (off: nginx writes the access log).
    },
}

# PostgreSQL behind ASGI: connections from a pool (DB_POOL=0 turns it off, e.g. behind PgBouncer).
postgresql_pool(DATABASES, env_bool("DB_POOL", True), env)
