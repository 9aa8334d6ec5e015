"""Which process publishes a session's tallies: the one holding a short lease in the shared cache.

`cache.add` is SET NX (Redis) or a locked insert (local memory, single process). A leader that
dies stops renewing and another process takes over within the lease time.
"""

from .cache import shared


def _key(session_id: int) -> str:
    return f"live:leader:{session_id}"


def hold(session_id: int, owner: str, ttl: float) -> bool:
    key = _key(session_id)
    if shared().add(key, owner, timeout=ttl):
        return True
    if shared().get(key) == owner:
        shared().touch(key, ttl)
        return True
    return False


def release(session_id: int, owner: str) -> None:
    key = _key(session_id)
    if shared().get(key) == owner:
        shared().delete(key)
