"""The Redis cache shares one connection pool per server in the process (consultazione/core/cache.py):
Django builds a cache backend per thread and per request context, and its own Redis backend opened
a new connection for each of them."""

import threading

from consultazione.core.cache import RedisCache

URL = "redis://127.0.0.1:6399/3"  # never connected to: building a pool opens no connection


def _pool(backend: RedisCache):
    return backend._cache._get_connection_pool(write=True)


def test_backends_in_other_threads_share_the_pool():
    first = RedisCache(URL, {})
    pools = []
    thread = threading.Thread(target=lambda: pools.append(_pool(RedisCache(URL, {}))))
    thread.start()
    thread.join()
    assert pools == [_pool(first)]
    assert _pool(RedisCache(URL, {})) is _pool(first)


def test_another_server_or_other_options_get_their_own():
    first = _pool(RedisCache(URL, {}))
    assert _pool(RedisCache("redis://127.0.0.1:6399/4", {})) is not first
    assert _pool(RedisCache(URL, {"OPTIONS": {"socket_timeout": 2}})) is not first


def test_backends_share_one_client_per_pool():
    """Django built a redis.Redis (with its table of response callbacks) for every operation."""
    client = RedisCache(URL, {})._cache.get_client(write=True)
    assert RedisCache(URL, {})._cache.get_client(write=False) is client
    assert RedisCache(URL, {"OPTIONS": {"socket_timeout": 2}})._cache.get_client() is not client
    assert client.connection_pool is _pool(RedisCache(URL, {}))
