"""What the live app keeps in the shared cache, through one client per process: each session's
version, which process leads its tallies (a lease), and the rate limits of joins and HTTP votes.

One client: `django.core.cache.cache` is context-local; under ASGI every consumer task would build
its own backend and, with Redis, open its own connection pool (a connect per phone, measured in the
bench). Redis when REDIS_URL is set (shared by every worker), the local-memory cache otherwise.
"""

import time
from contextlib import suppress
from functools import cache

from django.core.cache import caches

from consultazione.core import ratelimit as core_ratelimit


@cache
def shared():
    return caches.create_connection("default")


# Versions — one monotonic number per session, shared by every process. Keyed by the session code
# (random, so two deployments or test runs sharing a Redis never mix). Frames are built from a read
# of the database and take their version *after* that read, so a client that keeps only frames
# newer than the last one it applied never goes back in time for long: whatever a late frame hides,
# the ticker's next read differs from it and publishes again. If the counter is lost (cache flushed,
# single process restarted) it restarts from the clock in milliseconds, above any version handed
# out before (a few per second).


def _version_key(code: str) -> str:
    return f"live:version:{code}"


def version_next(code: str) -> int:
    key = _version_key(code)
    try:
        return shared().incr(key)
    except ValueError:
        shared().add(key, int(time.time() * 1000), timeout=None)
        return shared().incr(key)


def version_current(code: str) -> int:
    value = shared().get(_version_key(code))
    return value if value is not None else version_next(code)


# Leases — which process publishes a session's tallies: the one holding a short lease. `add` is
# SET NX (Redis) or a locked insert (local memory, single process). A leader that dies stops
# renewing and another process takes over within the lease time.


def _lease_key(code: str) -> str:
    return f"live:leader:{code}"


def lease_hold(code: str, owner: str, ttl: float) -> bool:
    key = _lease_key(code)
    if shared().add(key, owner, timeout=ttl):
        return True
    if shared().get(key) == owner:
        shared().touch(key, ttl)
        return True
    return False


def lease_release(code: str, owner: str) -> None:
    key = _lease_key(code)
    if shared().get(key) == owner:
        shared().delete(key)


# Rate limits — core.ratelimit on this client.

rate_parse = core_ratelimit.parse


def rate_hit(key: str, *, limit: int, window: int) -> bool:
    """Count one event for `key`; False once more than `limit` happened in the current window."""
    return core_ratelimit.hit(f"live:{key}", limit=limit, window=window, cache=shared())


def rate_refund(key: str) -> None:
    """Give back one event counted by `rate_hit` (a join the session's budget then refused)."""
    store = shared()
    with suppress(ValueError):
        if store.decr(f"rl:live:{key}") < 0:  # the window ended meanwhile: decr made a stray key
            store.delete(f"rl:live:{key}")
