"""Reads: who follows what, and how a person wants each kind of event delivered."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef

from consultazione.core import pagecache

from .kinds import DEFAULT_DELIVERY, EventKind
from .models import Follow, Preference


def is_following(user, contribution) -> bool:
    """Whether the person follows the contribution, read once per version of their own state,
    the contribution's and the site's (a follow moves the first — notifications/apps.py; a merge
    moves followers and both contributions)."""
    if not getattr(user, "is_authenticated", False) or contribution is None:
        return False

    def read():
        return Follow.objects.filter(user=user, contribution=contribution, active=True).exists()

    return pagecache.person_memo("following", user.pk, [pagecache.contribution(contribution.reference)], read, contribution.pk)


def follows_of(user):
    return Follow.objects.filter(user=user, active=True).select_related("contribution").order_by("-created_at")


def follower_ids(contribution) -> set[int]:
    return set(Follow.objects.filter(contribution=contribution, active=True).values_list("user_id", flat=True))


def preferences_of(user) -> dict[str, str]:
    """Every kind with its delivery (the default where the person chose nothing)."""
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, str(DEFAULT_DELIVERY)) for kind in EventKind.values}


def deliveries_for(user_ids, kind: str) -> dict[int, str]:
    chosen = dict(Preference.objects.filter(user_id__in=user_ids, kind=kind).values_list("user_id", "delivery"))
    return {user_id: chosen.get(user_id, str(DEFAULT_DELIVERY)) for user_id in user_ids}


def reachable(user_ids) -> set[int]:
    """The people among these who can receive email: active, not deleted, address confirmed."""
    if not user_ids:
        return set()
    verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    people = get_user_model().objects.filter(pk__in=user_ids, is_active=True, deleted_at__isnull=True)
    return set(people.filter(Exists(verified)).values_list("pk", flat=True))
