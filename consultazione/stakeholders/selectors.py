from django.db.models import QuerySet

from .models import Membership, Organisation


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
