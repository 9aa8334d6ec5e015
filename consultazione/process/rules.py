"""Predicates about the process and its active phase; other apps combine them with role predicates."""

import rules

from consultazione.accounts.rules import is_staff_member

from .selectors import phase_allows


def phase_allows_feature(feature: str):
    """A predicate over a process (or any object with a `.process`) asking the active phase."""

    @rules.predicate(name=f"phase_allows_{feature}")
    def predicate(_user, obj) -> bool:
        process = getattr(obj, "process", obj)
        return phase_allows(process, feature)

    return predicate


rules.add_perm("process.change_process", is_staff_member)
