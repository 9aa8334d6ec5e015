"""What the meetings app holds about a person, for their data download and account erasure."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Attendance, Registration
from .selectors import registrations_of_user


def _own(user):
    condition = Q(user=user)
    if user.email:
        condition |= Q(email__iexact=user.email)
    return Registration.objects.filter(condition, anonymised_at__isnull=True)


def registrations_export(user) -> list[dict]:
    rows = _own(user).select_related("meeting", "category", "comune").prefetch_related("attendances")
    return [
        {
            "meeting": r.meeting.title,
            "meeting_starts_at": r.meeting.starts_at,
            "first_name": r.first_name,
            "last_name": r.last_name,
            "email": r.email,
            "organisation": r.organisation_name,
            "category": r.category.label if r.category else "",
            "comune": r.comune.name if r.comune else "",
            "status": r.status,
            "registered_at": r.created_at,
            "attended": bool(r.attendances.all()),
        }
        for r in rows
    ]


@transaction.atomic
def registrations_erase(user) -> None:
    """Anonymise: names, email, organisation and comune go; status, category and presence stay for the counts."""
    _own(user).update(
        first_name="",
        last_name="",
        email="",
        organisation_name="",
        comune=None,
        user=None,
        anonymised_at=timezone.now(),
    )
    Attendance.objects.filter(user=user).update(user=None)


def registrations_profile_section(user) -> dict | None:
    registrations = list(registrations_of_user(user)[:20])
    if not registrations:
        return None
    return {
        "title": _("I miei incontri"),
        "template": "meetings/profile_section.html",
        "context": {"registrations": registrations, "now": timezone.now()},
    }
