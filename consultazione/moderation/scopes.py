"""Moderator scopes (axes, zones): one definition used by the rules (per item) and the queue (per query)."""

from dataclasses import dataclass

from django.db.models import Q

from consultazione.accounts.rules import is_staff_member

from .models import ModeratorScope


@dataclass(frozen=True)
class Scope:
    axis_ids: frozenset[int]
    zona_ids: frozenset[int]

    @property
    def unlimited(self) -> bool:
        return not self.axis_ids and not self.zona_ids

    def allows(self, *, axis_id: int | None, zona_id: int | None) -> bool:
        if self.axis_ids and axis_id not in self.axis_ids:
            return False
        return not (self.zona_ids and zona_id not in self.zona_ids)

    def q(self, prefix: str = "") -> Q:
        """A filter over contributions (prefix "contribution__" for comments)."""
        condition = Q()
        if self.axis_ids:
            condition &= Q(**{f"{prefix}axis_id__in": self.axis_ids})
        if self.zona_ids:
            condition &= Q(**{f"{prefix}zona_id__in": self.zona_ids})
        return condition


UNLIMITED = Scope(frozenset(), frozenset())


def moderator_scope(user) -> Scope:
    """The user's scope, cached on the instance for the request (no query per checked item)."""
    if not getattr(user, "is_authenticated", False):
        return UNLIMITED
    cached = getattr(user, "_cached_moderation_scope", None)
    if cached is None:
        if is_staff_member(user):
            cached = UNLIMITED
        else:
            rows = list(ModeratorScope.objects.filter(user=user).values_list("axis_id", "zona_id"))
            cached = Scope(frozenset(axis for axis, _zona in rows if axis), frozenset(zona for _axis, zona in rows if zona))
        user._cached_moderation_scope = cached
    return cached


def scope_forget(user) -> None:
    user.__dict__.pop("_cached_moderation_scope", None)
