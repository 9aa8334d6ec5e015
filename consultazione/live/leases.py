"""Which process publishes a session's tallies: the one holding a short lease in the shared cache.

`cache.add` is SET NX (Redis) or a locked insert (local memory, single process). A leader that
dies stops renewing and another process takes over within the lease time.
"""

from .cache import shared


def _key(code: str) -> str:
    return f"live:leader:{code}"


def hold(code: str, owner: str, ttl: float) -> bool:
    key = _key(code)
    if shared().add(key, owner, timeout=ttl):
        return True
    if shared().get(key) == owner:
        shared().touch(key, ttl)
        return True
    return False


def release(code: str, owner: str) -> None:
    key = _key(code)
    if shared().get(key) == owner:
        shared().delete(key)
