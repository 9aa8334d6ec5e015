"""Bridge from DRF to the django-rules permissions used by services and templates."""

from rest_framework.permissions import BasePermission, IsAuthenticated

from consultazione.core.permissions import user_may


def rule_permission(perm: str, *, object_level: bool = True):
    """A DRF permission class that asks `user_may(user, perm, obj)`: one rule everywhere."""

    class RulePermission(BasePermission):
        def has_permission(self, request, view):
            return object_level or user_may(request.user, perm)

        def has_object_permission(self, request, view, obj):
            return user_may(request.user, perm, obj)

    RulePermission.__name__ = f"RulePermission[{perm}]"
    return RulePermission


def signed_in_with(perm: str) -> list:
    """`get_permissions()` of a view for signed-in people holding a rule (checked without an object)."""
    return [IsAuthenticated(), rule_permission(perm, object_level=False)()]
