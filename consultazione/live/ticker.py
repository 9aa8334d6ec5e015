"""Coalesced tallies: every tick the leader reads the counters once and publishes only what changed.

A vote never broadcasts anything. Whatever the vote rate, the presenter and the projector get at
most one frame per `period` and phones at most one per `audience_period`. The clock and the
publish function are injectable, so tests call `tick()` instead of sleeping.
"""

import asyncio
import dataclasses
import logging
import math
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from . import broadcast, conf, frames, selectors, shared_state
from .models import ANSWERED, PHONES
from .threads import run_sync

logger = logging.getLogger(__name__)


@dataclass
class _Sent:
    """What this leader last published to one audience: (state json, results json)."""

    state: str | None = None
    results: str | None = None
    at: float = -math.inf


class Ticker:
    def __init__(
        self,
        session_id: int,
        *,
        code: str,
        owner: str,
        clock: Callable[[], float] = time.monotonic,
        period: float | None = None,
        audience_period: float | None = None,
        publish: Callable[..., Awaitable[None]] = broadcast.publish,
    ):
        self.session_id = session_id
        self.code = code
        self.owner = owner
        self.clock = clock
        self.period = period if period is not None else conf.get("LIVE_TICK_SECONDS")
        self.audience_period = audience_period if audience_period is not None else conf.get("LIVE_AUDIENCE_TICK_SECONDS")
        self.publish = publish
        self._sent = {name: _Sent() for name in broadcast.AUDIENCES}
        self._leading = False
        self._lease_checked = -math.inf

    async def tick(self) -> dict | None:
        """One beat: returns the frames published (None when not the leader or nothing changed)."""
        frames_out = await run_sync(self._step)()
        if frames_out:
            await self.publish(self.code, **frames_out)
        return frames_out

    async def run(self) -> None:
        while True:
            started = self.clock()
            try:
                await self.tick()
            except Exception:
                logger.exception("live ticker failed for session %s", self.session_id)
            await asyncio.sleep(max(0.0, self.period - (self.clock() - started)))

    def release(self) -> None:
        shared_state.lease_release(self.code, self.owner)
        self._leading = False
        self._lease_checked = -math.inf

    def _lead(self) -> bool:
        """Hold (or try to take) the lease, asking the cache only every third of its lifetime."""
        ttl = conf.get("LIVE_LEADER_LEASE_SECONDS")
        if self.clock() - self._lease_checked >= ttl / 3:
            self._lease_checked = self.clock()
            leading = shared_state.lease_hold(self.code, self.owner, ttl)
            if leading and not self._leading:
                self._sent = {name: _Sent() for name in self._sent}  # a new leader starts from a full state
            self._leading = leading
        return self._leading

    def _step(self) -> dict | None:
        if not self._lead():
            return None
        ts = frames.now_ms()
        tally = selectors.live_tally(self.session_id)
        if tally is None:
            return None
        now = self.clock()
        digests = {name: self._digest(tally, name) for name in broadcast.AUDIENCES}
        # Phones that answered get their own frame only while they may see more than the others.
        split = digests[ANSWERED] != digests[PHONES]
        wanted = {
            name: self._due(name, digests[name], now, throttle=self.audience_period if name in (PHONES, ANSWERED) else 0.0)
            for name in broadcast.AUDIENCES
        }
        if not split:
            wanted[ANSWERED] = None
        if not any(wanted.values()):
            return None
        version = shared_state.version_next(self.code)
        out = {}
        for name, kind in wanted.items():
            if kind is None:
                continue
            build = frames.state if kind == "state" else frames.result
            out[name] = frames.dumps(build(tally, version=version, ts=ts, **frames.audience_of(name)))
            sent = self._sent[name]
            sent.state, sent.results = digests[name]
            sent.at = now
        if not split:
            self._sent[ANSWERED] = dataclasses.replace(self._sent[PHONES])
        elif out.get(PHONES) or out.get(ANSWERED):
            out["key"] = frames.question_key(tally)
        return out

    @staticmethod
    def _digest(tally, name: str) -> tuple[str, str]:
        state = frames.dumps({"s": frames.session_payload(tally) | {"participants": 0}, "q": frames.question_payload(tally)})
        results = frames.dumps({"p": tally.participants, "r": frames.results_payload(tally, **frames.audience_of(name))})
        return state, results

    def _due(self, name: str, digest: tuple[str, str], now: float, *, throttle: float) -> str | None:
        """'state' if the screen changed, 'result' if only the counters did, None if nothing to send."""
        sent = self._sent[name]
        if digest[0] != sent.state:
            return "state"
        if digest[1] != sent.results and now - sent.at >= throttle:
            return "result"
        return None
