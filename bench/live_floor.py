"""The floor of bench/live_load.py: the least a server can do for the same plenary.

    .venv/bin/python bench/live_floor.py --port 8960 --redis redis://127.0.0.1:6390/0 --prefix floor:X [--leader]

A raw `websockets` server (no Django, no Channels, no database, no authentication, no rate limit,
no origin check) that speaks the part of the live protocol the benchmark's clients use, with the
same fan-out policy as the real server, so the difference between the two is the cost of the
framework and of durable storage, not of a different design:

- `hello` → a `snapshot` (the counts, for the projector);
- `vote` → one Redis script call (the phone's ballot in a hash, the option counters moved; a
  changed answer moves its old option down) → `ack` with the server time `at`;
- a ticker in ONE process (`--leader`, as the real server's per-session lease) reads the counters
  every `--tick` s (0.1 s, LIVE_TICK_SECONDS) and, when they changed, publishes a `result` frame for
  the projector through Redis pub/sub, and one for the phones at most every `--audience-tick` s
  (1 s, LIVE_AUDIENCE_TICK_SECONDS);
- every process subscribes and writes each frame straight to its own sockets.

The frame's `ts` is taken before the counters are read, so a frame with `ts` ≥ a vote's `at`
includes that vote (the clients measure vote→projector exactly as against the real server).
`run_floor` (used by live_load.py) starts two of them, drives the same swarm of phones and checks
the Redis ballots against what the phones were told.
"""

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path

import redis.asyncio as aioredis
from websockets.asyncio.server import broadcast, serve
from websockets.exceptions import ConnectionClosed

VOTE = """
local old = redis.call('HGET', KEYS[1], ARGV[1])
if old == ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if old then redis.call('HINCRBY', KEYS[2], old, -1) end
redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
return 1
"""


def now_ms() -> int:
    return int(time.time() * 1000)


def dumps(payload: dict) -> str:
    return json.dumps(payload, separators=(",", ":"))


class Floor:
    def __init__(self, args):
        self.args = args
        self.redis = aioredis.Redis.from_url(args.redis, decode_responses=True)
        self.ballots, self.counts, self.channel = f"{args.prefix}:ballots", f"{args.prefix}:counts", f"{args.prefix}:frames"
        self.queue: list[tuple[str, int, asyncio.Future]] = []
        self.queued = asyncio.Event()
        self.phones: set = set()
        self.projectors: set = set()

    async def results(self) -> dict:
        counts = {key: int(value) for key, value in (await self.redis.hgetall(self.counts)).items()}
        return {"total": sum(counts.values()), "counts": counts}

    async def handler(self, socket) -> None:
        projector = "role=projector" in socket.request.path
        audience = self.projectors if projector else self.phones
        participant = socket.request.headers.get("Cookie", "")
        audience.add(socket)
        try:
            async for raw in socket:
                message = json.loads(raw)
                kind = message.get("type")
                if kind == "hello":
                    snapshot = {"type": "snapshot", "version": 1, "ts": now_ms(), "results": await self.results()}
                    await socket.send(dumps(snapshot))
                elif kind == "vote" and not projector:
                    choice = int(message["choices"][0])
                    await self.vote(participant, choice)
                    ack = {"type": "ack", "cvid": message["cvid"], "status": "accepted", "choices": [choice], "at": now_ms()}
                    await socket.send(dumps(ack))
                elif kind == "ping":
                    await socket.send('{"type":"pong"}')
        except ConnectionClosed:
            pass  # a client that goes away (or times out its own socket) is not the floor's error
        finally:
            audience.discard(socket)

    async def vote(self, participant: str, choice: int) -> None:
        done = asyncio.get_running_loop().create_future()
        self.queue.append((participant, choice, done))
        self.queued.set()
        await done

    async def writer(self) -> None:
        """Group commit, as the real server's BallotWriter: the votes that arrived while the last
        batch was being written go in one pipeline (one round trip)."""
        sha = await self.redis.script_load(VOTE)
        while True:
            await self.queued.wait()
            self.queued.clear()
            batch, self.queue = self.queue, []
            pipeline = self.redis.pipeline(transaction=False)
            for participant, choice, _done in batch:
                pipeline.evalsha(sha, 2, self.ballots, self.counts, participant, choice)
            await pipeline.execute()
            for _participant, _choice, done in batch:
                done.set_result(None)

    async def ticker(self) -> None:
        last, last_phones, phones_at, version = None, None, 0.0, 1
        while True:
            await asyncio.sleep(self.args.tick)
            ts = now_ms()  # before the read: a frame stamped ts includes every vote acked before ts
            results = await self.results()
            if results == last:
                continue
            version += 1
            last = results
            frame = dumps({"type": "result", "version": version, "ts": ts, "results": results})
            await self.redis.publish(self.channel, "p" + frame)
            if results != last_phones and time.monotonic() - phones_at >= self.args.audience_tick:
                last_phones, phones_at = results, time.monotonic()
                await self.redis.publish(self.channel, "a" + frame)

    async def listen(self) -> None:
        subscription = self.redis.pubsub()
        await subscription.subscribe(self.channel)
        async for message in subscription.listen():
            if message["type"] != "message":
                continue
            data = message["data"]
            broadcast(self.projectors if data[0] == "p" else self.phones, data[1:])

    async def serve(self) -> None:
        await self.redis.delete(self.ballots, self.counts)
        tasks = [asyncio.ensure_future(self.listen()), asyncio.ensure_future(self.writer())]
        if self.args.leader:
            tasks.append(asyncio.ensure_future(self.ticker()))
        async with serve(
            self.handler, "127.0.0.1", self.args.port, compression=None, ping_interval=None, max_size=65536, backlog=8192
        ) as server:  # fmt: skip
            await asyncio.gather(server.serve_forever(), *tasks)  # a failing task stops the floor, loudly


# --- the client side (called by live_load.py) --------------------------------------------------


def run_floor(*, phones: int, ports: list[int], redis_url: str, options: list[int], args, logs: list[Path]) -> dict:
    """Start a floor server per port, seat `phones` phones, vote as against the real server, check."""
    import uvloop
    from live_clients import Swarm
    from live_services import start_process, stop

    prefix = f"floor:{int(time.time())}"
    processes = []
    try:
        for index, port in enumerate(ports):
            command = [sys.executable, __file__, "--port", str(port), "--redis", redis_url, "--prefix", prefix]
            command += ["--tick", str(args.tick), "--audience-tick", str(args.audience_tick)]
            command += ["--leader"] if index == 0 else []
            processes.append(start_process(command, port, {}, logs[index], args.nice, what="floor server"))
        cookies = [f"floor={n}" for n in range(phones)]
        figures = uvloop.run(_drive(Swarm(ports=ports, code="FLOOR", cookies=cookies, options=options), args))
    finally:
        stop(processes)
    figures.update(_verify(redis_url, prefix, cookies, figures))
    figures.pop("last_choice")
    return figures


async def _drive(swarm, args) -> dict:
    report = {"connect_s": round(await swarm.connect_all(rate=args.connect_rate), 2)}
    report["votes_sent"] = await swarm.vote(question=0, rate=args.rate, duration=args.duration)
    report["unacked_after_drain"] = await swarm.drain()
    report.update(swarm.figures())
    await swarm.stop()
    return report


def _verify(redis_url: str, prefix: str, cookies: list[str], figures: dict) -> dict:
    import redis

    client = redis.Redis.from_url(redis_url, decode_responses=True)
    ballots = {key: int(value) for key, value in client.hgetall(f"{prefix}:ballots").items()}
    counters = {int(key): int(value) for key, value in client.hgetall(f"{prefix}:counts").items()}
    client.delete(f"{prefix}:ballots", f"{prefix}:counts")
    last = figures["last_choice"]
    recount: dict[int, int] = {}
    for choice in ballots.values():
        recount[choice] = recount.get(choice, 0) + 1
    return {
        "ballots_in_db": len(ballots),
        "votes_lost_or_wrong": sum(1 for i, c in last.items() if c is not None and ballots.get(cookies[i]) != c),
        "double_counted": sum(counters.values()) - len(ballots),
        "live_counters_equal_recount": {k: v for k, v in counters.items() if v} == recount,
        "recount_equals_phones": recount == {k: v for k, v in figures["expected_counts"].items() if v},
        "projector_final_equals_recount": {k: v for k, v in figures["projector_final_counts"].items() if v} == recount,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--redis", required=True)
    parser.add_argument("--prefix", default="floor")
    parser.add_argument("--leader", action="store_true", help="this process runs the ticker")
    parser.add_argument("--tick", type=float, default=0.1)
    parser.add_argument("--audience-tick", type=float, default=1.0)
    import uvloop

    uvloop.run(Floor(parser.parse_args()).serve())


if __name__ == "__main__":
    main()
