"""Fixed-window rate limits on the shared cache (Redis in production, so every worker counts)."""

from .cache import shared


def hit(key: str, *, limit: int, window: int) -> bool:
    """Count one event for `key`; False once more than `limit` happened in the current window."""
    cache_key = f"live:rl:{key}"
    if shared().add(cache_key, 1, timeout=window):
        return True
    try:
        return shared().incr(cache_key) <= limit
    except ValueError:  # the window expired between add() and incr()
        shared().add(cache_key, 1, timeout=window)
        return True


def parse(rate: str) -> tuple[int, int]:
    """'30/60' → (30 events, 60 seconds)."""
    limit, _, window = rate.partition("/")
    return int(limit), int(window or 1)
