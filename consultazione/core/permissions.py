"""One way to ask for a permission inside services: the django-rules predicates in each app."""

from typing import Any

from django.utils.translation import gettext as _

from .exceptions import PermissionDenied


def check_perm(user: Any, perm: str, obj: Any = None, *, message: str | None = None) -> None:
    if user is None or not user.has_perm(perm, obj):
        raise PermissionDenied(message or _("Non hai il permesso di eseguire questa operazione."))
