"""Turn a refused permission into the specific reason, using the very predicates of rules.py."""

from collections.abc import Callable, Sequence
from typing import Any

from django.utils.translation import gettext as _

from consultazione.core.exceptions import DomainError, PermissionDenied

Reason = tuple[Any, Callable[[], DomainError]]


def require(user: Any, perm: str, obj: Any, reasons: Sequence[Reason]) -> None:
    """Raise the first failing reason's exception when `user` lacks `perm` on `obj`.

    `reasons` pairs a django-rules predicate with the exception that explains it; the
    permission itself stays the only authority (a generic refusal when no reason matches).
    """
    if user is not None and user.has_perm(perm, obj):
        return
    for predicate, make_error in reasons:
        if not predicate.test(user, obj):
            raise make_error()
    raise PermissionDenied(_("Non hai il permesso di eseguire questa operazione."))
