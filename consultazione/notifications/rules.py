"""Who may change notification preferences: each person their own (staff included)."""

import rules

from consultazione.core.permissions import add_rule_only_perm


@rules.predicate
def is_self(user, person) -> bool:
    return person is not None and user.pk == person.pk


add_rule_only_perm("notifications.change_preference", rules.is_authenticated & is_self)
