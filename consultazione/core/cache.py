"""Django's Redis cache, with one connection pool per server for the whole process.

Django keeps cache backends per thread and, under ASGI, per request context (`caches` is an
asgiref Local): its Redis backend built a new connection pool — and so opened a new connection,
with redis-py's handshake — for every request that touched the cache. A profile of a cached page
on Redis spent 40 % of its time connecting. Here the pools are shared by every backend instance of
the process with the same server and options; redis-py's pools are thread-safe and reset
themselves in a forked child. The client objects over them are shared too: redis-py's clients
are thread-safe (each command takes a connection from the pool), and Django built a new one —
with its table of response callbacks — for every cache operation (0.1 ms each).
"""

import threading

from django.core.cache.backends import redis


class SharedPoolRedisCacheClient(redis.RedisCacheClient):
    _shared_pools: dict = {}
    _shared_clients: dict = {}  # pool id -> its redis.Redis: Django built one per operation (a 170-entry callbacks table each)
    _lock = threading.Lock()

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._shared_clients.get(id(pool))
        if client is None:
            client = self._shared_clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def _get_connection_pool(self, write):
        index = self._get_connection_pool_index(write)
        key = (self._servers[index], repr(sorted(self._pool_options.items(), key=lambda item: item[0])))
        pool = self._shared_pools.get(key)
        if pool is None:
            with self._lock:
                pool = self._shared_pools.get(key)
                if pool is None:
                    pool = self._shared_pools[key] = self._pool_class.from_url(self._servers[index], **self._pool_options)
        return pool


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedPoolRedisCacheClient
