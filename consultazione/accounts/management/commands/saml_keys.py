"""manage.py saml_keys: write the SP's signing key and certificate (SAML_KEY_FILE, SAML_CERT_FILE)."""

from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from consultazione.accounts.saml.keys import write_pair


class Command(BaseCommand):
    help = "Write a self-signed SAML SP key and certificate with the AgID extensions (SPID/CIE)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="overwrite an existing key")
        parser.add_argument("--locality", default="Torino", help="the body's town (certificate subject)")

    def handle(self, *args, **options):
        key_file, cert_file = Path(settings.SAML_KEY_FILE), Path(settings.SAML_CERT_FILE)
        if key_file.exists() and not options["force"]:
            raise CommandError(f"{key_file} exists: use --force to replace it (registered metadata would change).")
        entity_id = settings.SPID_SP_ENTITY_ID or f"{settings.SITE_URL.rstrip('/')}/accesso/spid/metadata/"
        write_pair(
            key_file,
            cert_file,
            common_name=urlsplit(settings.SITE_URL).hostname or "localhost",
            organization=settings.BODY_NAME,
            ipa_code=settings.BODY_IPA_CODE,
            entity_id=entity_id,
            locality=options["locality"],
        )
        self.stdout.write(f"Key: {key_file}\nCertificate: {cert_file}")
