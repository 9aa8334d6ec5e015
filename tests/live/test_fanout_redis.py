"""Fan-out across processes through Redis: two hubs, each with its own layer connection, as two
uvicorn workers would have. Runs when REDIS_URL is set (CI sets it)."""

import asyncio
import json
import os

import pytest
from channels.db import database_sync_to_async

from consultazione.live import broadcast
from consultazione.live.hub import Hub, Socket
from consultazione.live.services import ballot_cast, question_reveal
from consultazione.live.ticker import Ticker

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (a Redis server)"),
    pytest.mark.django_db(transaction=True),
]

db = database_sync_to_async


class Inbox(Socket):
    def __init__(self):
        self.frames = asyncio.Queue()
        super().__init__(self.frames.put)

    async def next(self):
        return json.loads(await asyncio.wait_for(self.frames.get(), timeout=5))


async def test_two_processes_both_get_ticks_and_state_changes(
    settings, live_session, make_question, make_participant, facilitator
):
    settings.LIVE_TICKER_AUTOSTART = False
    layers = [broadcast.separate_layer(), broadcast.separate_layer()]
    hubs = [Hub(subscription=broadcast.Subscription(layer), autostart=False) for layer in layers]
    question = await db(make_question)(live_session, visibility="on_reveal")
    option = await db(lambda: question.options.first().pk)()
    projector, phone = Inbox(), Inbox()  # the projector on one worker, the phone on the other
    await hubs[0].attach(live_session.code, live_session.pk, "projector", projector)
    await hubs[1].attach(live_session.code, live_session.pk, "phones", phone)
    try:
        voter = await db(make_participant)(live_session)
        await db(ballot_cast)(participant_id=voter.pk, session_id=live_session.pk, question_id=question.pk, choices=[option])

        async def publish_on_first_worker(code, **frames):
            await broadcast.publish(code, layer=layers[0], **frames)

        leader = Ticker(live_session.pk, code=live_session.code, owner=hubs[0].id, publish=publish_on_first_worker)
        assert await leader.tick()
        assert (await projector.next())["results"]["total"] == 1
        assert (await phone.next())["results"]["visible"] is False

        await db(question_reveal)(user=facilitator, question=question)  # published from "a third process"
        for inbox in (projector, phone):
            frame = await inbox.next()
            assert frame["type"] == "state" and {o["id"]: o["count"] for o in frame["results"]["options"]}[option] == 1
    finally:
        for hub in hubs:
            await hub.shutdown()
        await broadcast.flush()


async def test_channel_layer_health_round_trip():
    await db(broadcast.check_roundtrip)()
