"""Who a session belongs to, with their account row read once per change of it.

Django's `auth.get_user` reads the session, asks the backend that signed the person in for their
row (`User._default_manager.get(pk=…)`: one query on every signed-in request) and checks the
session against the password. `AuthenticationMiddleware` here runs that same function unchanged —
every check is Django's — and only lets the row come from the fragments store (each worker's
memory, never shared): kept per version of the person's scope, which moves when their row is
saved or deleted (accounts/apps.py: a new pseudonym, a password, a deactivation, a login), and of
the site's, which moves on every deploy and on a block. A row read elsewhere always comes from the
database: the memo answers only the lookup `auth.get_user` makes, while it makes it.
"""

from contextvars import ContextVar

from django.contrib import auth
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthenticationMiddleware
from django.utils.functional import SimpleLazyObject

from consultazione.core import pagecache

_looking_up: ContextVar = ContextVar("session_user_lookup", default=None)  # the pk auth.get_user is reading


def session_user(request):
    """`auth.get_user(request)`, with the row from the memo when the page cache keeps fragments."""
    user_id = request.session.get(SESSION_KEY)
    if user_id is None or not pagecache.fragment_seconds():
        return auth.get_user(request)
    token = _looking_up.set(str(user_id))
    try:
        return auth.get_user(request)
    finally:
        _looking_up.reset(token)


def remembered_row(manager, kwargs: dict):
    """The row `auth.get_user` asks for, from the memo (None: not that lookup, read it as usual)."""
    looking_up = _looking_up.get()
    if looking_up is None or kwargs.keys() != {"pk"} or str(kwargs["pk"]) != looking_up:
        return None
    _looking_up.set(None)  # once: anything the backend reads next comes from the database
    model = manager.model
    row = pagecache.person_memo("session-user", looking_up, [], lambda: manager.get_queryset().filter(pk=looking_up).first())
    if row is None:
        raise model.DoesNotExist(f"{model._meta.object_name} matching query does not exist.")
    return row


class AuthenticationMiddleware(DjangoAuthenticationMiddleware):
    """Django's, with `request.user` from `session_user` (`request.auser`, for async views, unchanged)."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: session_user(request))
