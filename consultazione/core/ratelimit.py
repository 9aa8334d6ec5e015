"""Fixed-window rate limits on a shared cache (Redis in production, so every worker counts).

A rate is written "events/seconds" ("10/3600": ten per hour). Interfaces call `check()` before an
action a person can repeat cheaply and the platform pays dearly for (a submission, an export, a
vote over HTTP); it raises `RateLimited`, which the API turns into 429 and views into a message.
Rates are settings, so a deployment can tune them without code.
"""

from contextlib import contextmanager, suppress

from django.core.cache import cache as default_cache
from django.utils.translation import gettext as _

from .exceptions import RateLimited


def parse(rate: str) -> tuple[int, int]:
    """'30/60' → (30 events, 60 seconds)."""
    limit, _sep, window = rate.partition("/")
    return int(limit), int(window or 1)


def hit(key: str, *, limit: int, window: int, cache=None) -> bool:
    """Count one event for `key`; False once more than `limit` happened in the current window."""
    store = cache or default_cache
    cache_key = f"rl:{key}"
    if store.add(cache_key, 1, timeout=window):
        return limit >= 1
    try:
        count = store.incr(cache_key)
    except ValueError:  # the window expired between add() and incr()
        store.add(cache_key, 1, timeout=window)
        return limit >= 1
    _expire_if_recreated(store, cache_key, count, 1, window)
    return count <= limit


def _expire_if_recreated(store, cache_key: str, total: int, amount: int, window: int) -> None:
    """Give the counter its window again if incr() created it. Django's Redis incr checks the key
    exists and then INCRs: a key expiring in between comes back without a timeout, and the limit
    would stay used up for good (with 1-second windows this happens within minutes under load)."""
    if total == amount:
        store.touch(cache_key, timeout=window)


def allowed(key: str, rate: str, *, cache=None) -> bool:
    limit, window = parse(rate)
    return hit(key, limit=limit, window=window, cache=cache)


def _refusal(rate: str, message: str | None) -> RateLimited:
    _limit, window = parse(rate)
    minutes = max(1, round(window / 60))
    return RateLimited(
        message or _("Hai fatto troppe richieste di questo tipo: riprova tra %(n)s minuti.") % {"n": minutes},
        retry_after=window,
    )


def check(key: str, rate: str, *, message: str | None = None, cache=None) -> None:
    """Count one event; raise RateLimited (with a message saying when to retry) past the rate."""
    if not allowed(key, rate, cache=cache):
        raise _refusal(rate, message)


def spend(key: str, amount: int, rate: str, *, message: str | None = None, cache=None) -> None:
    """Charge `amount` units (pixels, bytes…) against a budget of "units/seconds"; past it raise
    RateLimited and charge nothing (so the refused work, never done, costs nothing)."""
    store = cache or default_cache
    limit, window = parse(rate)
    cache_key = f"rl:{key}"
    if store.add(cache_key, amount, timeout=window):
        total = amount
    else:
        try:
            total = store.incr(cache_key, amount)
            _expire_if_recreated(store, cache_key, total, amount, window)
        except ValueError:  # the window expired between add() and incr()
            store.add(cache_key, amount, timeout=window)
            total = amount
    if total > limit:
        with suppress(ValueError):
            store.decr(cache_key, amount)
        raise _refusal(rate, message)


@contextmanager
def counted(key: str, rate: str, *, message: str | None = None, cache=None):
    """Refuse when the rate is used up; count the event only if the block succeeds.

    For actions whose failures should cost nothing (a form error is not abuse). Two requests
    racing past the last free slot may both succeed: a limit, not a ledger.
    """
    store = cache or default_cache
    limit, window = parse(rate)
    if (store.get(f"rl:{key}") or 0) >= limit:
        raise _refusal(rate, message)
    yield
    hit(key, limit=limit, window=window, cache=store)
