"""A hub's shutdown is bounded whatever the channel layer does: channels_redis's blocking receive
did not always end when cancelled, and a shutdown that never returned hung a CI run for 300 s
(tests/live/test_fanout_redis.py). No Redis needed: the subscription below ignores cancellation."""

import asyncio
import logging
import time

import pytest

from consultazione.live import hub as hub_module
from consultazione.live.hub import Hub

pytestmark = pytest.mark.django_db(transaction=True)


class StubbornSubscription:
    """A channel-layer subscription whose receive swallows its cancellation and keeps waiting,
    and whose leave never answers: the worst a library can do to a shutdown."""

    channel = "stub"

    async def open(self):
        pass

    async def join(self, code):
        pass

    async def leave(self, code):
        await asyncio.sleep(3600)

    async def rejoin(self, codes):
        pass

    async def receive(self):
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            await asyncio.sleep(3600)  # the first cancellation swallowed; the event loop's end stops it


async def test_a_shutdown_returns_even_when_the_layer_ignores_cancellation(monkeypatch, live_session, caplog):
    caplog.set_level(logging.INFO, logger="consultazione.live.hub")
    monkeypatch.setattr(hub_module, "STOP_WAIT", 0.2, raising=False)

    async def write(frame):
        pass

    hub = Hub(subscription=StubbornSubscription(), autostart=False)
    await hub.attach(live_session.code, live_session.pk, "projector", hub_module.Socket(write))
    await asyncio.sleep(0.05)  # the listener is inside its receive
    started = time.monotonic()
    await asyncio.wait_for(hub.shutdown(), timeout=10)
    assert time.monotonic() - started < 2
    assert hub.rooms == {} and hub._listener is None
    assert "did not stop within" in caplog.text
