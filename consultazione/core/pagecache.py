"""The anonymous page cache: public pages served from Django's cache, fresh on the next request
after a change, never shared between people.

How a page gets cached
    A view (or a Wagtail page, through the `before_serve_page` hook in cms) declares what its
    content depends on with `depends_on(request, *scopes)` — e.g. the contribution list depends on
    `CONTRIBUTIONS`, a detail page on `contribution(pk)`. Pages that declare nothing are never
    cached (opt-in). Every page also depends on `SITE` (menus, phases, the plan tree).

How it stays fresh
    Each scope has a version in the shared version store. `depends_on` reads the versions *before*
    the view reads its data; the stored page remembers them. A service that changes something calls
    `changed(*scopes)`, which gives those scopes new versions when the transaction commits. A
    cached page whose remembered versions differ from the current ones is a miss, so the next
    request after the commit renders again — no time-based expiry is needed for freshness (the
    timeout only bounds memory). The local date is in the key, so pages that depend on a phase's
    planned dates turn over at midnight.

Who never gets a cached page (and whose page is never stored)
    Anything but GET/HEAD; a request with a session or messages cookie or an Authorization header
    (signed in, or carrying a flash message); a response that sets a cookie (a CSRF token on a
    form, a session), that used a CSRF token, that is not 200, that says private/no-store, or
    whose view called `skip(request)` (a GET form showing errors). Responses to requests with a
    session get `Cache-Control: private` so that a CDN in front does not keep them either.

Stores (settings.PAGE_CACHE): `PAGES` (the rendered pages) and `FRAGMENTS` (what pages and people
share: cards, comments, menus, figures, memos) in each worker's memory — a page is served only
while the versions it was rendered under are current, and a fragment's key changes with what it
shows, so no copy can be stale — and `VERSIONS`, shared by every worker (a file cache on the
embedded default, Redis when REDIS_URL is set): a hit costs one read of the versions.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import wraps

from asgiref.local import Local
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save

logger = logging.getLogger(__name__)

SITE = "site"  # header, menus, phases, the plan tree, CMS pages
CONTRIBUTIONS = "contributions"  # lists, counts and summaries of public contributions: every change
# Every change of contributions but a new support or a new comment (which move `CONTRIBUTIONS`
# only): which contributions are public and what they are — the dashboard's figures by kind, axis,
# zone and outcome, and the people counted before the last minute (reports/selectors/dashboard.py).
CONTRIBUTIONS_BASE = "contributions-base"
MEETINGS = "meetings"
MONITORING = "monitoring"
VOTING = "voting"  # priority exercises and their public results
REPORTS = "reports"  # restituzione, final report, open data

AUTH = "auth"  # who may do what: roles, permissions, a verified email or SPID/CIE identity (accounts)

_KEY_PART = re.compile(r"[\w-]{1,60}")
HEADER = "X-Page-Cache"
CACHE_CONTROL = {"public": True, "max_age": 0, "s_maxage": 1}  # a CDN may keep it one second
_ATTRIBUTE = "_page_cache"
_MAX_QUERY = 300  # longer query strings are served but not stored (no cache flooding)


def is_key_part(value: str) -> bool:
    """Whether a value from an address (a reference, a filter's choice) may go into a cache key as
    it is: letters, digits, `_` and `-`, up to 60 — what every cache backend accepts."""
    return bool(_KEY_PART.fullmatch(value))


def contribution(reference: str) -> str:
    reference = reference.upper()
    if not is_key_part(reference):  # an address no contribution has (spaces, symbols): still a valid key
        reference = "~" + hashlib.blake2b(reference.encode(), digest_size=12).hexdigest()
    return f"contribution:{reference}"


def axis(pk) -> str:
    return f"axis:{pk}"


def meeting(pk) -> str:
    return f"meeting:{pk}"


def person(pk) -> str:
    """One person's own state as their personal parts show it (their supports, their follows)."""
    return f"person:{pk}"


def person_of(field: str):
    """For `invalidated_by`: the person scope of the row's `field` (e.g. "user_id"; none if empty)."""

    def scope(row):
        pk = getattr(row, field)
        return person(pk) if pk is not None else None

    return scope


def _conf(name: str):
    return settings.PAGE_CACHE[name]


def _pages():
    return caches[_conf("PAGES")]


def _versions():
    return caches[_conf("VERSIONS")]


def fragments():
    """Where fragments keyed by versions or contents are kept: each worker's memory (never stale,
    since a change gives them new keys)."""
    return caches[_conf("FRAGMENTS")]


def _version_key(scope: str) -> str:
    return f"pcv:{scope}"


def _new_version() -> str:
    return f"{time.time_ns():x}{secrets.token_hex(4)}"


# The versions a request has read, kept for the rest of it: a page asks for the site's version
# for its menu, its footer, its cards and the current process — one read of the shared store per
# scope and request instead of one per fragment (a Redis round trip each). Only while
# PageCacheMiddleware serves a request, in the thread that runs it: a task or a command always
# reads the store. (Not Django's request_started/finished signals: under ASGI they are sent from
# the event loop's context, and what a receiver sets there never reaches the page's sync thread.)
_seen = Local()


def versions_of(scopes) -> dict[str, str]:
    """The current version of each scope (a missing one — never bumped, or evicted — gets a new
    random version, so nothing stored under an older one can match); within a request, the one
    it read first."""
    seen = getattr(_seen, "versions", None)
    wanted = [scope for scope in scopes if seen is None or scope not in seen]
    found_now = _read_versions(wanted) if wanted else {}
    if seen is None:
        return found_now
    seen.update(found_now)
    return {scope: seen[scope] for scope in scopes}


def _read_versions(scopes) -> dict[str, str]:
    keys = {_version_key(scope): scope for scope in scopes}
    store = _versions()
    found = store.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            store.add(key, _new_version(), timeout=None)
        found.update(store.get_many(missing))
    return {keys[key]: value for key, value in found.items()}


def bump(*scopes: str) -> None:
    """New versions now (use `changed` inside services: it waits for the commit)."""
    if scopes:
        new = {scope: _new_version() for scope in set(scopes)}
        _versions().set_many({_version_key(scope): version for scope, version in new.items()}, timeout=None)
        seen = getattr(_seen, "versions", None)
        if seen is not None:  # the rest of this request sees its own change
            seen.update(new)


def after_deploy(**kwargs) -> None:
    """post_migrate: every page was rendered by the previous release's templates and code."""
    try:
        bump(SITE)
    except Exception as error:
        logger.warning("page cache not reset after migrate: %s", error)


def changed(*scopes: str, using: str | None = None) -> None:
    """Pages depending on `scopes` are stale once the current transaction commits (at once when
    there is no transaction). Called by the services and signal receivers that change them."""
    scopes = tuple(scope for scope in scopes if scope)
    if scopes:
        transaction.on_commit(lambda: bump(*scopes), using=using)


def invalidated_by(models, *scopes) -> None:
    """Saving or deleting a row of these models makes `scopes` stale after the commit, whoever
    writes it (a service, the Django or Wagtail admin, an import command); a scope may be a
    function of the row (e.g. `lambda row: person(row.user_id)`). For models written with
    `QuerySet.update()`, the service calls `changed` itself."""

    def receiver(sender, instance=None, using=None, **kwargs):
        changed(*(scope(instance) if callable(scope) else scope for scope in scopes), using=using)

    for model in models:
        for signal in (post_save, post_delete):
            uid = f"pagecache:{model._meta.label}:{signal}:{','.join(map(str, scopes))}"
            signal.connect(receiver, sender=model, weak=False, dispatch_uid=uid)


@dataclass
class _Recorder:
    key: str
    versions: dict[str, str] = field(default_factory=dict)
    skipped: bool = False
    shareable: bool = False  # also served to signed-in people, with their personal parts (core/personal.py)
    parts: list = field(default_factory=list)


def depends_on(request, *scopes: str) -> None:
    """Declare what the page being rendered shows (call it before reading the data)."""
    recorder = getattr(request, _ATTRIBUTE, None)
    if recorder is None or recorder.skipped:
        return
    new = [scope for scope in scopes if scope and scope not in recorder.versions]
    if new:
        recorder.versions.update(versions_of(new))


def page(*scopes: str, per=None, signed_in: bool = False):
    """View decorator: an anonymous visitor's page may be cached, depending on `scopes` and on the
    scopes `per(**url_kwargs)` returns (e.g. the contribution of a detail page). `signed_in`: the
    page's template shows everything personal in `{% personal %}` parts, so a person with a
    session gets the shared page with those parts rendered for them (core/personal.py)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            depends_on(request, *scopes, *(per(*args, **kwargs) if per else ()))
            return view(request, *args, **kwargs)

        wrapper.page_cache = True  # the middleware looks a page up only for such views
        wrapper.page_cache_signed_in = signed_in
        return wrapper

    return decorator


def share_with_signed_in(request) -> None:
    """The page being rendered may be served to signed-in people with their personal parts (for
    pages that are not views, such as Wagtail's: `cms/wagtail_hooks.py`)."""
    recorder = getattr(request, _ATTRIBUTE, None)
    if recorder is not None:
        recorder.shareable = True


def record_part(request, part) -> int | None:
    """A personal part rendered into a page that will be shared: its index among the page's parts
    (None: the page is rendered for one person only, nothing to record)."""
    recorder = getattr(request, _ATTRIBUTE, None) if request is not None else None
    if recorder is None or not recorder.shareable:
        return None
    recorder.parts.append(part)
    return len(recorder.parts) - 1


def fragment_seconds() -> int:
    """How long a fragment keyed on scope versions may stay in the cache (0: not cached, as when
    the page cache is off — in the tests, where transactions never commit and no version moves)."""
    return _conf("FRAGMENT_TIMEOUT") if _conf("ENABLED") else 0


_MISSING = object()


def kept(key: str, compute, seconds: int | None = None):
    """The value kept under `key` in the fragments store, else `compute()` kept there for
    `seconds` (the fragment timeout by default); computed each time without a key or a timeout
    (fragments are off in the tests, where no version ever moves)."""
    seconds = fragment_seconds() if seconds is None else seconds
    if not (key and seconds):
        return compute()
    store = fragments()
    value = store.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        store.set(key, value, seconds)
    return value


def memo(name: str, scopes, compute, *parts):
    """`compute()`, computed once per version of `scopes` (and per `parts`) and then read from the
    fragments store: what many requests ask and only an event changes — a person's roles and
    permissions (`AUTH`), the current process (`SITE`)."""
    if not fragment_seconds():
        return compute()
    versions = versions_of(scopes)
    return kept(":".join(["memo", name, *map(str, parts), *(versions[scope] for scope in scopes)]), compute)


# `local_memo`'s values: this process's own, as objects (no pickling, no store round trip).
_LOCAL_MEMOS: OrderedDict = OrderedDict()
_LOCAL_MEMOS_LOCK = threading.Lock()
_LOCAL_MEMOS_MAX = 256


def local_memo(name: str, scopes, compute, *parts):
    """`memo` kept in this process's memory as the value itself: for plain data many pages read
    and only an event changes (the choices of the classification selects: 312 comuni, the axes
    and strategies of each plan), where unpickling a copy from the fragments store (or a Redis
    round trip) costs more than the page's use of it. The value is shared by every request of the
    worker: build it of tuples, and never change it. The oldest of `_LOCAL_MEMOS_MAX` go first."""
    if not fragment_seconds():
        return compute()
    versions = versions_of(scopes)
    key = (name, parts, tuple(versions[scope] for scope in scopes))
    value = _LOCAL_MEMOS.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        with _LOCAL_MEMOS_LOCK:
            _LOCAL_MEMOS[key] = value
            while len(_LOCAL_MEMOS) > _LOCAL_MEMOS_MAX:
                _LOCAL_MEMOS.popitem(last=False)
    return value


def person_memo(name: str, pk, scopes, compute, *parts):
    """`memo` of something of one person's own (e.g. whether they support a contribution): once
    per version of the person, the site (a block, a deploy) and `scopes` (what else decides it)."""
    return memo(name, [SITE, person(pk), *scopes], compute, pk, *parts)


def skip(request) -> None:
    """This response must not be stored (e.g. a GET form showing errors)."""
    recorder = getattr(request, _ATTRIBUTE, None)
    if recorder is not None:
        recorder.skipped = True
