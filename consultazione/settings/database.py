"""The database settings: DATABASE_URL, SQLite's options, PostgreSQL's connection pool."""

from collections.abc import Callable
from pathlib import Path

import dj_database_url


def databases(env: Callable[..., str | None], base_dir: Path) -> dict:
    """DATABASES from DATABASE_URL (SQLite beside the code by default)."""
    default = dj_database_url.parse(env("DATABASE_URL", f"sqlite:///{base_dir / 'db.sqlite3'}"))
    sqlite = default["ENGINE"] == "django.db.backends.sqlite3"
    # Kept open by the thread that opened it: each page's thread is the worker's one sync thread
    # (core/asgi.py, or a gunicorn sync worker), so this is one connection per worker. On SQLite a
    # new connection also reads the whole schema again: kept by default. PostgreSQL: the pool.
    default["CONN_MAX_AGE"] = int(env("DB_CONN_MAX_AGE", "60" if sqlite else "0"))
    databases = {"default": default}
    if sqlite:
        # WAL lets readers work while a writer commits; the timeout absorbs short write bursts.
        databases["default"]["OPTIONS"] = {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    return databases


def postgresql_pool(databases: dict, enabled: bool, env: Callable[..., str | None]) -> None:
    """Django's connection pool (psycopg_pool) for PostgreSQL. Under ASGI the live calls (votes,
    joins, the tally) run in a pool of threads, each with its own connection, so persistent
    connections (CONN_MAX_AGE) stay off — and without a pool each call opened a new PostgreSQL
    connection (≈ a third of a phone's join, docs/performance.md). The pool lends an open one."""
    default = databases["default"]
    if not enabled or default["ENGINE"] != "django.db.backends.postgresql":
        return
    default["CONN_MAX_AGE"] = 0  # the pool and persistent connections exclude each other
    default.setdefault("OPTIONS", {})["pool"] = {
        "min_size": int(env("DB_POOL_MIN_SIZE", "2")),
        "max_size": int(env("DB_POOL_MAX_SIZE", "20")),
        "timeout": float(env("DB_POOL_TIMEOUT", "10")),
    }
