"""Product settings of the monitoring app, read with their defaults (docs/monitoring.md)."""

from django.conf import settings


def import_max_bytes() -> int:
    return int(getattr(settings, "MONITORING_IMPORT_MAX_BYTES", 5 * 1024 * 1024))


def import_max_rows() -> int:
    return int(getattr(settings, "MONITORING_IMPORT_MAX_ROWS", 5000))
