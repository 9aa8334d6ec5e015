"""The only module that talks to the channel layer (ARCHITECTURE §3.4; a test greps the code base).

Each session has one group, `live.session.<CODE>`, whose members are the hubs — one channel per
server process — never the individual sockets. What goes through it:
- the new state of a session, published by services after commit (`session_changed`);
- the coalesced tallies of the ticker (`publish`).
A message carries frames already serialised for each audience, so a hub only writes them out:
`staff`, `projector`, `phones` and — only when phones that answered may see more than the others
(Question.phone_visibility "after answering") — `answered` with `key` ("<question id>:<round>"),
which the hub writes to the phones whose participant answered that question (hub.py).
"""

import asyncio

from asgiref.sync import async_to_sync
from channels.layers import channel_layers, get_channel_layer
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from . import frames, selectors, shared_state
from .models import ANSWERED, PHONES, PROJECTOR, STAFF

AUDIENCES = (STAFF, PROJECTOR, PHONES, ANSWERED)

MESSAGE_TYPE = "live.frames"

# What a lost link to the layer's server raises (redis-py's errors are not OSErrors).
CONNECTION_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError, asyncio.TimeoutError)


class SubscriptionLost(Exception):
    """The process's link to the channel layer broke; the hub reconnects and joins its groups again."""


def group_name(code: str) -> str:
    return f"live.session.{code}"


async def publish(
    code: str,
    *,
    staff: str | None = None,
    projector: str | None = None,
    phones: str | None = None,
    answered: str | None = None,
    key: str | None = None,
    layer=None,
) -> None:
    message = {"type": MESSAGE_TYPE, "session": code, "staff": staff, "projector": projector, "phones": phones}
    if key is not None:
        message |= {"answered": answered, "key": key}
    await (layer or get_channel_layer()).group_send(group_name(code), message)


def state_frames(session_id: int) -> tuple[str, dict[str, str]] | None:
    """The session code and its whole state for each audience, read first and versioned after
    the read (see shared_state.py, Versions)."""
    ts = frames.now_ms()
    tally = selectors.live_tally(session_id)
    if tally is None:
        return None
    code = tally.session.code
    version = shared_state.version_next(code)
    built = {name: frames.dumps(frames.state(tally, version=version, ts=ts, **frames.audience_of(name))) for name in AUDIENCES}
    if built[ANSWERED] != built[PHONES]:  # phones that answered see the figures, the others not yet
        return code, built | {"key": frames.question_key(tally)}
    return code, {name: built[name] for name in (STAFF, PROJECTOR, PHONES)}


def participant_changed(participant_id: int, question_id: int) -> None:
    """Push a participant's own answers to that question to its phones in every process: a
    `mine` frame with `participant` in the message, which the hub writes to that participant's
    sockets only (the statuses of its texts are nobody else's business)."""
    found = selectors.participant_in_session(participant_id, question_id)
    if found is None:
        return
    code, question = found
    mine = {"type": "mine", "ts": frames.now_ms(), "me": selectors.participant_answers(participant_id, question)}
    message = {"type": MESSAGE_TYPE, "session": code, "participant": participant_id, "mine": frames.dumps(mine)}
    async_to_sync((get_channel_layer()).group_send)(group_name(code), message)


def session_changed(session_id: int) -> None:
    """Push a session's new state to every process now (services call it on commit)."""
    found = state_frames(session_id)
    if found is not None:
        code, message = found
        async_to_sync(publish)(code, **message)


class Subscription:
    """A process's one channel on the layer, added to the group of each session it has sockets for."""

    def __init__(self, layer=None):
        self.layer = layer or get_channel_layer()
        self.channel: str | None = None

    async def open(self) -> None:
        self.channel = await self.layer.new_channel("live.hub.")

    async def join(self, code: str) -> None:
        await self.layer.group_add(group_name(code), self.channel)

    async def leave(self, code: str) -> None:
        await self.layer.group_discard(group_name(code), self.channel)

    async def receive(self) -> dict:
        try:
            return await self.layer.receive(self.channel)
        except CONNECTION_ERRORS as error:
            raise SubscriptionLost(f"{type(error).__name__}: {error}") from error

    async def rejoin(self, codes) -> None:
        """Join the groups again after a lost link: a restarted Redis has forgotten them
        (group_add only refreshes the membership when it is still there)."""
        try:
            for code in codes:
                await self.join(code)
        except CONNECTION_ERRORS as error:
            raise SubscriptionLost(f"{type(error).__name__}: {error}") from error


def check_roundtrip(timeout: float = 3.0) -> None:
    """Health check: a message sent to a new channel comes back within `timeout` (for /healthz).

    Bounded, so a layer that swallows messages makes /healthz fail instead of hang."""

    async def roundtrip():
        layer = get_channel_layer()
        channel = await layer.new_channel("live.health.")
        await layer.send(channel, {"type": "live.health"})
        return await asyncio.wait_for(layer.receive(channel), timeout=timeout)

    if async_to_sync(roundtrip)().get("type") != "live.health":
        raise RuntimeError("channel layer round trip failed")


def separate_layer():
    """A new layer built from the settings, as another server process would build it (tests, bench)."""
    return channel_layers.make_backend("default")


async def flush() -> None:
    """Empty the layer (tests): forget every group and pending message."""
    await get_channel_layer().flush()
