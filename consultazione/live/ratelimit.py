"""The live app's rate limits: core.ratelimit on the process-wide shared cache client (see .cache)."""

from contextlib import suppress

from consultazione.core import ratelimit as core

from .cache import shared

parse = core.parse


def hit(key: str, *, limit: int, window: int) -> bool:
    """Count one event for `key`; False once more than `limit` happened in the current window."""
    return core.hit(f"live:{key}", limit=limit, window=window, cache=shared())


def refund(key: str) -> None:
    """Give back one event counted by `hit` (a join the session's budget then refused)."""
    store = shared()
    with suppress(ValueError):
        if store.decr(f"rl:live:{key}") < 0:  # the window ended meanwhile: decr made a stray key
            store.delete(f"rl:live:{key}")
