"""WSGI entry point (for a split deployment where pages go through a WSGI server)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consultazione.settings.dev")
application = get_wsgi_application()
