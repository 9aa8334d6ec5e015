"""Django's ASGI handler for the pages, with the synchronous part of every request (middleware,
view, templates, queries) in the worker's one sync thread — as a gunicorn sync worker runs it.

Django's own `ASGIHandler` opens a `ThreadSensitiveContext` per request, and asgiref gives each
such context a new thread: every request started a thread and, since database connections
belong to a thread, opened a new connection (on SQLite that also means reading the schema again)
and closed it at the end. `bench/pages_load.py` measured that churn at 2–4 ms of CPU per page,
a third to a half of an uncached page. Without the per-request context, asgiref runs the
thread-sensitive code of every request in its one sync thread per process, so the thread and
its connection live as long as the worker (`DB_CONN_MAX_AGE`; on PostgreSQL the pool lends it).

What stays as before: the event loop still reads the body, writes the response and watches for
a client that goes away; WebSockets (Channels) never pass here; `async_to_sync` called by a view
(the live broadcast) still runs on the worker's event loop. What changes: a worker renders one
page at a time, like a sync worker — run as many workers as cores (docs/deploy.md).
"""

import django
from django.core.handlers.asgi import ASGIHandler


class OneThreadASGIHandler(ASGIHandler):
    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        # No ThreadSensitiveContext: asgiref's single sync thread serves every request.
        await self.handle(scope, receive, send)


def http_application() -> OneThreadASGIHandler:
    """`django.core.asgi.get_asgi_application`, with the handler above."""
    django.setup(set_prefix=False)
    return OneThreadASGIHandler()
