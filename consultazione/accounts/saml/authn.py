"""The signed AuthnRequest (AgID profile) and the check of the IdP's response.

pysaml2 checks the XML signature against the IdP's certificate in the metadata file, the audience,
the validity window, the recipient and InResponseTo (only requests this site made and has not yet
seen answered); on top of that this module checks what the AgID profile adds (the IdP answering is
the one asked, the SPID level, the fiscal code) and refuses an assertion seen before.
"""

import base64
import logging
from collections.abc import Mapping
from dataclasses import dataclass

import saml2
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _
from djangosaml2.cache import IdentityCache, StateCache
from djangosaml2.overrides import Saml2Client
from saml2.response import StatusError, UnsolicitedResponse
from saml2.saml import NAMEID_FORMAT_ENTITY, NAMEID_FORMAT_TRANSIENT, AuthnContextClassRef, Issuer
from saml2.samlp import NameIDPolicy, RequestedAuthnContext, response_from_string
from saml2.sigver import SignatureError
from saml2.validate import ResponseLifetimeExceed, ToEarly, validate_on_or_after
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from .config import ACCEPTED_TIME_DIFF, sp_config
from .identity import fiscal_code_hash, normalised_fiscal_code
from .methods import Method, authn_context, level_of
from .profile_checks import profile_problem

logger = logging.getLogger(__name__)

#: how long a request may wait for its answer, and an answered assertion id is remembered
REQUEST_TTL = 15 * 60
_REQUEST_KEY = "saml:request:{}"
_ASSERTION_KEY = "saml:assertion:{}:{}"


class SamlRejected(Exception):
    """The response cannot sign anyone in; `message` is what the person reads."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class Identity:
    method: str
    subject_hash: str
    first_name: str
    last_name: str
    email: str
    level: int
    request: dict


def _client(method: Method) -> Saml2Client:
    # Throwaway caches: the identity lives in our session, never in pysaml2's process memory.
    return Saml2Client(sp_config(method), state_cache=StateCache({}), identity_cache=IdentityCache({}))


def identity_providers(method: Method) -> list[tuple[str, str]]:
    """(entity id, display name) of every IdP in the method's metadata file, by name."""
    metadata = sp_config(method).metadata
    providers = []
    for entity_id in metadata.with_descriptor("idpsso"):
        names = metadata.name(entity_id, langpref="it") or entity_id
        providers.append((entity_id, names))
    return sorted(providers, key=lambda item: item[1].lower())


def authn_request(method: Method, *, idp: str, level: int, state: dict) -> tuple[str, str, str]:
    """(request id, IdP address, base64 AuthnRequest for HTTP-POST); remembered for REQUEST_TTL."""
    client = _client(method)
    locations = client.metadata.single_sign_on_service(idp, saml2.BINDING_HTTP_POST)
    if not locations:
        raise SamlRejected(_("Il gestore di identità scelto non è disponibile."))
    destination = locations[0]["location"]
    request_id, request = client.create_authn_request(
        destination,
        binding=saml2.BINDING_HTTP_POST,
        sign=False,
        requested_authn_context=RequestedAuthnContext(
            authn_context_class_ref=[AuthnContextClassRef(text=authn_context(level))], comparison="minimum"
        ),
        force_authn="true" if level > 1 else None,
        assertion_consumer_service_index="0",
        attribute_consuming_service_index="0",
        issuer=Issuer(text=client.config.entityid, format=NAMEID_FORMAT_ENTITY, name_qualifier=client.config.entityid),
        name_id_policy=NameIDPolicy(format=NAMEID_FORMAT_TRANSIENT),
    )
    # AssertionConsumerServiceIndex and ProtocolBinding are exclusive (SAML core 3.4.1).
    request.protocol_binding = None
    signed = client.sign(request, sign_alg=SIG_RSA_SHA256, digest_alg=DIGEST_SHA256)
    cache.set(
        _REQUEST_KEY.format(request_id),
        {**state, "id": request_id, "issued": request.issue_instant, "method": method.key, "idp": idp, "level": level},
        REQUEST_TTL,
    )
    return request_id, destination, base64.b64encode(signed.encode()).decode()


class _Outstanding(Mapping):
    """pysaml2's «outstanding queries», read from the shared cache (a response may reach any worker)."""

    def __getitem__(self, request_id):
        value = cache.get(_REQUEST_KEY.format(request_id)) if isinstance(request_id, str) else None
        if value is None:
            raise KeyError(request_id)
        return value

    def __iter__(self):
        return iter(())

    def __len__(self):
        return 0

    def __bool__(self):  # pysaml2 replaces a falsy mapping with {}
        return True

    def __contains__(self, request_id):
        try:
            self[request_id]
        except KeyError:
            return False
        return True


_EXPIRED = _("La risposta del gestore di identità è scaduta: riprova ad accedere.")

_REJECTIONS = (
    (
        UnsolicitedResponse,
        _("Questa risposta è già stata usata o non risponde a una richiesta di questo sito: riprova ad accedere."),
    ),
    (SignatureError, _("La firma della risposta del gestore di identità non è valida.")),
    (ResponseLifetimeExceed, _EXPIRED),
    (ToEarly, _("La risposta del gestore di identità non è ancora valida: controlla l'ora del dispositivo e riprova.")),
    (StatusError, _("Il gestore di identità non ha autenticato l'accesso.")),
)


def _expired(saml_response: str) -> bool:
    """Whether a refused response carries a validity that has already ended (only to choose the
    message: pysaml2 reports an expired assertion as a failed condition)."""
    try:
        response = response_from_string(base64.b64decode(saml_response))
        limits = [
            value
            for assertion in response.assertion
            for value in [
                assertion.conditions.not_on_or_after if assertion.conditions else None,
                *(
                    c.subject_confirmation_data.not_on_or_after
                    for c in assertion.subject.subject_confirmation
                    if c.subject_confirmation_data
                ),
            ]
            if value
        ]
        for limit in limits:
            validate_on_or_after(limit, ACCEPTED_TIME_DIFF)
    except ResponseLifetimeExceed:
        return True
    except Exception:  # unreadable: not "expired", another message applies
        return False
    return False


def _first(ava: dict, name: str) -> str:
    values = ava.get(name) or []
    return str(values[0]).strip() if values else ""


def check_response(method: Method, saml_response: str) -> Identity:
    """The identity in a base64 SAMLResponse posted to the ACS, or SamlRejected."""
    client = _client(method)
    try:
        response = client.parse_authn_request_response(saml_response, saml2.BINDING_HTTP_POST, _Outstanding())
    except Exception as exc:  # pysaml2 also raises bare Exception (audience): every error refuses
        logger.info("SAML response refused: %s", type(exc).__name__)  # never the document: personal data
        if _expired(saml_response):
            raise SamlRejected(_EXPIRED) from None
        for kind, message in _REJECTIONS:
            if isinstance(exc, kind):
                raise SamlRejected(message) from None
        raise SamlRejected(_("La risposta del gestore di identità non è valida per questo sito.")) from None
    if response is None or response.assertion is None:
        raise SamlRejected(_("La risposta del gestore di identità non è valida per questo sito."))
    # One answer per request: a second post of the same response finds no request left.
    key = _REQUEST_KEY.format(response.in_response_to)
    request = cache.get(key)
    if request is None or not cache.delete(key):
        raise SamlRejected(_("Questa risposta è già stata usata: riprova ad accedere."))
    return _identity(method, response, request)


def _identity(method: Method, response, request: dict) -> Identity:
    if request.get("method") != method.key or response.issuer() != request.get("idp"):
        raise SamlRejected(_("La risposta non viene dal gestore di identità scelto."))
    if problem := profile_problem(response.response, response.assertion, request=request, acs_url=method.url("acs")):
        logger.info("SAML response refused by the AgID profile: %s", problem)
        raise SamlRejected(_("La risposta del gestore di identità non rispetta le regole SPID/CIE."))
    assertion = response.assertion
    # The same assertion is never accepted twice, even for another request.
    if not cache.add(_ASSERTION_KEY.format(method.key, assertion.id), True, REQUEST_TTL + ACCEPTED_TIME_DIFF):
        raise SamlRejected(_("Questa risposta è già stata usata: riprova ad accedere."))
    levels = [
        level_of(statement.authn_context.authn_context_class_ref.text)
        for statement in assertion.authn_statement
        if statement.authn_context is not None and statement.authn_context.authn_context_class_ref is not None
    ]
    level = max(levels, default=0)
    if level < request["level"]:
        raise SamlRejected(_("Il livello di sicurezza dell'accesso è inferiore a quello richiesto."))
    ava = response.get_identity()
    code = normalised_fiscal_code(_first(ava, "fiscalNumber"))
    if code is None:
        raise SamlRejected(_("Il gestore di identità non ha fornito il codice fiscale."))
    return Identity(
        method=method.key,
        subject_hash=fiscal_code_hash(code),
        first_name=_first(ava, "name")[:150],
        last_name=_first(ava, "familyName")[:150],
        email=_first(ava, "email").lower()[:254],
        level=level,
        request=request,
    )
