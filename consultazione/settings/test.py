"""Test settings: fast hashing, outbox email, immediate tasks; engines come from the environment."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
ALLOWED_HOSTS = ["*"]
MEDIA_ROOT = BASE_DIR / ".test-media"
SERVE_MEDIA = True  # the app's own /media/ view (core/media.py) is tested, as in development
ACCOUNT_RATE_LIMITS = False
# The page cache is on only in the tests that test it (tests/pagecache/): elsewhere a test that
# writes rows without a service, inside a transaction that never commits, would read a stale page.
PAGE_CACHE = {**PAGE_CACHE, "ENABLED": False}
if not REDIS_URL:  # one process per xdist worker: memory is shared by the test and its server threads
    CACHES["page_versions"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "page-versions"}

# Parallel workers (pytest-xdist) share one Redis server: give each its own database number so that
# caches, rate limits and channel-layer groups of one worker never leak into another
# (TEST_REDIS_DB_BASE moves the range, for two test runs sharing one Redis).
if REDIS_URL:
    import os
    from urllib.parse import urlsplit, urlunsplit

    _base = int(os.environ.get("TEST_REDIS_DB_BASE", "10"))
    _worker = os.environ.get("PYTEST_XDIST_WORKER", "gw-1")
    _db = _base + int(_worker.removeprefix("gw")) if _worker.removeprefix("gw").lstrip("-").isdigit() else _base - 1
    _parts = urlsplit(REDIS_URL)
    REDIS_URL = urlunsplit(_parts._replace(path=f"/{_db}"))
    for _alias in CACHES:
        CACHES[_alias]["LOCATION"] = REDIS_URL
    CHANNEL_LAYERS["default"]["CONFIG"]["hosts"][0]["address"] = REDIS_URL

# PostgreSQL: a session left idle inside a transaction (a thread of a stopped test server, say)
# is ended after 30 s, and no statement waits more than 60 s for a lock, so the next test's
# TRUNCATE fails loudly instead of waiting forever.
if DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        "-c idle_in_transaction_session_timeout=30000 -c lock_timeout=60000"
    )

# SQLite: the test database is a file, not Django's shared-cache in-memory database. The browser
# tests run the app in server threads beside the test; in shared-cache memory a writer there locks
# whole tables ("database table is locked", never retried by the busy timeout), which production
# SQLite (a WAL file, IMMEDIATE transactions, 20 s timeout) does not do. pytest-xdist gives each
# worker its own file (…_gw0, …_gw1).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}
