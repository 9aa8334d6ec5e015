"""The page cache's second door: a person with a session gets the stored visitors' page with their
personal parts rendered for them (core/personal.py; the first door, for anonymous visitors, is
`pagecache_middleware.PageCacheMiddleware`)."""

import hashlib

from django.contrib.auth import SESSION_KEY
from django.http import HttpResponse

from consultazione.core import personal
from consultazione.core.pagecache import AUTH, HEADER, _conf, _pages, person, versions_of
from consultazione.core.pagecache_middleware import _cached_view, _has_private_state, _key, _shared_key


class SignedInPageMiddleware:
    """Serves a person with a session the shared page with their personal parts rendered for
    them (core/personal.py), when an anonymous visitor's rendering of it is current. Last in
    MIDDLEWARE: the session, the person, their language, messages and CSRF token are known, and
    every other middleware still handles the response (Cache-Control: private, the CSRF cookie)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or not (_conf("ENABLED") and _conf("SIGNED_IN"))
            or "HTTP_AUTHORIZATION" in request.META
            or not _has_private_state(request)  # an anonymous visitor: PageCacheMiddleware's
        ):
            return self.get_response(request)
        view = _cached_view(request)
        if view is None:
            return self.get_response(request)
        key = _shared_key(_key(request))
        entry = _pages().get(key)
        if entry is None or not _current(request, entry["versions"]):
            return self.get_response(request)
        page_key = hashlib.blake2b(repr((key, sorted(entry["versions"].items()))).encode(), digest_size=16).hexdigest()
        response = HttpResponse(personal.fill(request, entry["parts"], page_key), content_type=entry["content_type"])
        response[HEADER] = "personal"
        return response


def _current(request, versions: dict) -> bool:
    """Whether the page's versions are current — read together with the versions its parts will
    ask for (who may do what, the person's own state), one read of the shared store for all."""
    user_id = request.session.get(SESSION_KEY)
    now = versions_of([*versions, AUTH, *([person(user_id)] if user_id else [])])
    return all(now[scope] == version for scope, version in versions.items())
