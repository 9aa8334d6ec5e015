"""The SP metadata, signed: pysaml2 writes the SAML core, this adds what the AgID profiles ask."""

from django.conf import settings
from saml2 import ExtensionElement, md
from saml2.metadata import entity_descriptor, sign_entity_descriptor
from saml2.saml import NAME_FORMAT_BASIC
from saml2.sigver import security_context
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from ..models import SignInMethod
from .config import cache_key, sp_config
from .methods import Method


def _contact(method: Method) -> md.ContactPerson:
    """AgID's ContactPerson for a public body: IPA code and «Public» (SPID: contactType other);
    CIE adds the comune's ISTAT code (contactType administrative)."""

    def element(tag: str, text: str = "") -> ExtensionElement:
        return ExtensionElement(tag, namespace=method.extensions_ns, text=text or None)

    children = [element("IPACode", settings.BODY_IPA_CODE)]
    if method.key == SignInMethod.CIE:
        children.append(element("Municipality", settings.CIE_MUNICIPALITY_CODE))
    children.append(element("Public"))
    contact = md.ContactPerson(
        contact_type=method.contact_type,
        extensions=md.Extensions(extension_elements=children),
        email_address=[md.EmailAddress(text=settings.SAML_CONTACT_EMAIL)],
    )
    if method.key == SignInMethod.CIE:
        contact.company = md.Company(text=settings.BODY_NAME)
    if settings.SAML_CONTACT_PHONE:
        contact.telephone_number = [md.TelephoneNumber(text=settings.SAML_CONTACT_PHONE)]
    return contact


_signed: dict[tuple, bytes] = {}


def signed_metadata(method: Method) -> bytes:
    """The signed XML, kept per process until a setting it depends on changes (signing runs xmlsec)."""
    key = (
        cache_key(method),
        settings.PLATFORM_NAME,
        settings.BODY_NAME,
        settings.BODY_URL,
        settings.BODY_IPA_CODE,
        settings.SAML_CONTACT_EMAIL,
        settings.SAML_CONTACT_PHONE,
        settings.CIE_MUNICIPALITY_CODE,
    )
    if key not in _signed:
        if len(_signed) > 8:
            _signed.clear()
        _signed[key] = _sign(method)
    return _signed[key]


def _sign(method: Method) -> bytes:
    config = sp_config(method)
    descriptor = entity_descriptor(config)
    sp = descriptor.spsso_descriptor
    sp.authn_requests_signed = "true"
    sp.want_assertions_signed = "true"
    for index, service in enumerate(sp.assertion_consumer_service):
        service.index = str(index)
        service.is_default = "true" if index == 0 else None
    # AgID attribute names as they are (pysaml2 would map name/email to their LDAP URNs).
    sp.attribute_consuming_service = [
        md.AttributeConsumingService(
            index="0",
            service_name=[md.ServiceName(text=settings.PLATFORM_NAME, lang="it")],
            requested_attribute=[md.RequestedAttribute(name=name, name_format=NAME_FORMAT_BASIC) for name in method.attributes],
        )
    ]
    descriptor.extensions = None  # pysaml2's list of every algorithm it knows, md5 included
    descriptor.contact_person = [_contact(method)]
    descriptor.namespaces = {method.extensions_prefix: method.extensions_ns}
    security = security_context(config)
    _signed, xml = sign_entity_descriptor(descriptor, None, security, sign_alg=SIG_RSA_SHA256, digest_alg=DIGEST_SHA256)
    return xml.encode() if isinstance(xml, str) else xml
