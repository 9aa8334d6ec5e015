"""The channel layer and the caches: in memory and files on the embedded default, Redis when
REDIS_URL is set (the anonymous page cache's stores: core/pagecache.py, docs/deploy.md §5)."""

from collections.abc import Callable
from pathlib import Path

# Seconds; must exceed channels_redis's blocking receive (5 s).
CHANNEL_LAYER_SOCKET_TIMEOUT = 15


def channel_layers(redis_url: str | None) -> dict:
    if not redis_url:
        return {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    return {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            # socket_timeout: redis-py 8 reads with a 5 s timeout by default, exactly as long as the
            # layer's blocking receive (BZPOPMIN, 5 s) waits on an idle channel, so every idle receive
            # ended in a TimeoutError and a dropped connection. Longer than the receive, and still
            # bounded so a connection that died silently is noticed (docs/live.md, "Deployment").
            "CONFIG": {
                "hosts": [{"address": redis_url, "max_connections": 1000, "socket_timeout": CHANNEL_LAYER_SOCKET_TIMEOUT}]
            },
        }
    }


def caches(redis_url: str | None, env: Callable[..., str | None], base_dir: Path) -> dict:
    # Fragments shared between pages and people (cards, comments, menus, figures) are keyed by the
    # versions and contents they show, so a copy in each worker's memory is never stale: they are
    # read there, without a round trip to Redis. The anonymous pages too: a stored page carries the
    # versions it was rendered under and is served only while they are current, so each worker keeps
    # its own copy of the hot pages and a hit costs one read of the versions (shared: files on the
    # embedded default, Redis when set). Each worker renders a hot page once per change.
    local = {
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": int(env("PAGE_CACHE_MAX_PAGES", "2000"))},
        },
        "fragments": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "fragments",
            "OPTIONS": {"MAX_ENTRIES": int(env("PAGE_CACHE_MAX_FRAGMENTS", "20000"))},
        },
    }
    if redis_url:
        shared = {
            alias: {
                "BACKEND": "consultazione.core.cache.RedisCache",  # one connection pool per process
                "LOCATION": redis_url,
                "KEY_PREFIX": env("CACHE_KEY_PREFIX", "consultazione"),
            }
            for alias in ("default", "page_versions")
        }
    else:
        shared = {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            # The scope versions in files every worker of the machine reads: a change seen by one is seen by all.
            "page_versions": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": env("PAGE_CACHE_VERSIONS_DIR", str(base_dir / ".cache" / "page-versions")),
                "OPTIONS": {"MAX_ENTRIES": 200_000},
            },
        }
    return {**shared, **local}
