"""Bridge from DRF to the django-rules permissions used by services and templates."""

from rest_framework.permissions import BasePermission


def rule_permission(perm: str, *, object_level: bool = True):
    """A DRF permission class that asks `user.has_perm(perm, obj)`: one rule everywhere."""

    class RulePermission(BasePermission):
        def has_permission(self, request, view):
            return object_level or request.user.has_perm(perm)

        def has_object_permission(self, request, view, obj):
            return request.user.has_perm(perm, obj)

    RulePermission.__name__ = f"RulePermission[{perm}]"
    return RulePermission
