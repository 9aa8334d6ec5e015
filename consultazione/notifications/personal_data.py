"""What this app holds about a person: export (GDPR art. 15/20), erasure, profile section."""

from typing import Any

from django.utils.translation import gettext as _

from .forms import PreferencesForm
from .models import Follow, Notification, Preference
from .selectors import follows_of, preferences_of

PROFILE_LIMIT = 10


def export(user) -> dict[str, Any]:
    return {
        "preferences": preferences_of(user),
        "follows": [
            {"contribution": follow.contribution.reference, "following": follow.active, "since": follow.created_at}
            for follow in Follow.objects.filter(user=user).select_related("contribution").order_by("pk")
        ],
        "notifications": [
            {
                "kind": n.kind,
                "delivery": n.delivery,
                "contribution": n.contribution.reference,
                "state": n.state,
                "at": n.created_at,
            }
            for n in Notification.objects.filter(recipient=user).select_related("contribution")
        ],
    }


def erase(user) -> None:
    Notification.objects.filter(recipient=user).delete()
    Follow.objects.filter(user=user).delete()
    Preference.objects.filter(user=user).delete()


def profile_section(user) -> dict[str, Any] | None:
    follows = follows_of(user)
    return {
        "title": _("Notifiche"),
        "template": "notifications/profile_section.html",
        "context": {
            "form": PreferencesForm(initial=preferences_of(user)),
            "follows": list(follows[:PROFILE_LIMIT]),
            "follow_total": follows.count(),
        },
    }
