"""The per-process hub: local sockets per session, one channel-layer subscription, one ticker per session.

Every frame arrives once per process (through `broadcast.Subscription`) and is written by the hub
straight to each local socket — projector and presenter first — instead of putting thousands of
consumers into a Channels group (110–290 µs per consumer per message against ~15 µs here).

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


class Socket:
    """What the hub needs from a consumer: a coroutine function that writes one text frame."""

    def __init__(self, write: Callable[[str], Awaitable[Any]]):
        self.write = write
        self.waiting: asyncio.Task | None = None
        self.newest: str | None = None


@dataclass
class _Room:
    sockets: dict[str, set[Socket]] = field(default_factory=lambda: {role: set() for role in ROLES})
    ticker: Ticker | None = None
    task: asyncio.Task | None = None

    def empty(self) -> bool:
        return not any(self.sockets.values())


class Hub:
    def __init__(self, *, subscription: broadcast.Subscription | None = None, autostart: bool | None = None):
        self.id = uuid.uuid4().hex
        self.subscription = subscription or broadcast.Subscription()
        self.autostart = conf.get("LIVE_TICKER_AUTOSTART") if autostart is None else autostart
        self.rooms: dict[int, _Room] = {}
        self._listener: asyncio.Task | None = None
        self._lock = asyncio.Lock()

    # --- sockets ------------------------------------------------------------------------------

    async def attach(self, session_id: int, role: str, socket: Socket) -> None:
        async with self._lock:
            if self._listener is None:
                await self.subscription.open()
                self._listener = asyncio.ensure_future(self._listen())
            room = self.rooms.get(session_id)
            if room is None:
                room = self.rooms[session_id] = _Room(ticker=Ticker(session_id, owner=self.id))
                await self.subscription.join(session_id)
                if self.autostart:
                    room.task = asyncio.ensure_future(room.ticker.run())
            room.sockets[role].add(socket)

    async def detach(self, session_id: int, role: str, socket: Socket) -> None:
        async with self._lock:
            room = self.rooms.get(session_id)
            if room is None:
                return
            room.sockets[role].discard(socket)
            if room.empty():
                del self.rooms[session_id]
                await self._close_room(session_id, room)

    def ticker(self, session_id: int) -> Ticker:
        return self.rooms[session_id].ticker

    def count(self, session_id: int) -> dict[str, int]:
        room = self.rooms.get(session_id)
        return {role: len(room.sockets[role]) if room else 0 for role in ROLES}

    # --- fan-out ------------------------------------------------------------------------------

    def deliver(self, message: dict) -> None:
        """Write the frames of one layer message to the local sockets of its session."""
        room = self.rooms.get(message.get("session"))
        if room is None:
            return
        for role in ROLES:
            frame = message.get(role)
            if frame is None:
                continue
            for socket in list(room.sockets[role]):
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
        while True:
            try:
                message = await self.subscription.receive()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("live hub lost its channel-layer subscription; retrying")
                await asyncio.sleep(1)
                continue
            self.deliver(message)

    async def _close_room(self, session_id: int, room: _Room) -> None:
        if room.task is not None:
            room.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await room.task
        await self.subscription.leave(session_id)
        with contextlib.suppress(Exception):
            await run_sync(room.ticker.release)()

    async def shutdown(self) -> None:
        async with self._lock:
            for session_id, room in list(self.rooms.items()):
                await self._close_room(session_id, room)
            self.rooms.clear()
            if self._listener is not None:
                self._listener.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await self._listener
                self._listener = None


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
