from allauth.account.models import EmailAddress

from .models import ExternalIdentity
from .roles import Role


def user_is_verified(user) -> bool:
    """True when the account's email is confirmed or a SPID/CIE identity is linked (the IdP
    identified the person). Cached on the instance for the request."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_cached_is_verified", None)
    if cached is None:
        cached = (
            EmailAddress.objects.filter(user=user, verified=True).exists() or ExternalIdentity.objects.filter(user=user).exists()
        )
        user._cached_is_verified = cached
    return cached


def user_roles(user) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_cached_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = {role.value for role in Role if role.value in names}
        if user.is_superuser:
            cached.add(Role.STAFF.value)
        user._cached_roles = cached
    return cached


def has_role(user, role: Role | str) -> bool:
    return str(role) in user_roles(user)
