"""One monotonic version per session, shared by every process through the cache (Redis).

Keyed by the session code (random, so two deployments or test runs sharing a Redis never mix).

Frames are built from a read of the database and take their version *after* that read, so a
client that keeps only frames newer than the last one it applied never goes back in time for
long: whatever a late frame hides, the ticker's next read differs from it and publishes again.
If the counter is lost (cache flushed, single process restarted) it restarts from the clock in
milliseconds, which is above any version handed out before (a few per second).
"""

import time

from .cache import shared


def _key(code: str) -> str:
    return f"live:version:{code}"


def next_version(code: str) -> int:
    key = _key(code)
    try:
        return shared().incr(key)
    except ValueError:
        shared().add(key, int(time.time() * 1000), timeout=None)
        return shared().incr(key)


def current_version(code: str) -> int:
    value = shared().get(_key(code))
    return value if value is not None else next_version(code)
