"""A local SPID/CIE identity provider for development and the tests (never for production).

pysaml2's IdP classes in a small WSGI app: it reads the signed AuthnRequest, shows a form with the
identity to send (fiscal code, name, family name, email, level) and posts a signed response to the
SP's ACS. `manage.py saml_test_idp` runs it for development; the tests start it on a free port.
`response()` also builds deliberately bad answers (wrong signature, expired, wrong audience).
"""

import base64
import html
import tempfile
import threading
from pathlib import Path
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import saml2
from saml2 import saml
from saml2.config import IdPConfig
from saml2.metadata import entity_descriptor
from saml2.s_utils import rndstr
from saml2.saml import NAME_FORMAT_BASIC, NAMEID_FORMAT_TRANSIENT
from saml2.server import Server
from saml2.sigver import pre_signature_part, security_context, signed_instance_factory
from saml2.time_util import in_a_while
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from .keys import write_pair

DEFAULT_PERSON = {
    "fiscalNumber": "TINIT-RSSMRA80A01L219M",
    "name": "Maria",
    "familyName": "Rossi",
    "email": "maria.rossi@example.org",
}


class TestIdP:
    def __init__(self, base_url: str, *, directory: str | None = None, xmlsec_binary: str = "/usr/bin/xmlsec1"):
        self.base_url = base_url.rstrip("/")
        self.directory = Path(directory or tempfile.mkdtemp(prefix="saml-test-idp-"))
        self.xmlsec_binary = xmlsec_binary
        self.key_file, self.cert_file = self.directory / "idp.key", self.directory / "idp.crt"
        self.forger_key, self.forger_cert = self.directory / "forger.key", self.directory / "forger.crt"
        subject = {"common_name": "localhost", "organization": "IdP di prova", "ipa_code": "test", "locality": "Torino"}
        write_pair(self.key_file, self.cert_file, entity_id=self.entity_id, bits=2048, **subject)
        write_pair(self.forger_key, self.forger_cert, entity_id=self.entity_id, bits=2048, **subject)
        self.sp_metadata: list[str] = []
        self.server = self._server(self.key_file, self.cert_file)

    @property
    def entity_id(self) -> str:
        return f"{self.base_url}/metadata"

    def _config(self, key_file, cert_file) -> IdPConfig:
        config = IdPConfig()
        config.load(
            {
                "entityid": self.entity_id,
                "xmlsec_binary": self.xmlsec_binary,
                "key_file": str(key_file),
                "cert_file": str(cert_file),
                "metadata": {"inline": list(self.sp_metadata)},
                "organization": {
                    "name": [("IdP di prova", "it")],
                    "display_name": [("IdP di prova", "it")],
                    "url": [(self.base_url, "it")],
                },
                "service": {
                    "idp": {
                        "name": "IdP di prova",
                        "endpoints": {
                            "single_sign_on_service": [(f"{self.base_url}/sso", saml2.BINDING_HTTP_POST)],
                            "single_logout_service": [(f"{self.base_url}/slo", saml2.BINDING_HTTP_POST)],
                        },
                        "name_id_format": [NAMEID_FORMAT_TRANSIENT],
                        "want_authn_requests_signed": True,
                        "signing_algorithm": SIG_RSA_SHA256,
                        "digest_algorithm": DIGEST_SHA256,
                    }
                },
            }
        )
        return config

    def _server(self, key_file, cert_file) -> Server:
        return Server(config=self._config(key_file, cert_file))

    def metadata(self) -> str:
        """The IdP's metadata (for the SP's SPID_IDP_METADATA_FILE / CIE_IDP_METADATA_FILE)."""
        return str(entity_descriptor(self._config(self.key_file, self.cert_file)))

    def trust_sp(self, metadata_xml: bytes | str) -> None:
        """Load an SP's metadata (its ACS and its signing certificate)."""
        self.sp_metadata.append(metadata_xml.decode() if isinstance(metadata_xml, bytes) else metadata_xml)
        self.server = self._server(self.key_file, self.cert_file)

    # --- building responses --------------------------------------------------------------------

    def parse_request(self, saml_request: str):
        """The AuthnRequest (pysaml2 checks its signature against the SP's metadata)."""
        return self.server.parse_authn_request(saml_request, saml2.BINDING_HTTP_POST).message

    def acs_of(self, request) -> str:
        if request.assertion_consumer_service_url:
            return request.assertion_consumer_service_url
        index = request.assertion_consumer_service_index or "0"
        for service in self.server.metadata.assertion_consumer_service(request.issuer.text, saml2.BINDING_HTTP_POST):
            if service.get("index", "0") == index:
                return service["location"]
        raise ValueError("unknown ACS")

    def response(
        self,
        request,
        person: dict | None = None,
        *,
        level: int = 2,
        audience: str | None = None,
        expired: bool = False,
        forged: bool = False,
    ) -> str:
        """A base64 SAMLResponse answering `request`, the assertion and the response signed."""
        person = {**DEFAULT_PERSON, **(person or {})}
        sp_entity_id = request.issuer.text
        destination = self.acs_of(request)
        name_id = saml.NameID(format=NAMEID_FORMAT_TRANSIENT, name_qualifier=self.entity_id, text=rndstr(24))
        response = self.server.create_authn_response(
            {},
            in_response_to=request.id,
            destination=destination,
            sp_entity_id=sp_entity_id,
            name_id=name_id,
            authn={"class_ref": f"https://www.spid.gov.it/SpidL{level}", "authn_auth": self.entity_id},
            sign_assertion=False,
            sign_response=False,
        )
        if isinstance(response, str):
            response = saml2.samlp.response_from_string(response)
        assertion = response.assertion
        assertion.attribute_statement = [
            saml.AttributeStatement(
                attribute=[
                    saml.Attribute(
                        name=name,
                        name_format=NAME_FORMAT_BASIC,
                        attribute_value=[saml.AttributeValue(text=value)],
                    )
                    for name, value in person.items()
                    if value
                ]
            )
        ]
        if audience:
            assertion.conditions.audience_restriction[0].audience[0].text = audience
        if expired:
            past = in_a_while(minutes=-30)
            assertion.conditions.not_on_or_after = past
            for confirmation in assertion.subject.subject_confirmation:
                confirmation.subject_confirmation_data.not_on_or_after = past
        security = security_context(
            self._config(self.forger_key if forged else self.key_file, self.forger_cert if forged else self.cert_file)
        )
        assertion.signature = pre_signature_part(
            assertion.id, security.my_cert, 1, sign_alg=SIG_RSA_SHA256, digest_alg=DIGEST_SHA256
        )
        response.signature = pre_signature_part(
            response.id, security.my_cert, 2, sign_alg=SIG_RSA_SHA256, digest_alg=DIGEST_SHA256
        )
        signed = signed_instance_factory(
            response, security, [(saml2.class_name(assertion), assertion.id), (saml2.class_name(response), response.id)]
        )
        return base64.b64encode(str(signed).encode()).decode()

    # --- the WSGI app --------------------------------------------------------------------------

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == "/metadata":
            start_response("200 OK", [("Content-Type", "application/samlmetadata+xml")])
            return [self.metadata().encode()]
        if path in {"/sso", "/sso/consent"} and environ["REQUEST_METHOD"] == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            form = {key: values[0] for key, values in parse_qs(environ["wsgi.input"].read(length).decode()).items()}
            try:
                request = self.parse_request(form.get("SAMLRequest", ""))
            except Exception as exc:  # shown to the developer
                return self._page(start_response, "400 Bad Request", f"<p>Richiesta non valida: {html.escape(str(exc))}</p>")
            if path == "/sso":
                return self._page(start_response, "200 OK", self._consent_form(form["SAMLRequest"], request))
            person = {name: form.get(name, "") for name in DEFAULT_PERSON}
            saml_response = self.response(request, person, level=int(form.get("level", "2")))
            body = (
                f'<form method="post" action="{html.escape(self.acs_of(request))}">'
                f'<input type="hidden" name="SAMLResponse" value="{saml_response}">'
                "<p>Identità pronta per il service provider.</p>"
                '<button type="submit" id="send">Torna al servizio</button></form>'
            )
            return self._page(start_response, "200 OK", body)
        return self._page(start_response, "404 Not Found", "<p>Non trovato.</p>")

    def _consent_form(self, saml_request: str, request) -> str:
        fields = "".join(
            f'<p><label>{name} <input name="{name}" value="{html.escape(value)}"></label></p>'
            for name, value in DEFAULT_PERSON.items()
        )
        return (
            f"<p>Richiesta da <code>{html.escape(request.issuer.text)}</code>.</p>"
            f'<form method="post" action="{self.base_url}/sso/consent">'
            f'<input type="hidden" name="SAMLRequest" value="{html.escape(saml_request)}">{fields}'
            '<p><label>livello <select name="level">'
            "<option>1</option><option selected>2</option><option>3</option></select></label></p>"
            '<button type="submit" id="authorize">Autorizza</button></form>'
        )

    def _page(self, start_response, status, body):
        start_response(status, [("Content-Type", "text/html; charset=utf-8")])
        page = (
            '<!doctype html><html lang="it"><head><meta charset="utf-8"><link rel="icon" href="data:,">'
            f"<title>IdP di prova</title></head><body><h1>IdP di prova (solo sviluppo)</h1>{body}</body></html>"
        )
        return [page.encode()]


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class _ThreadingServer(WSGIServer):
    daemon_threads = True


def serve(idp: TestIdP, host: str, port: int) -> WSGIServer:
    """Start the IdP in a daemon thread; `server.shutdown()` stops it."""
    server = make_server(host, port, idp, server_class=_ThreadingServer, handler_class=_QuietHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


__all__ = ["DEFAULT_PERSON", "TestIdP", "serve"]
