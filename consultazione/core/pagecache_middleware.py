"""The page cache's first door: an anonymous visitor's page served from the store, or rendered,
recorded and stored (what a page depends on and how a change reaches it: core/pagecache.py; the
second door, for a person with a session: core/personal_middleware.py)."""

import hashlib

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers

from consultazione.core import pagecache, personal
from consultazione.core.pagecache import (
    _ATTRIBUTE,
    _MAX_QUERY,
    CACHE_CONTROL,
    HEADER,
    SITE,
    _Recorder,
    _seen,
    depends_on,
)


def _has_private_state(request) -> bool:
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME in cookies
        or getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in cookies
        or "HTTP_AUTHORIZATION" in request.META
    )


def _key(request) -> str:
    language = translation.get_language_from_request(request)
    digest = hashlib.sha256(request.get_full_path().encode("utf-8", "surrogatepass")).hexdigest()
    host = request.get_host()
    return f"pc:{language}:{timezone.localdate().isoformat()}:{host}:{digest}"


def _storable(request, response, recorder: _Recorder) -> bool:
    if recorder.skipped or not recorder.versions or request.method != "GET":
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # a form with a CSRF token was rendered
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


def _etag(content: bytes) -> str:
    return '"' + hashlib.blake2b(content, digest_size=12).hexdigest() + '"'


def _public_headers(response) -> None:
    patch_cache_control(response, **CACHE_CONTROL)
    patch_vary_headers(response, ("Cookie", "Accept-Language"))


def _from_entry(request, entry: dict) -> HttpResponse:
    if entry["etag"] in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
        response["ETag"] = entry["etag"]
    else:
        response = HttpResponse(entry["content"], status=200)
        for name, value in entry["headers"]:
            response[name] = value
    response[HEADER] = "hit"
    return response


def _cached_view(request):
    """The URL's view if its pages can be cached (`page` views and the CMS's page serving,
    cms/serve.py), else None."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return match.func if getattr(match.func, "page_cache", False) else None


def _shared_key(key: str) -> str:
    return f"{key}:personal"


class PageCacheMiddleware:
    """Serves stored anonymous pages before the session, auth and CSRF layers run."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _seen.versions = {}
        try:
            return self._serve(request)
        finally:
            _seen.versions = None

    def _serve(self, request):
        if not pagecache._conf("ENABLED") or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if _has_private_state(request):  # a session, a flash message or a token: theirs alone
            response = self.get_response(request)
            patch_cache_control(response, private=True)
            return response
        view = _cached_view(request)
        if view is None:  # an API call, a form, a live screen: no cache round trip
            return self.get_response(request)
        key = _key(request)
        entry = pagecache._pages().get(key)
        if entry is not None and pagecache.versions_of(entry["versions"]) == entry["versions"]:
            return _from_entry(request, entry)
        recorder = _Recorder(key=key, shareable=getattr(view, "page_cache_signed_in", False))
        setattr(request, _ATTRIBUTE, recorder)
        depends_on(request, SITE)
        response = self.get_response(request)
        storable = len(request.META.get("QUERY_STRING", "")) <= _MAX_QUERY and _storable(request, response, recorder)
        parts = personal.unmark(response, recorder.parts, storable)
        if storable:
            _public_headers(response)
            response["ETag"] = _etag(response.content)
            headers = [(name, value) for name, value in response.items() if name.lower() not in ("set-cookie", HEADER.lower())]
            entry = {"versions": recorder.versions, "headers": headers, "content": response.content, "etag": response["ETag"]}
            pagecache._pages().set(key, entry, timeout=pagecache._conf("TIMEOUT"))
            if parts is not None and pagecache._conf("SIGNED_IN"):
                shared = {"versions": recorder.versions, "content_type": response["Content-Type"], "parts": parts}
                pagecache._pages().set(_shared_key(key), shared, timeout=pagecache._conf("TIMEOUT"))
            response[HEADER] = "miss"
        return response
