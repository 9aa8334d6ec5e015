"""The public address of the platform, from settings: SITE_URL (and PLATFORM_NAME for the name).

Django's Sites framework starts with a row "example.com", and allauth writes its name and domain
into every email ("[example.com] Conferma il tuo indirizzo…"). `site_sync()` makes that row say
what the settings say; it runs after every `migrate` (post_migrate) and in `seed`. The deploy
check `core.E001`/`core.E002` (core/checks.py) refuses a placeholder address.
"""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connections

# Names that can never be a public platform's address: loopback, the Sites framework's default,
# and the domains and top-level names reserved for examples and tests (RFC 2606, RFC 6761).
_PLACEHOLDER_DOMAINS = ("example.com", "example.org", "example.net")
_PLACEHOLDER_TLDS = (".localhost", ".test", ".example", ".invalid", ".local")


def site_domain() -> str:
    """The host (and port, if any) of SITE_URL: "partecipa.cittametropolitana.torino.it"."""
    return urlsplit(settings.SITE_URL).netloc.rpartition("@")[2]


def absolute_url(path: str) -> str:
    """`path` on the public address: the links in emails and calendar files."""
    return settings.SITE_URL.rstrip("/") + path


def site_name() -> str:
    return settings.PLATFORM_NAME


def is_placeholder(domain: str) -> bool:
    host = urlsplit(f"//{domain}").hostname or ""
    if not host or host == "localhost" or host.endswith(_PLACEHOLDER_TLDS):
        return True
    if any(host == name or host.endswith("." + name) for name in _PLACEHOLDER_DOMAINS):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def site_sync(*, using: str = "default") -> None:
    """Make the Sites framework's current row carry SITE_URL's domain and the platform name."""
    from django.contrib.sites.models import Site

    Site.objects.using(using).update_or_create(pk=settings.SITE_ID, defaults={"domain": site_domain(), "name": site_name()[:50]})


def site_sync_after_migrate(sender, using: str = "default", **kwargs) -> None:
    """post_migrate receiver (core's AppConfig.ready): runs after the sites app made its default row."""
    from django.contrib.sites.models import Site

    if Site._meta.db_table in connections[using].introspection.table_names():
        site_sync(using=using)
