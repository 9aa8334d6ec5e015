"""A request reads each scope's version from the shared store once (core/pagecache.py), also
under the ASGI handler the workers run (core/asgi.py), where Django sends `request_started` from
the event loop and the page renders in the worker's sync thread: the menu, the footer, the cards
and every memo of a page then ask for the site's version without another round trip to Redis."""

from collections import Counter

import pytest
from asgiref.sync import async_to_sync
from asgiref.testing import ApplicationCommunicator

from consultazione.core import pagecache
from consultazione.core.asgi import http_application


@pytest.fixture(autouse=True)
def _connections_kept():
    """As Django's test client does: the test's transaction keeps its connection between requests."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _get(path: str, cookie: str = "") -> tuple[int, dict]:
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": [(b"host", b"testserver"), *([(b"cookie", cookie.encode())] if cookie else [])],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }

    async def run():
        communicator = ApplicationCommunicator(http_application(), scope)
        await communicator.send_input({"type": "http.request", "body": b""})
        start = await communicator.receive_output(timeout=30)
        body = b""
        while True:
            message = await communicator.receive_output(timeout=30)
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        await communicator.wait(timeout=5)
        return start["status"], dict(start["headers"]), body

    status, headers, _body = async_to_sync(run)()
    return status, {key.decode().lower(): value.decode() for key, value in headers.items()}


def test_an_asgi_request_reads_each_version_once(world, monkeypatch):
    reads = []
    read = pagecache._read_versions
    monkeypatch.setattr(pagecache, "_read_versions", lambda scopes: reads.append(list(scopes)) or read(scopes))
    for path in ("/", world.pages["detail A"], "/contributi/"):
        reads.clear()
        status, headers = _get(path)
        assert status == 200 and headers.get("x-page-cache") == "miss", (path, status, headers.get("x-page-cache"))
        counted = Counter(scope for scopes in reads for scope in scopes)
        assert counted and max(counted.values()) == 1, f"{path}: {dict(counted)}"
    reads.clear()
    _get("/contributi/")
    assert len(reads) == 1, "a stored page: one read of its versions"
    reads.clear()
    pagecache.versions_of([pagecache.SITE])
    pagecache.versions_of([pagecache.SITE])
    assert len(reads) == 2, "outside a request, every read goes to the store (a task sees every change)"
