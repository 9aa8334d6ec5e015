"""gunicorn settings of consultazione-wsgi.service (pages, forms, REST API, admin: the split layout).

The master process never loads Django, so its own log lines get the same JSON format here; the
workers switch to production settings' LOGGING when they load the application."""

import os

bind = os.environ.get("WSGI_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WSGI_WORKERS", "4"))  # about 2 per core
worker_class = "sync"
backlog = 2048
timeout = 60
graceful_timeout = 20
max_requests = 5000  # recycle workers now and then: no slow memory creep
max_requests_jitter = 500
forwarded_allow_ips = "127.0.0.1"
accesslog = None  # nginx writes the access log (JSON, with $request_id)
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s %(process)d",
            "rename_fields": {"levelname": "level", "name": "logger", "process": "pid"},
            "timestamp": "time",
        }
    },
    "handlers": {"json": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["json"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["json"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["json"], "level": "WARNING", "propagate": False},  # INFO to turn it on
    },
}
