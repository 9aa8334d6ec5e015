"""Running the synchronous ORM from async code (consumers, hub, ticker).

On PostgreSQL every call goes to the thread pool, each thread with its own connection, so a
thousand votes a second do not queue behind one thread (set DB_CONN_MAX_AGE so that those
connections are kept). SQLite admits one writer at a time anyway: there the calls share
Django's single sync thread, like every sync view, so two writers never meet.
"""

from collections.abc import Awaitable, Callable
from functools import cache
from typing import Any

from channels.db import database_sync_to_async
from django.db import connections


@cache
def _parallel() -> bool:
    return connections["default"].vendor != "sqlite"


def run_sync(function: Callable[..., Any]) -> Callable[..., Awaitable[Any]]:
    return database_sync_to_async(function, thread_sensitive=not _parallel())
