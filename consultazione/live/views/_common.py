"""Helpers shared by the live views: find the session of a URL, refuse politely."""

from functools import wraps

from django.shortcuts import render
from django.utils.translation import gettext as _

from ..forms import JoinForm
from ..selectors import session_by_code


def not_found(request, code: str = ""):
    """The friendly page for a code that matches no session (a mistyped code is the usual cause)."""
    message = _("Nessuna sessione corrisponde al codice «%(code)s». Controlla il codice sullo schermo.") % {"code": code}
    context = {"form": JoinForm(initial={"code": code}), "message": message}
    return render(request, "live/join.html", context, status=404)


def with_session(view):
    """Resolve `code` into a session; an unknown code gets the friendly page instead of a bare 404."""

    @wraps(view)
    def wrapped(request, code: str, *args, **kwargs):
        session = session_by_code(code)
        if session is None:
            return not_found(request, code)
        return view(request, session, *args, **kwargs)

    return wrapped
