"""The per-process hub: local sockets per session, one channel-layer subscription, one ticker per session.

Every frame arrives once per process (through `broadcast.Subscription`) and is written by the hub
straight to each local socket — projector and presenter first — instead of putting thousands of
consumers into a Channels group (110–290 µs per consumer per message against ~15 µs here).

Phones get one of two frames of each message when the question shows its results only to those
who answered (`answered`, `key`: broadcast.py): a socket marked with that `key` (its participant
answered that question in that round) gets `answered`, the others `phones`. Still one serialised
frame per group, and one string comparison per socket.

A socket whose client stops reading must not hold up the others: a write that cannot complete at
once is parked in a task, and while it waits only the newest frame is kept for that socket.
"""

import asyncio
import contextlib
import logging
import uuid
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from . import broadcast, conf
from .threads import run_sync
from .ticker import Ticker

logger = logging.getLogger(__name__)

ROLES = ("staff", "projector", "phones")
RETRY_FIRST, RETRY_MAX = 0.05, 2.0  # seconds between attempts to subscribe again after a lost link
STOP_WAIT = 5.0  # seconds a shutdown waits for each of its tasks and Redis calls


class Socket:
    """What the hub needs from a consumer: a coroutine function that writes one text frame."""

    def __init__(self, write: Callable[[str], Awaitable[Any]]):
        self.write = write
        self.waiting: asyncio.Task | None = None
        self.newest: str | None = None
        self.answered: str | None = None  # "<question id>:<round>" its participant answered (phones)
        self.participant: int | None = None  # whose phone it is (for the `mine` frame)


@dataclass
class _Room:
    sockets: dict[str, set[Socket]] = field(default_factory=lambda: {role: set() for role in ROLES})
    ticker: Ticker | None = None
    task: asyncio.Task | None = None
    key: str | None = None  # the question on screen and its round, as the last message said

    def empty(self) -> bool:
        return not any(self.sockets.values())


class Hub:
    def __init__(self, *, subscription: broadcast.Subscription | None = None, autostart: bool | None = None):
        self.id = uuid.uuid4().hex
        self.subscription = subscription or broadcast.Subscription()
        self.autostart = conf.get("LIVE_TICKER_AUTOSTART") if autostart is None else autostart
        self.rooms: dict[str, _Room] = {}  # by session code
        self._listener: asyncio.Task | None = None
        self._lock = asyncio.Lock()

    # --- sockets ------------------------------------------------------------------------------

    async def attach(self, code: str, session_id: int, role: str, socket: Socket) -> None:
        async with self._lock:
            if self._listener is None:
                await self.subscription.open()
                self._listener = asyncio.ensure_future(self._listen())
            room = self.rooms.get(code)
            if room is None:
                room = self.rooms[code] = _Room(ticker=Ticker(session_id, code=code, owner=self.id))
                await self.subscription.join(code)
                if self.autostart:
                    room.task = asyncio.ensure_future(room.ticker.run())
            room.sockets[role].add(socket)

    async def detach(self, code: str, role: str, socket: Socket) -> None:
        async with self._lock:
            room = self.rooms.get(code)
            if room is None:
                return
            room.sockets[role].discard(socket)
            if room.empty():
                del self.rooms[code]
                await self._close_room(code, room)

    def ticker(self, code: str) -> Ticker:
        return self.rooms[code].ticker

    def question_key(self, code: str) -> str | None:
        """The question on screen ("<id>:<round>") as this process last heard it, if it did."""
        room = self.rooms.get(code)
        return room.key if room is not None else None

    # --- fan-out ------------------------------------------------------------------------------

    def deliver(self, message: dict) -> None:
        """Write the frames of one layer message to the local sockets of its session."""
        room = self.rooms.get(message.get("session"))
        if room is None:
            return
        if message.get("participant") is not None:  # one participant's own answers: its phones only
            for socket in list(room.sockets["phones"]):
                if socket.participant == message["participant"]:
                    self._write(socket, message["mine"])
            return
        key = message.get("key")
        if key is not None:
            room.key = key
        for role in ROLES:
            frame = message.get(role)
            if role == "phones" and key is not None:
                self._deliver_phones(room.sockets[role], frame, message.get("answered"), key)
                continue
            if frame is None:
                continue
            for socket in list(room.sockets[role]):
                self._write(socket, frame)

    def _deliver_phones(self, sockets: set[Socket], others: str | None, answered: str | None, key: str) -> None:
        for socket in list(sockets):
            frame = answered if socket.answered == key else others
            if frame is not None:
                self._write(socket, frame)

    def _write(self, socket: Socket, frame: str) -> None:
        if socket.waiting is not None:
            socket.newest = frame  # the client is slow: keep only the newest frame
            return
        write = socket.write(frame)
        try:
            awaiting = write.send(None)
        except StopIteration:
            return  # the usual case: the frame went into the socket's buffer at once
        except Exception:
            logger.debug("live socket write failed", exc_info=True)
            return
        socket.waiting = asyncio.ensure_future(self._finish(socket, write, awaiting))

    async def _finish(self, socket: Socket, write, awaiting) -> None:
        """Drive a write that had to wait (full buffer), then send the newest frame kept meanwhile."""
        try:
            while True:
                while True:
                    if awaiting is None:
                        await asyncio.sleep(0)
                    else:
                        await asyncio.wait([awaiting])
                    try:
                        awaiting = write.send(None)
                    except StopIteration:
                        break
                frame, socket.newest = socket.newest, None
                if frame is None:
                    return
                write = socket.write(frame)
                awaiting = None
        except Exception:
            logger.debug("live socket write failed", exc_info=True)
        finally:
            socket.waiting = None

    # --- subscription and lifecycle -----------------------------------------------------------

    async def _listen(self) -> None:
        """Receive the layer's messages for as long as the process runs.

        An idle channel is not an error (the layer's blocking receive just waits again). A lost
        link is: it is logged as a WARNING, retried after a short back-off that grows while the
        server stays away, and once back the hub joins its sessions' groups again."""
        failures = 0
        while True:
            try:
                if failures:
                    await self.subscription.rejoin(list(self.rooms))
                    logger.info("live hub subscribed again after %d failed attempt(s)", failures)
                    failures = 0
                message = await self.subscription.receive()
            except broadcast.SubscriptionLost as error:
                failures += 1
                delay = min(RETRY_FIRST * 2 ** (failures - 1), RETRY_MAX)
                logger.warning("live hub lost its channel-layer subscription (%s); retrying in %.1f s", error, delay)
                await asyncio.sleep(delay)
                continue
            except asyncio.CancelledError:
                raise
            except Exception:  # a bug, not the network: say so loudly, but keep the hub alive
                failures += 1
                logger.exception("live hub failed to receive from the channel layer; retrying")
                await asyncio.sleep(RETRY_MAX)
                continue
            self.deliver(message)

    async def _close_room(self, code: str, room: _Room) -> None:
        if room.task is not None:
            await _stopped(room.task, f"the ticker of {code}")
        # Bounded: leaving a group is a Redis call, and a stuck link must not hold up a shutdown.
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.subscription.leave(code), timeout=STOP_WAIT)
        with contextlib.suppress(Exception):
            await run_sync(room.ticker.release)()

    async def shutdown(self) -> None:
        async with self._lock:
            for code, room in list(self.rooms.items()):
                await self._close_room(code, room)
            self.rooms.clear()
            if self._listener is not None:
                await _stopped(self._listener, "the channel-layer listener")
                self._listener = None


async def _stopped(task: asyncio.Task, what: str) -> None:
    """Cancel a task and wait for it at most STOP_WAIT seconds. channels_redis's blocking receive
    does not always end promptly when cancelled (seen in CI: a shutdown that never returned);
    a shutdown is bounded whatever a library does, and says what it left behind."""
    task.cancel()
    done, _ = await asyncio.wait({task}, timeout=STOP_WAIT)
    if not done:
        logger.info("live hub: %s did not stop within %.0f s of its cancellation; left to the event loop", what, STOP_WAIT)
        return
    if not task.cancelled():
        with contextlib.suppress(Exception):
            task.result()  # retrieved, so asyncio does not report it as never retrieved


_hubs: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Hub]" = weakref.WeakKeyDictionary()


def get_hub() -> Hub:
    """The hub of the running event loop (one per server process; tests get one per loop)."""
    loop = asyncio.get_running_loop()
    hub = _hubs.get(loop)
    if hub is None:
        hub = _hubs[loop] = Hub()
    return hub


def set_hub(hub: Hub) -> None:
    _hubs[asyncio.get_running_loop()] = hub
