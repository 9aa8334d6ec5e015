"""Product settings of the contributions app, read with their defaults (see docs/contributions.md)."""

from datetime import timedelta

from django.conf import settings


def contribution_edit_window() -> timedelta:
    return timedelta(minutes=getattr(settings, "CONTRIBUTION_EDIT_WINDOW_MINUTES", 30))


def comment_edit_window() -> timedelta:
    return timedelta(minutes=getattr(settings, "COMMENT_EDIT_WINDOW_MINUTES", 15))


def body_max_chars() -> int:
    return getattr(settings, "CONTRIBUTION_BODY_MAX_CHARS", 5000)


def comment_max_chars() -> int:
    return getattr(settings, "COMMENT_BODY_MAX_CHARS", 2000)


def image_max_bytes() -> int:
    return getattr(settings, "CONTRIBUTION_IMAGE_MAX_MB", 10) * 1024 * 1024


def image_max_pixels() -> int:
    """Checked from the file's header, before anything is decoded (decoding costs ~30 ms and ~12 MB per MP)."""
    return int(getattr(settings, "CONTRIBUTION_IMAGE_MAX_MEGAPIXELS", 24) * 1_000_000)


def image_max_side() -> int:
    return int(getattr(settings, "CONTRIBUTION_IMAGE_MAX_SIDE", 8000))


def document_max_bytes() -> int:
    return getattr(settings, "CONTRIBUTION_DOCUMENT_MAX_MB", 10) * 1024 * 1024


def submit_rate(*, facilitated: bool = False) -> str:
    """Submissions per person per window, "events/seconds" (facilitators enter a whole table)."""
    if facilitated:
        return getattr(settings, "CONTRIBUTION_FACILITATED_SUBMIT_RATE", "200/3600")
    return getattr(settings, "CONTRIBUTION_SUBMIT_RATE", "10/3600")


def upload_rate(*, facilitated: bool = False) -> str:
    """Submissions carrying files per person per window, stored or refused (each one costs work)."""
    if facilitated:
        return getattr(settings, "CONTRIBUTION_FACILITATED_UPLOAD_RATE", "200/3600")
    return getattr(settings, "CONTRIBUTION_UPLOAD_RATE", "20/3600")


def image_megapixel_rate(*, facilitated: bool = False) -> str:
    """Megapixels of images one person may have decoded per window, "megapixels/seconds"."""
    if facilitated:
        return getattr(settings, "CONTRIBUTION_FACILITATED_IMAGE_MEGAPIXEL_RATE", "2000/3600")
    return getattr(settings, "CONTRIBUTION_IMAGE_MEGAPIXEL_RATE", "200/3600")


def comment_rate() -> str:
    return getattr(settings, "COMMENT_RATE", "20/600")


def contributions_per_page() -> int:
    return getattr(settings, "CONTRIBUTIONS_PER_PAGE", 20)


def comments_per_page() -> int:
    return getattr(settings, "COMMENTS_PER_PAGE", 20)


MAX_IMAGES = 3
MAX_DOCUMENTS = 3
IMAGE_DISPLAY_SIZE = 1600
IMAGE_THUMBNAIL_SIZE = 480
TITLE_MIN_CHARS = 8
