"""The client side of bench/live_load.py: N phones and one projector over real WebSockets.

Phones behave like live-phone.js: hello with their last version, one answer in flight at a time,
acks matched by client vote id, reconnect with full-jitter backoff and resend what was not acked.
Latency vote→projector = (arrival of the first projector frame built after the vote was committed)
− (moment the vote was sent); "built after" compares the frame's `ts` with the ack's `at`, both
server clocks on this host.
"""

import asyncio
import bisect
import contextlib
import json
import random
import time
import uuid
from dataclasses import dataclass, field

from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus, WebSocketException

TICK_PREFIXES = ('{"type":"result"', '{"type":"state"')
BACKOFF_BASE = 0.5
BACKOFF_CAP = 5.0


def now_ms() -> float:
    return time.time() * 1000


@dataclass
class Vote:
    choice: int
    sent: float
    acked: float | None = None
    at: float | None = None


@dataclass
class Phone:
    index: int
    url: str
    origin: str
    cookie: str
    version: int = 0
    socket: object = None
    frames: int = 0
    snapshots: int = 0
    resynced_at: float | None = None
    pending: dict = field(default_factory=dict)  # cvid -> Vote
    accepted: int | None = None  # option id of the last accepted vote
    votes: list = field(default_factory=list)
    rejected: int = 0


class Swarm:
    def __init__(self, *, ports: list[int], code: str, cookies: list[str], options: list[int]):
        self.code = code
        self.options = options
        self.phones = [
            Phone(
                i, f"ws://127.0.0.1:{ports[i % len(ports)]}/ws/live/{code}/", f"http://127.0.0.1:{ports[i % len(ports)]}", cookie
            )
            for i, cookie in enumerate(cookies)
        ]
        self.projector_url = f"ws://127.0.0.1:{ports[0]}/ws/live/{code}/?role=projector"
        self.projector_origin = f"http://127.0.0.1:{ports[0]}"
        self.projector_frames: list[tuple[float, float, int, dict]] = []  # (ts, arrival, total, counts)
        self.counting = False
        self.stopping = False
        self.tasks: list[asyncio.Task] = []
        self.client_lag_ms: list[float] = []
        self.pong_ms: list[float] = []

    # --- sockets ----------------------------------------------------------------------------

    async def _socket_loop(self, url, origin, headers, on_open, on_frame):
        attempt = 0
        while not self.stopping:
            try:
                async with connect(
                    url, origin=origin, additional_headers=headers, compression=None, ping_interval=None,
                    open_timeout=60, close_timeout=1, max_queue=None,
                ) as socket:  # fmt: skip
                    attempt = 0
                    await on_open(socket)
                    async for raw in socket:
                        on_frame(raw)
            except (OSError, TimeoutError, WebSocketException, InvalidStatus):
                pass
            if self.stopping:
                return
            on_frame(None)
            await asyncio.sleep(random.uniform(0, min(BACKOFF_CAP, BACKOFF_BASE * 2**attempt)) + 0.05)
            attempt += 1

    def _phone_task(self, phone: Phone) -> asyncio.Task:
        async def on_open(socket):
            phone.socket = socket
            await socket.send(json.dumps({"type": "hello", "version": phone.version}))

        def on_frame(raw):
            if raw is None:
                phone.socket = None
                return
            if raw.startswith(TICK_PREFIXES):  # most frames: just count them (the load generator must keep up)
                if self.counting:
                    phone.frames += 1
                return
            frame = json.loads(raw)
            kind = frame["type"]
            if kind == "snapshot":
                phone.version = frame["version"]
                phone.snapshots += 1
                phone.resynced_at = time.monotonic()
                for cvid, vote in phone.pending.items():  # resend what the server may not have stored
                    asyncio.ensure_future(self._send(phone, cvid, vote.choice))
            elif kind == "ack":
                vote = phone.pending.pop(frame["cvid"], None)
                if vote is None:
                    return
                if frame["status"] == "rejected":
                    phone.rejected += 1
                    return
                vote.acked, vote.at = now_ms(), frame.get("at")
                phone.accepted = frame["choices"][0]
                phone.votes.append(vote)

        return asyncio.ensure_future(self._socket_loop(phone.url, phone.origin, [("Cookie", phone.cookie)], on_open, on_frame))

    def _projector_task(self) -> asyncio.Task:
        async def on_open(socket):
            await socket.send(json.dumps({"type": "hello", "version": 0}))

        def on_frame(raw):
            frame = json.loads(raw) if raw else None
            if not frame or frame["type"] not in ("snapshot", "state", "result") or not frame.get("results"):
                return
            results = frame["results"]
            self.projector_frames.append((frame["ts"], now_ms(), results["total"], results.get("counts") or {}))

        return asyncio.ensure_future(self._socket_loop(self.projector_url, self.projector_origin, [], on_open, on_frame))

    async def _send(self, phone: Phone, cvid: str, choice: int) -> None:
        socket = phone.socket
        if socket is None:
            return
        with contextlib.suppress(WebSocketException):
            await socket.send(json.dumps({"type": "vote", "question": self.question, "choices": [choice], "cvid": cvid}))

    # --- phases -----------------------------------------------------------------------------

    async def connect_all(self, *, rate: float, timeout: float = 120.0) -> float:
        """Open every socket (paced at `rate` per second) and wait until each has its snapshot."""
        started = time.monotonic()
        self.tasks.append(self._projector_task())
        for phone in self.phones:
            self.tasks.append(self._phone_task(phone))
            await asyncio.sleep(1 / rate)
        await self.wait_resynced(since=0, timeout=timeout)
        return time.monotonic() - started

    async def wait_resynced(self, *, since: float, timeout: float) -> float | None:
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if all(phone.socket is not None and (phone.resynced_at or 0) > since for phone in self.phones):
                return time.monotonic() - started
            await asyncio.sleep(0.05)
        return None

    async def _watch(self, duration: float) -> None:
        """Client loop lag (is the load generator keeping up?) and ping→pong time on an idle socket."""
        async with connect(self.projector_url, origin=self.projector_origin, compression=None, ping_interval=None) as socket:
            started = time.monotonic()
            while time.monotonic() - started < duration:
                sent = time.monotonic()
                await asyncio.sleep(0.25)  # under the socket's message rate limit
                self.client_lag_ms.append((time.monotonic() - sent - 0.25) * 1000)
                sent = time.monotonic()
                await socket.send('{"type":"ping"}')
                while json.loads(await asyncio.wait_for(socket.recv(), timeout=10)).get("type") not in ("pong", "error"):
                    pass
                self.pong_ms.append((time.monotonic() - sent) * 1000)

    async def vote(self, *, question: int, rate: float, duration: float) -> int:
        """Send `rate` votes per second for `duration` seconds, each phone changing its answer."""
        self.question = question
        self.counting = True
        watcher = asyncio.ensure_future(self._watch(duration))
        sent, cursor, step = 0, 0, 0.01
        started = time.monotonic()
        while (elapsed := time.monotonic() - started) < duration:
            due = int(elapsed * rate) - sent
            for _ in range(due):
                for _attempt in range(len(self.phones)):
                    phone = self.phones[cursor]
                    cursor = (cursor + 1) % len(self.phones)
                    if phone.socket is not None and not phone.pending:
                        break
                else:
                    break
                choices = [option for option in self.options if option != phone.accepted]
                cvid = str(uuid.uuid4())
                phone.pending[cvid] = Vote(random.choice(choices), now_ms())
                asyncio.ensure_future(self._send(phone, cvid, phone.pending[cvid].choice))
                sent += 1
            await asyncio.sleep(step)
        self.counting = False
        self.voting_seconds = time.monotonic() - started
        await asyncio.gather(asyncio.wait_for(watcher, timeout=15), return_exceptions=True)
        return sent

    async def drain(self, timeout: float = 30.0) -> int:
        """Wait for the outstanding acks, then a little for the last projector frame."""
        started = time.monotonic()
        while any(phone.pending for phone in self.phones) and time.monotonic() - started < timeout:
            await asyncio.sleep(0.05)
        await asyncio.sleep(2.0)
        return sum(len(phone.pending) for phone in self.phones)

    async def stop(self) -> None:
        self.stopping = True
        for phone in self.phones:
            if phone.socket is not None:
                asyncio.ensure_future(phone.socket.close())
        await asyncio.sleep(0.5)
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)

    # --- figures ----------------------------------------------------------------------------

    def figures(self) -> dict:
        votes = [vote for phone in self.phones for vote in phone.votes]
        ts = [frame[0] for frame in self.projector_frames]
        to_projector, unseen = [], 0
        for vote in votes:
            index = bisect.bisect_left(ts, vote.at) if vote.at is not None else len(ts)
            if index < len(ts):
                to_projector.append(self.projector_frames[index][1] - vote.sent)
            else:
                unseen += 1
        acks = [vote.acked - vote.sent for vote in votes]
        expected: dict[int, int] = {}
        for phone in self.phones:
            if phone.accepted is not None:
                expected[phone.accepted] = expected.get(phone.accepted, 0) + 1
        last = self.projector_frames[-1] if self.projector_frames else (0, 0, 0, {})
        return {
            "accepted_votes": len(votes),
            "rejected_votes": sum(phone.rejected for phone in self.phones),
            "vote_to_projector_ms": percentiles(to_projector),
            "votes_not_seen_on_projector": unseen,
            "ack_ms": percentiles(acks),
            "client_loop_lag_ms": percentiles(self.client_lag_ms),
            "server_ping_pong_ms": percentiles(self.pong_ms),
            "resyncs": sum(max(0, p.snapshots - 1) for p in self.phones),  # reconnects (or stale versions)
            "frames_per_phone_per_s": sum(p.frames for p in self.phones) / len(self.phones) / max(self.voting_seconds, 1e-9),
            "expected_counts": expected,
            "projector_final_total": last[2],
            "projector_final_counts": {int(k): v for k, v in last[3].items()},
            "last_choice": {phone.index: phone.accepted for phone in self.phones},
        }


def percentiles(values: list[float]) -> dict:
    if not values:
        return {"n": 0}
    ordered = sorted(values)

    def at(p):
        return round(ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))], 1)

    return {"n": len(ordered), "p50": at(50), "p95": at(95), "p99": at(99), "max": round(ordered[-1], 1)}
