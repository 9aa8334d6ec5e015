"""The cache the live app talks to: one client for the whole process.

`django.core.cache.cache` is context-local; under ASGI every consumer task would build its own
backend and, with Redis, open its own connection pool (a connect per phone, measured in the bench).
Votes' versions, the leader lease and the rate limits all go through this single client instead:
Redis when REDIS_URL is set (shared by every worker), the local-memory cache otherwise.
"""

from functools import cache

from django.core.cache import caches


@cache
def shared():
    return caches.create_connection("default")
