"""Local development: the embedded default (SQLite + in-memory channel layer)."""

from .base import *  # noqa: F403
from .base import env

DEBUG = True
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
CREATE_DEMO_ADMIN = True
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
