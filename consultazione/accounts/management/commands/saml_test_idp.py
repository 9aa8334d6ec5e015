"""manage.py saml_test_idp: run the local SPID/CIE test IdP for development (never in production)."""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from consultazione.accounts.saml.metadata import signed_metadata
from consultazione.accounts.saml.methods import METHODS
from consultazione.accounts.saml.testidp import TestIdP, serve


class Command(BaseCommand):
    help = (
        "Run a local SPID/CIE identity provider for development: writes its metadata to "
        "SPID_IDP_METADATA_FILE and CIE_IDP_METADATA_FILE, then serves until Ctrl-C."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8088)
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The test IdP is for development only (DEBUG settings).")
        if not Path(settings.SAML_KEY_FILE).exists():
            raise CommandError(f"No SP key at {settings.SAML_KEY_FILE}: run `manage.py saml_keys` first.")
        idp = TestIdP(f"http://{options['host']}:{options['port']}", xmlsec_binary=settings.SAML_XMLSEC_BINARY)
        for path in {settings.SPID_IDP_METADATA_FILE, settings.CIE_IDP_METADATA_FILE}:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            Path(path).write_text(idp.metadata())
        for method in METHODS.values():
            idp.trust_sp(signed_metadata(method))
        server = serve(idp, options["host"], options["port"])
        self.stdout.write(f"Test IdP at {idp.base_url}/metadata (Ctrl-C to stop)")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            server.shutdown()
