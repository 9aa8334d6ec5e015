"""System checks of the platform's own settings (run by `manage.py check`; `--deploy` for the E00x
that only matter in production)."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError

from .clientip import trusted_proxies
from .sites import is_placeholder, site_domain


@checks.register(checks.Tags.security, deploy=True)
def check_public_address(app_configs, **kwargs):
    """Emails, open-data licences and QR codes carry SITE_URL: refuse localhost or example.com."""
    errors = []
    if is_placeholder(site_domain()):
        errors.append(
            checks.Error(
                f"SITE_URL is {settings.SITE_URL!r}, not the platform's public address.",
                hint="Set SITE_URL in the environment, e.g. https://partecipa.cittametropolitana.torino.it (docs/deploy.md).",
                id="core.E001",
            )
        )
    try:
        from django.contrib.sites.models import Site

        stored = Site.objects.filter(pk=settings.SITE_ID).values_list("domain", flat=True).first()
    except DatabaseError:  # no database yet: `migrate` will write the row from SITE_URL
        stored = None
    if stored is not None and stored != site_domain():
        errors.append(
            checks.Error(
                f"The Sites framework's domain is {stored!r}, SITE_URL says {site_domain()!r}: emails would name the wrong site.",
                hint="Run `manage.py migrate` (or `manage.py seed`): both write the domain from SITE_URL.",
                id="core.E002",
            )
        )
    return errors


@checks.register(checks.Tags.security)
def check_trusted_proxies(app_configs, **kwargs):
    try:
        trusted_proxies()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), hint="Comma-separated addresses or networks (docs/deploy.md).", id="core.E003")]
    return []
