"""Product settings of the moderation app, read with their defaults (docs/moderation.md)."""

from django.conf import settings


def netiquette_url() -> str:
    return getattr(settings, "MODERATION_NETIQUETTE_URL", "/netiquette/")
