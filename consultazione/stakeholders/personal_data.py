"""What the stakeholders app holds about a person: their requests to represent organisations.
Registered with core.personal_data (download, erasure, profile page)."""

from django.utils.translation import gettext_lazy as _

from consultazione.core.permissions import user_may

from .models import Membership, Organisation
from .selectors import memberships_of, pending_requests_count


def export(user) -> list[dict]:
    return [
        {
            "organisation": membership.organisation.name,
            "role_title": membership.role_title,
            "status": membership.status,
            "requested_at": membership.created_at,
            "decided_at": membership.verified_at,
            "refused_reason": membership.refused_reason,
        }
        for membership in memberships_of(user).order_by("id")
    ]


def erase(user) -> None:
    """An erased account represents nobody; contributions sent on behalf keep their organisation."""
    Membership.objects.filter(user=user).delete()
    Organisation.objects.filter(proposed_by=user).update(proposed_by=None)


def profile_section(user) -> dict | None:
    """Every account sees its memberships and how to ask for one; staff also reach the queue."""
    verifies = user_may(user, "stakeholders.verify_membership")
    return {
        "title": _("Rappresentanza di organizzazioni"),
        "template": "stakeholders/profile_section.html",
        "context": {
            "memberships": list(memberships_of(user)),
            "may_request": user_may(user, "stakeholders.request_membership"),
            "verifies": verifies,
            "pending_count": pending_requests_count() if verifies else 0,
        },
    }
