"""The ASGI application serves pages in the worker's one sync thread (consultazione/core/asgi.py):
through a real uvicorn, successive requests run in the same thread and reuse its database
connection instead of starting a thread and opening a connection each (2–4 ms of CPU a page), and
a view that calls async code (the health check's channel-layer round trip) still works."""

import json
import socket
import threading
import time
import urllib.request

import pytest
import uvicorn
from asgiref.sync import SyncToAsync
from django.core.signals import request_started
from django.db import connections
from django.db.backends.signals import connection_created


class _Server(uvicorn.Server):
    def install_signal_handlers(self) -> None:  # not the main thread
        pass


@pytest.fixture
def server(transactional_db):
    from consultazione.asgi import application

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = _Server(uvicorn.Config(application, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=15)
    # The sync thread outlives the server: close what it kept open (PostgreSQL drops the test
    # database at the end, which an open connection would prevent).
    SyncToAsync.single_thread_executor.submit(connections.close_all).result(timeout=10)


def test_requests_share_one_thread_and_one_connection(server, monkeypatch):
    monkeypatch.setitem(connections.settings["default"], "CONN_MAX_AGE", 60)  # as production keeps them
    threads, opened = [], []

    def on_request(**kwargs):
        threads.append(threading.get_ident())

    def on_connect(sender, connection, **kwargs):
        opened.append(threading.get_ident())

    request_started.connect(on_request, weak=False, dispatch_uid="test-asgi-threads")
    connection_created.connect(on_connect, weak=False, dispatch_uid="test-asgi-threads")
    try:
        for _ in range(6):
            with urllib.request.urlopen(f"{server}/healthz", timeout=10) as response:
                assert response.status == 200
                checks = json.loads(response.read())["checks"]
                assert checks["database"]["ok"] and checks["channel_layer"]["ok"], checks
    finally:
        request_started.disconnect(dispatch_uid="test-asgi-threads")
        connection_created.disconnect(dispatch_uid="test-asgi-threads")
    assert len(threads) == 6
    assert len(set(threads)) == 1, "each request ran in a thread of its own"
    assert threads[0] != threading.get_ident()  # the worker's sync thread, not the test's
    assert len(opened) <= 1, f"{len(opened)} connections opened for 6 requests"
