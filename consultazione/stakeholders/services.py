from django.db import transaction
from django.utils import timezone

from consultazione.core.permissions import check_perm

from .models import Category, Membership, Organisation

CATEGORIES = [
    ("sindacati", "Sindacati", False),
    ("datoriali", "Associazioni datoriali", False),
    ("artigianato", "Artigianato", False),
    ("agricoltura", "Agricoltura", False),
    ("cooperazione", "Cooperazione", False),
    ("camere_commercio", "Camere di commercio", False),
    ("enti_locali", "Enti locali", True),
    ("universita_ricerca", "Università e ricerca", True),
    ("fondazioni", "Fondazioni", False),
    ("altri", "Altri", False),
]


@transaction.atomic
def categories_load() -> int:
    for position, (code, label, institutional) in enumerate(CATEGORIES):
        Category.objects.update_or_create(
            code=code, defaults={"label": label, "is_institutional": institutional, "position": position}
        )
    return len(CATEGORIES)


@transaction.atomic
def membership_request(*, user, organisation: Organisation, role_title: str = "") -> Membership:
    membership, _created = Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role_title": role_title}
    )
    return membership


@transaction.atomic
def membership_verify(*, actor, membership: Membership, approve: bool = True) -> Membership:
    check_perm(actor, "stakeholders.verify_membership")
    membership.status = Membership.Status.VERIFIED if approve else Membership.Status.REJECTED
    membership.verified_at = timezone.now()
    membership.verified_by = actor
    membership.save(update_fields=["status", "verified_at", "verified_by", "updated_at"])
    return membership
