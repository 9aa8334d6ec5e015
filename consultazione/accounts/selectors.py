from allauth.account.models import EmailAddress
from django.contrib.auth.backends import ModelBackend

from consultazione.core import pagecache

from .models import ExternalIdentity
from .roles import Role


def _read_roles(user) -> frozenset[str]:
    return frozenset(user.groups.values_list("name", flat=True))


def _read_verified(user) -> bool:
    return EmailAddress.objects.filter(user=user, verified=True).exists() or ExternalIdentity.objects.filter(user=user).exists()


def _read_permissions(user) -> tuple[frozenset[str], frozenset[str]]:
    model_backend = ModelBackend()  # Django's own reading of permissions (superusers: all)
    return frozenset(model_backend.get_user_permissions(user)), frozenset(model_backend.get_group_permissions(user))


_READERS = {"roles": _read_roles, "verified": _read_verified, "permissions": _read_permissions}


def principal(user, part: str):
    """What the rules ask about a signed-in person on every page — their group names (`roles`), a
    verified email or SPID/CIE identity (`verified`), Django permissions (`permissions`: the
    user's and their groups') — each read once per change (`AUTH`'s version moves when a role, a
    permission, an email address or an identity is saved or removed: accounts/apps.py) and kept
    on the instance for the request. The active and superuser flags come from the row loaded for
    this request, and are part of the key."""
    known = getattr(user, "_principal", None)  # getattr: request.user is a lazy proxy of the row
    if known is None:
        known = user._principal = {}
    if part not in known:
        known[part] = pagecache.memo(
            f"principal-{part}", [pagecache.AUTH], lambda: _READERS[part](user), user.pk, user.is_active, user.is_superuser
        )
    return known[part]


def forget_principal(user) -> None:
    """After a change to the person's roles in this request (the cache follows on commit)."""
    for name in ("_principal", "_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        if hasattr(user, name):
            delattr(user, name)


def user_is_verified(user) -> bool:
    """True when the account's email is confirmed or a SPID/CIE identity is linked (the IdP
    identified the person)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return principal(user, "verified")


def user_roles(user) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    names = principal(user, "roles")
    roles = {role.value for role in Role if role.value in names}
    if user.is_superuser:
        roles.add(Role.STAFF.value)
    return roles


def has_role(user, role: Role | str) -> bool:
    return str(role) in user_roles(user)
