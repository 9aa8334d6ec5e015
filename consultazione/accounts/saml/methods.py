"""The sign-in methods as data: what differs between SPID and CIE is described here, once."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..models import SignInMethod

SPID_EXTENSIONS_NS = "https://spid.gov.it/saml-extensions"
CIE_EXTENSIONS_NS = "https://www.cartaidentita.interno.gov.it/saml-extensions"


@dataclass(frozen=True)
class Method:
    key: str
    label: str
    button_label: str
    #: names of the settings holding: on/off, the SP entity id, the IdP metadata file
    enabled_setting: str
    entity_id_setting: str
    idp_metadata_setting: str
    #: AgID attribute names asked for (AttributeConsumingService index 0); the first is the subject
    attributes: tuple[str, ...]
    #: the metadata's ContactPerson: its type and the namespace of its Extensions
    contact_type: str
    extensions_ns: str
    extensions_prefix: str

    @property
    def enabled(self) -> bool:
        return bool(getattr(settings, self.enabled_setting, False))

    @property
    def entity_id(self) -> str:
        """The setting, or by default the metadata's own address under SITE_URL."""
        return getattr(settings, self.entity_id_setting, "") or self.url("metadata")

    def url(self, name: str) -> str:
        """Absolute address of one of this method's endpoints (metadata, acs, slo)."""
        return settings.SITE_URL.rstrip("/") + reverse(f"saml:{name}", kwargs={"method": self.key})

    @property
    def idp_metadata_file(self) -> str:
        return getattr(settings, self.idp_metadata_setting)


METHODS: dict[str, Method] = {
    SignInMethod.SPID: Method(
        key=SignInMethod.SPID,
        label="SPID",
        button_label=_("Entra con SPID"),
        enabled_setting="SPID_ENABLED",
        entity_id_setting="SPID_SP_ENTITY_ID",
        idp_metadata_setting="SPID_IDP_METADATA_FILE",
        attributes=("fiscalNumber", "name", "familyName", "email"),
        contact_type="other",
        extensions_ns=SPID_EXTENSIONS_NS,
        extensions_prefix="spid",
    ),
    SignInMethod.CIE: Method(
        key=SignInMethod.CIE,
        label="CIE",
        button_label=_("Entra con CIE"),
        enabled_setting="CIE_ENABLED",
        entity_id_setting="CIE_SP_ENTITY_ID",
        idp_metadata_setting="CIE_IDP_METADATA_FILE",
        attributes=("fiscalNumber", "name", "familyName"),
        contact_type="administrative",
        extensions_ns=CIE_EXTENSIONS_NS,
        extensions_prefix="cie",
    ),
}


def enabled_methods() -> list[Method]:
    return [method for method in METHODS.values() if method.enabled]


def method_or_none(key: str) -> Method | None:
    method = METHODS.get(key)
    return method if method is not None and method.enabled else None


def authn_context(level: int) -> str:
    """The AgID class reference of a SPID level (CIE uses the same three)."""
    return f"https://www.spid.gov.it/SpidL{level}"


def level_of(class_ref: str | None) -> int:
    """1, 2 or 3 for an AgID class reference; 0 for anything else."""
    prefix = "https://www.spid.gov.it/SpidL"
    if class_ref and class_ref.startswith(prefix) and class_ref[len(prefix) :] in {"1", "2", "3"}:
        return int(class_ref[len(prefix) :])
    return 0
