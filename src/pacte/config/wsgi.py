"""WSGI entry point (gunicorn pacte.config.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pacte.config.settings")
application = get_wsgi_application()
