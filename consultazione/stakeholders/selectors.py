from django.db.models import Q, QuerySet

from .models import Membership, Organisation

SEARCH_MIN_LENGTH = 2
SEARCH_LIMIT = 20


def organisations_represented_by(user) -> QuerySet[Organisation]:
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user, memberships__status=Membership.Status.VERIFIED).select_related(
        "category"
    )


def user_represents(user, organisation: Organisation) -> bool:
    return organisations_represented_by(user).filter(pk=organisation.pk).exists()


def user_is_representative(user) -> bool:
    return organisations_represented_by(user).exists()


def q_visible_organisations(user) -> Q:
    """Organisations a person may find and ask to represent: every organisation entered by staff or
    already verified; one proposed in a request and not yet verified only by the person who proposed
    it (somebody else's unverified proposal is not public)."""
    visible = Q(verified=True) | Q(proposed_by__isnull=True)
    if getattr(user, "is_authenticated", False):
        visible |= Q(proposed_by=user)
    return visible


def organisations_visible_to(user) -> QuerySet[Organisation]:
    return Organisation.objects.filter(q_visible_organisations(user))


def organisations_search(*, user, query: str, limit: int = SEARCH_LIMIT) -> list[Organisation]:
    """By a part of the name, or by the exact IPA code or partita IVA; at most `limit` results."""
    query = " ".join((query or "").split())
    if len(query) < SEARCH_MIN_LENGTH:
        return []
    match = Q(name__icontains=query) | Q(ipa_code=query.lower()) | Q(vat_number=query.upper().removeprefix("IT"))
    found = organisations_visible_to(user).filter(match).select_related("category", "comune")
    return list(found.order_by("name")[:limit])


def memberships_of(user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organisation__category", "organisation__comune")


def membership_queue(*, status: str | None = Membership.Status.PENDING, query: str = "") -> QuerySet[Membership]:
    """The staff queue: oldest request first; `query` matches the organisation (name, IPA code,
    partita IVA) or the person (pseudonym, email)."""
    memberships = Membership.objects.select_related(
        "user", "verified_by", "organisation__category", "organisation__comune", "organisation__proposed_by"
    )
    if status:
        memberships = memberships.filter(status=status)
    query = " ".join((query or "").split())
    if query:
        memberships = memberships.filter(
            Q(organisation__name__icontains=query)
            | Q(organisation__ipa_code=query.lower())
            | Q(organisation__vat_number=query.upper().removeprefix("IT"))
            | Q(user__pseudonym__icontains=query)
            | Q(user__email__iexact=query)
        )
    return memberships.order_by("created_at", "pk")


def pending_requests_count() -> int:
    return Membership.objects.filter(status=Membership.Status.PENDING).count()
