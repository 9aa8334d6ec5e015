import rules

from .roles import Role
from .selectors import has_role, user_is_verified


@rules.predicate
def is_verified(user) -> bool:
    return user_is_verified(user)


@rules.predicate
def is_not_blocked(user) -> bool:
    return getattr(user, "is_authenticated", False) and not user.is_blocked


@rules.predicate
def is_staff_member(user) -> bool:
    return has_role(user, Role.STAFF)


@rules.predicate
def is_moderator(user) -> bool:
    return has_role(user, Role.MODERATOR) or has_role(user, Role.STAFF)


@rules.predicate
def is_facilitator(user) -> bool:
    return has_role(user, Role.FACILITATOR) or has_role(user, Role.STAFF)


@rules.predicate
def is_steering_member(user) -> bool:
    return has_role(user, Role.STEERING) or has_role(user, Role.STAFF)


is_active_citizen = rules.is_authenticated & is_verified & is_not_blocked

rules.add_perm("accounts.view_own_data", rules.is_authenticated)
rules.add_perm("accounts.delete_own_account", rules.is_authenticated)
rules.add_perm("accounts.block_user", is_staff_member)
