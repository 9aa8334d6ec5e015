"""The hub on a real Redis stays quiet: two hubs (two workers, each with its own layer connection)
idle past the layer's blocking receive and still get every frame, without an ERROR or a pause;
a link that really breaks is a WARNING and the hub comes back by itself.

With redis-py 8 the channel layer read with a 5 s socket timeout, as long as its blocking receive
(BZPOPMIN, 5 s): every idle receive failed, and each worker logged an ERROR with traceback and
paused 1 s every ~6 s. Runs when REDIS_URL is set (CI sets it)."""

import asyncio
import json
import logging
import os

import pytest
import redis.asyncio
from django.conf import settings as django_settings

from consultazione.live import broadcast
from consultazione.live.hub import Hub, Socket

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (a Redis server): CI sets it"),
]

CODE = "QUIET7"
IDLE_SECONDS = 6.5  # past the layer's 5 s blocking receive, where every idle receive used to fail


class Inbox(Socket):
    def __init__(self):
        self.frames = asyncio.Queue()
        super().__init__(self.frames.put)

    async def next(self, timeout=5):
        return json.loads(await asyncio.wait_for(self.frames.get(), timeout=timeout))


def _problems(caplog, level=logging.WARNING):
    return [f"{record.levelname} {record.name}: {record.getMessage()}" for record in caplog.records if record.levelno >= level]


async def _two_workers():
    hubs = [Hub(subscription=broadcast.Subscription(broadcast.separate_layer()), autostart=False) for _ in range(2)]
    inboxes = [Inbox(), Inbox()]
    await hubs[0].attach(CODE, 1, "projector", inboxes[0])
    await hubs[1].attach(CODE, 1, "phones", inboxes[1])
    return hubs, inboxes


async def _publish_and_expect(inboxes, text):
    frame = json.dumps({"type": "state", "text": text})
    await broadcast.publish(CODE, projector=frame, phones=frame, layer=broadcast.separate_layer())
    for inbox in inboxes:
        assert (await inbox.next())["text"] == text


async def _shutdown(hubs):
    """Bounded: a hub that cannot stop fails the test in 30 s instead of hanging the run."""
    for hub in hubs:
        await asyncio.wait_for(hub.shutdown(), timeout=30)
    await asyncio.wait_for(broadcast.flush(), timeout=30)


async def test_idle_and_busy_hubs_on_redis_never_log_an_error_and_keep_delivering(caplog):
    caplog.set_level(logging.INFO)
    hubs, inboxes = await _two_workers()
    try:
        await asyncio.sleep(IDLE_SECONDS)  # idle: nobody publishes
        await _publish_and_expect(inboxes, "dopo la pausa")
        for round_ in range(20):  # busy: a frame every 50 ms
            await _publish_and_expect(inboxes, f"giro {round_}")
            await asyncio.sleep(0.05)
    finally:
        await _shutdown(hubs)
    # No ERROR, and not even a WARNING: the retry path (which logs and waits) was never taken.
    assert _problems(caplog) == []


async def test_a_lost_connection_is_a_warning_and_the_hub_recovers(caplog):
    """Redis drops the hubs' connections and forgets every group (as a restart would): the hubs
    say so with a WARNING, reconnect, join their groups again and the next frame gets through."""
    caplog.set_level(logging.INFO)
    hubs, inboxes = await _two_workers()
    admin = redis.asyncio.Redis.from_url(django_settings.CHANNEL_LAYERS["default"]["CONFIG"]["hosts"][0]["address"])
    try:
        await _publish_and_expect(inboxes, "prima")
        db = admin.connection_pool.connection_kwargs.get("db", 0)
        receivers = []
        for _ in range(100):  # both hubs back in their blocking receive (a loaded box takes a while)
            receivers = [c for c in await admin.client_list() if c["cmd"] == "bzpopmin" and int(c["db"]) == int(db)]
            if len(receivers) >= 2:
                break
            await asyncio.sleep(0.1)
        assert len(receivers) >= 2
        await admin.flushdb()  # the group memberships are gone, as after a restart of Redis
        for client in receivers:
            await admin.client_kill_filter(_id=client["id"])
        await asyncio.sleep(0.5)
        await _publish_and_expect(inboxes, "dopo")
    finally:
        await admin.aclose()
        await _shutdown(hubs)
    warnings = [r for r in caplog.records if r.name == "consultazione.live.hub" and r.levelno == logging.WARNING]
    assert warnings and "lost its channel-layer subscription" in warnings[0].getMessage()
    assert _problems(caplog, logging.ERROR) == []
