"""ASGI entry point: HTTP through Django, WebSockets through Channels (served by uvicorn)."""

import gc
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consultazione.settings.dev")

from consultazione.core.asgi import http_application

django_asgi_app = http_application()  # pages in the worker's one sync thread (core/asgi.py)

from channels.routing import ProtocolTypeRouter  # noqa: E402

from consultazione.live.routing import websocket_application  # noqa: E402

application = ProtocolTypeRouter({"http": django_asgi_app, "websocket": websocket_application()})

# Thousands of long-lived sockets make every full collection of the cyclic garbage collector walk a
# huge heap: bench/live_load.py measured 0.2–1.3 s pauses with 3,000–5,000 sockets, the whole server
# frozen meanwhile. Keep what startup built out of every collection, and collect young objects less
# often so that fewer short-lived ones are promoted and full collections become rare (docs/live.md).
gc.freeze()
gc.set_threshold(10_000, 20, 50)
