"""The profile's "Accesso con SPID e CIE" section: linked methods and the buttons to link the others."""

from django.utils.translation import gettext as _

from ..models import ExternalIdentity
from .methods import METHODS, enabled_methods


def profile_section(user):
    enabled = enabled_methods()
    linked = dict(ExternalIdentity.objects.filter(user=user).values_list("method", "linked_at"))
    if not enabled and not linked:
        return None
    return {
        "title": _("Accesso con SPID e CIE"),
        "template": "saml/profile_section.html",
        "context": {
            "linked": [(METHODS[key], linked_at) for key, linked_at in sorted(linked.items())],
            "linked_keys": list(linked),
            "can_link": any(method.key not in linked for method in enabled),
        },
    }
