"""{% saml_sign_in %}: the "Entra con SPID" / "Entra con CIE" buttons of the enabled methods."""

from django import template

from ..saml.authn import identity_providers
from ..saml.methods import enabled_methods

register = template.Library()


@register.inclusion_tag("saml/buttons.html")
def saml_sign_in(next_url: str = "", link: bool = False, exclude=()):
    """`exclude`: method keys not to offer (on the profile, those already linked)."""
    methods = [
        {"method": method, "providers": identity_providers(method)} for method in enabled_methods() if method.key not in exclude
    ]
    return {"methods": methods, "next_url": next_url, "link": link}
