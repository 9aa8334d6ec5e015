"""One monotonic version per session, shared by every process through the cache (Redis).

Frames are built from a read of the database and take their version *after* that read, so a
client that keeps only frames newer than the last one it applied never goes back in time for
long: whatever a late frame hides, the ticker's next read differs from it and publishes again.
If the counter is lost (cache flushed, single process restarted) it restarts from the clock in
milliseconds, which is above any version handed out before (a few per second).
"""

import time

from .cache import shared


def _key(session_id: int) -> str:
    return f"live:version:{session_id}"


def next_version(session_id: int) -> int:
    key = _key(session_id)
    try:
        return shared().incr(key)
    except ValueError:
        shared().add(key, int(time.time() * 1000), timeout=None)
        return shared().incr(key)


def current_version(session_id: int) -> int:
    value = shared().get(_key(session_id))
    return value if value is not None else next_version(session_id)
