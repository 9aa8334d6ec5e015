"""One way to ask for a permission: the django-rules predicates in each app.

Django answers `user.has_perm()` with True for every active superuser before any rule is read.
That is wrong for the permissions registered here with `add_rule_only_perm` (author-only actions:
editing, withdrawing, deleting one's own words; the moderators' audited netiquette edit): for
those, django-rules alone answers, whoever asks. `user_may` is the helper services, views, the API
and templates use; `User.has_perm` routes these permissions through it as well, so Django's admin
and the `{% has_perm %}` tag cannot take the shortcut either.
"""

from typing import Any

import rules
from django.utils.translation import gettext as _

from .exceptions import PermissionDenied

_RULE_ONLY: set[str] = set()


def add_rule_only_perm(name: str, predicate) -> None:
    """Register a django-rules permission that no superuser status bypasses."""
    rules.add_perm(name, predicate)
    _RULE_ONLY.add(name)


def is_rule_only(perm: str) -> bool:
    return perm in _RULE_ONLY


def rule_allows(user: Any, perm: str, obj: Any = None) -> bool:
    """Ask the rule itself (no superuser shortcut, no model permissions from groups)."""
    return user is not None and bool(rules.has_perm(perm, user, obj))


def user_may(user: Any, perm: str, obj: Any = None) -> bool:
    if user is None:
        return False
    if perm in _RULE_ONLY:
        return rule_allows(user, perm, obj)
    return user.has_perm(perm, obj)


def check_perm(user: Any, perm: str, obj: Any = None, *, message: str | None = None) -> None:
    if not user_may(user, perm, obj):
        raise PermissionDenied(message or _("Non hai il permesso di eseguire questa operazione."))
