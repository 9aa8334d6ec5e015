"""Settings of the reports app, each with its default (read with getattr so none is required)."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def body_name() -> str:
    return settings.BODY_NAME


def open_data_licence() -> str:
    return getattr(settings, "OPEN_DATA_LICENCE", "CC-BY-4.0")


def open_data_max_age() -> int:
    """Seconds an open-data package is served before a request rebuilds it."""
    return int(getattr(settings, "REPORTS_OPEN_DATA_MAX_AGE", 3600))


def export_rate() -> str:
    """Staff exports one person may start per window, "events/seconds" (each build takes a worker)."""
    return getattr(settings, "REPORTS_EXPORT_RATE", "12/3600")


def dashboard_cache_seconds() -> int:
    return int(getattr(settings, "REPORTS_DASHBOARD_CACHE_SECONDS", 60))


def site_url() -> str:
    return settings.SITE_URL.rstrip("/")


def contact_email() -> str:
    return getattr(settings, "OPEN_DATA_CONTACT_EMAIL", settings.DEFAULT_FROM_EMAIL)


def publisher_id() -> str:
    """The body's code in the Indice PA (IPA): dct:identifier of the publisher (dcatapit:Agent)."""
    return getattr(settings, "BODY_IPA_CODE", "cmto")


def private_root() -> Path:
    """Where exports are written: outside MEDIA_ROOT, so no URL serves them without a permission check."""
    configured = getattr(settings, "REPORTS_PRIVATE_ROOT", None)
    if configured:
        return Path(configured)
    media = Path(settings.MEDIA_ROOT)
    return media.with_name(f"{media.name}-private")


def private_storage() -> FileSystemStorage:
    return FileSystemStorage(location=private_root(), file_permissions_mode=0o640)
